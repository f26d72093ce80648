"""Report pages, downloads and API: lead partner staff only (partner staff and outsiders get 403,
visitors the login page), translated refusals, and a list whose query count does not grow."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from circuito.jobs.models import Job
from reporting import periods
from reporting.models import Report
from reporting.services.reports import JOB_KIND, build_report
from tests.reporting.factories_reports import records  # noqa: F401
from tests.reporting.factories_structure import outsider, people, structure  # noqa: F401

pytestmark = pytest.mark.django_db


def _ready_report(user, **extra) -> Report:
    values = {
        "kind": Report.Kind.SEMESTRIAL,
        "period_start": datetime.date(2019, 1, 1),
        "period_end": datetime.date(2019, 6, 30),
        "period_index": 1,
        "language": "fr",
        "created_by": user,
    }
    values.update(extra)
    report = Report.objects.create(**values)
    build_report(report, lambda *args: None)
    return report


def _urls(report: Report) -> list[str]:
    return [
        reverse("reporting:report_list"),
        reverse("reporting:report_detail", args=[report.pk]),
        reverse("reporting:report_progress", args=[report.pk]),
        reverse("reporting:report_download", args=[report.pk, "pdf"]),
        reverse("reporting:report_download", args=[report.pk, "xlsx"]),
    ]


def test_only_lead_partner_staff_see_reports_and_downloads(client, records):  # noqa: F811
    report = _ready_report(records["lead"])
    client.force_login(records["lead"])
    for url in _urls(report):
        assert client.get(url).status_code == 200, url
    assert client.get(reverse("reporting:report_detail", args=[report.pk + 1000])).status_code == 404
    assert client.get(reverse("reporting:report_download", args=[report.pk, "docx"])).status_code == 404
    # Reloading the form's address leads back to the list that holds the form, not to an error page.
    response = client.get(reverse("reporting:report_create"))
    assert response.status_code == 302 and response["Location"] == reverse("reporting:report_list")


@pytest.mark.parametrize("who", ["partner", "outsider"])
def test_partners_and_outsiders_are_refused(client, records, people, who):  # noqa: F811
    report = _ready_report(records["lead"])
    client.force_login(people[who])
    for url in _urls(report):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("reporting:report_create"), {"kind": "semestrial", "semester": 1, "language": "fr"})
    assert response.status_code == 403
    assert client.get(reverse("reporting:report_create")).status_code == 403
    assert Report.objects.count() == 1
    assert client.get(reverse("reporting-report-list")).status_code == 403
    assert client.get(reverse("reporting-report-detail", args=[report.pk])).status_code == 403
    # Nor through the job pages: the report's job is not theirs to follow.
    job = Job.objects.create(kind=JOB_KIND, owner=records["lead"], params={"report": report.pk})
    assert client.get(reverse("jobs:detail", args=[job.pk])).status_code == 404


def test_visitors_are_sent_to_the_login_page(client, records):  # noqa: F811
    report = _ready_report(records["lead"])
    for url in _urls(report):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url, url
    assert client.get(reverse("reporting-report-list")).status_code in (401, 403)


@pytest.mark.parametrize("language", ["fr", "it"])
def test_a_period_not_started_is_refused_in_the_users_language(client, records, monkeypatch, language):  # noqa: F811
    monkeypatch.setattr(periods, "today", lambda: datetime.date(2019, 3, 1))
    client.force_login(records["lead"])
    with translation.override(language):
        url = reverse("reporting:report_create")
        response = client.post(url, {"kind": "semestrial", "semester": 3, "year": "", "language": "it"})
        expected = gettext(
            "This period starts on %(date)s and has not started yet: a report can only be made "
            "for a period that has started. Choose an earlier period."
        ) % {"date": date_format(datetime.date(2020, 1, 1), "DATE_FORMAT")}
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert 'value="3" selected' in response.content.decode()  # what the user chose is kept
    assert not Report.objects.exists()


def test_an_annual_report_needs_a_year(client, records):  # noqa: F811
    client.force_login(records["lead"])
    response = client.post(reverse("reporting:report_create"), {"kind": "annual", "language": "fr"})
    assert response.status_code == 400
    with translation.override("fr"):
        assert gettext("Choose a year of the project.") in response.content.decode()


def test_report_list_queries_do_not_grow(client, records, django_assert_max_num_queries):  # noqa: F811
    lead = records["lead"]
    client.force_login(lead)
    _ready_report(lead)
    client.get(reverse("reporting:report_list"))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("reporting:report_list")).status_code == 200
    for index in range(2, 5):
        _ready_report(lead, period_index=index, language="it")
    with django_assert_max_num_queries(len(one)):
        response = client.get(reverse("reporting:report_list"))
    assert response.content.decode().count('data-download="xlsx"') == 4


def test_api_lists_reports_with_their_downloads_and_figures(client, records):  # noqa: F811
    report = _ready_report(records["lead"])
    client.force_login(records["lead"])
    listing = client.get(reverse("reporting-report-list")).json()
    row = listing["results"][0]
    assert row["id"] == report.pk and row["status"] == "ready"
    assert row["downloads"]["xlsx"].endswith(reverse("reporting:report_download", args=[report.pk, "xlsx"]))
    assert "figures" not in row
    detail = client.get(reverse("reporting-report-detail", args=[report.pk])).json()
    assert detail["figures"] == report.figures


def test_four_clicks_make_one_report_per_kind_period_and_language(client, records):  # noqa: F811
    client.force_login(records["lead"])
    form = {"kind": "semestrial", "semester": 1, "language": "fr"}
    locations = {client.post(reverse("reporting:report_create"), form)["Location"] for _ in range(4)}
    assert len(locations) == 1 and Report.objects.count() == 1
    assert Job.objects.filter(kind=JOB_KIND, status=Job.Status.CREATED).count() == 1
    # Another language or another period is another report.
    client.post(reverse("reporting:report_create"), {**form, "language": "it"})
    client.post(reverse("reporting:report_create"), {**form, "semester": 2})
    assert Report.objects.count() == 3
    # Once the first one is finished, asking again makes a new one (figures may have changed).
    Job.objects.filter(pk=Report.objects.earliest("pk").job_id).update(status=Job.Status.DONE)
    client.post(reverse("reporting:report_create"), form)
    assert Report.objects.count() == 4


def test_the_database_refuses_two_unfinished_jobs_with_one_key(records):  # noqa: F811
    from django.db import IntegrityError, transaction

    from circuito.jobs.services import enqueue_job

    first = enqueue_job(JOB_KIND, owner=records["lead"], params={"report": 1}, dedupe_key="k")
    with pytest.raises(IntegrityError), transaction.atomic():
        enqueue_job(JOB_KIND, owner=records["lead"], params={"report": 2}, dedupe_key="k")
    Job.objects.filter(pk=first.pk).update(status=Job.Status.FAILED)
    enqueue_job(JOB_KIND, owner=records["lead"], params={"report": 3}, dedupe_key="k")
    enqueue_job(JOB_KIND, owner=records["lead"], params={"report": 4})  # no key: never refused
    enqueue_job(JOB_KIND, owner=records["lead"], params={"report": 5})
