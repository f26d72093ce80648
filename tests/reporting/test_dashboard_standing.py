"""The reporting panel of the user dashboard: where the project stands (same figures as the
structure page), and for lead partner staff the missing monitoring forms and the latest report."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from reporting import periods
from reporting.models import Activity, Deliverable, DeliverableEvidence, Indicator, Report
from reporting.progress import STATUS_LABELS, Calculator
from tests.reporting.factories_reports import monitoring
from tests.reporting.factories_structure import (  # noqa: F401
    make_meeting,
    org,
    outsider,
    people,
    structure,
)

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2019, 9, 10)  # project month 9, semester 2: semester 1 has ended


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr(periods, "today", lambda: TODAY)


def _dashboard(client, user, lang: str = "fr") -> str:
    client.force_login(user)
    with translation.override(lang):
        url = reverse("accounts:dashboard")
    return client.get(url).content.decode()


def _section(body: str, element_id: str, end: str = "</div>") -> str:
    start = body.index(f'id="{element_id}"')
    return body[start : body.index(end, start)]


def _status_counts(body: str) -> dict[str, int]:
    section = body[body.index('id="deliverable-statuses"') :]
    section = section[: section.index("</ul>")]
    return {k: int(v) for k, v in re.findall(r'data-status="(\w+)"><span data-count>(\d+)</span>', section)}


def _ready_report() -> Report:
    return Report.objects.create(
        kind=Report.Kind.SEMESTRIAL,
        period_start=datetime.date(2019, 1, 1),
        period_end=datetime.date(2019, 6, 30),
        period_index=1,
        language="it",
        status=Report.Status.READY,
    )


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_lead_sees_where_the_project_stands(client, people, lang):  # noqa: F811
    make_meeting(1, approved=True)  # a computed deliverable and indicator move
    monitoring("PACA", 1, "Retards", "Relances")
    deliverable = Deliverable.objects.filter(source=Deliverable.MANUAL, per_partner=False).order_by("pk").first()
    DeliverableEvidence.objects.create(
        deliverable=deliverable, date=datetime.date(2019, 2, 1), count=deliverable.target_count, partner=org("LIG")
    )
    report = _ready_report()
    body = _dashboard(client, people["lead"], lang)
    with translation.override(lang):
        semester = periods.semester(2)
        assert gettext("Where the project stands") in body
        month = body[body.index('id="standing-month"') :]
        assert gettext("Project month %(m)s — %(p)s") % {"m": 9, "p": semester.label} in month[: month.index("</p>")]
        for label in (STATUS_LABELS["done"], STATUS_LABELS["on_track"], STATUS_LABELS["not_started"]):
            assert str(label) in _section(body, "project-standing", "</ul>")
        assert gettext("Monitoring forms") in body
        assert periods.semester(1).label in body
        assert gettext("Latest report") in body
        assert report.get_kind_display() in body
    expected = dict.fromkeys(["done", "on_track", "late", "not_started"], 0)
    for wp in Calculator().structure():
        for activity in wp.activities:
            for item in activity.deliverables:
                expected[item.status] = expected.get(item.status, 0) + 1
    assert _status_counts(body) == {k: v for k, v in expected.items() if v or k != "unknown"}
    assert expected["done"] >= 1
    # Indicators drawn with their targets, one bar each.
    indicators = _section(body, "standing-indicators", 'id="standing-lead"')
    computed = [i for i in Calculator().indicators() if i["achieved"] is not None]
    assert computed
    assert indicators.count('class="bar-target"') == len(computed)
    for row in computed:
        assert row["indicator"].code in indicators
    # Who has not submitted semester 1's form: every partner but PACA.
    missing = body[body.index('id="monitoring-missing"') :]
    missing = missing[: missing.index("</ul>")]
    assert ">PACA<" not in missing and ">LIG<" in missing
    assert reverse("reporting:monitoring_form", args=["LIG", 1]) in missing
    # The latest report and its downloads.
    assert reverse("reporting:report_download", args=[report.pk, "pdf"]) in body
    assert reverse("reporting:report_download", args=[report.pk, "xlsx"]) in body
    for name in ("reporting:index", "reporting:overview", "reporting:gantt", "reporting:report_list"):
        assert reverse(name) in body


def test_counts_follow_the_structure_page(client, people):  # noqa: F811
    """Evidence that completes a manual deliverable moves it to "done" on the dashboard too."""
    deliverable = Deliverable.objects.filter(source=Deliverable.MANUAL, per_partner=False).order_by("pk").first()
    before = _status_counts(_dashboard(client, people["partner"]))
    DeliverableEvidence.objects.create(
        deliverable=deliverable, date=datetime.date(2019, 2, 1), count=deliverable.target_count, partner=org("PACA")
    )
    after = _status_counts(_dashboard(client, people["partner"]))
    assert after["done"] == before["done"] + 1
    assert sum(after.values()) == sum(before.values()) == Deliverable.objects.count()


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_partner_sees_progress_but_not_the_lead_block(client, people, lang):  # noqa: F811
    _ready_report()
    body = _dashboard(client, people["partner"], lang)
    assert 'id="project-standing"' in body
    assert 'id="deliverable-statuses"' in body
    assert 'id="standing-indicators"' in body
    assert 'id="standing-lead"' not in body
    with translation.override(lang):
        assert gettext("Where the project stands") in body
        assert gettext("Latest report") not in body
        assert gettext("Monitoring forms") not in body
    assert "/reports/" not in body


def test_company_user_sees_no_panel(client, people):  # noqa: F811
    body = _dashboard(client, people["outsider"])
    assert 'id="reporting-panel"' not in body
    assert 'id="project-standing"' not in body


def test_anonymous_visitor_is_sent_to_login(client, people):  # noqa: F811
    response = client.get(reverse("accounts:dashboard"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_before_any_period_ended_the_lead_is_told(client, people, monkeypatch):  # noqa: F811
    monkeypatch.setattr(periods, "today", lambda: datetime.date(2019, 3, 1))
    body = _dashboard(client, people["lead"])
    with translation.override("fr"):
        assert gettext("No reporting period has ended yet.") in body
        assert gettext("No report generated yet.") in body


def _grow(rows: int) -> None:
    """More deliverables (manual, on one activity) and evidence rows."""
    activity = Activity.objects.order_by("pk").first()
    top = max(activity.deliverables.values_list("order", flat=True), default=0)
    for n in range(rows):
        item = Deliverable.objects.create(
            activity=activity, name=f"Livrable {n}", target_count=3, responsible=org("LIG"), order=top + 1 + n
        )
        for day in (1, 2):
            DeliverableEvidence.objects.create(
                deliverable=item, date=datetime.date(2019, 2, day), count=1, partner=org("PACA")
            )
    Indicator.objects.create(code=f"X.{rows}", kind=Indicator.Kind.OUTPUT, name="Extra", target=5, order=99)


def test_query_count_is_constant(client, people, django_assert_num_queries):  # noqa: F811
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _grow(1)
    monitoring("PACA", 1, "Retards", "Relances")
    _ready_report()
    client.force_login(people["lead"])
    url = reverse("accounts:dashboard")
    client.get(url)  # warm caches (charter data, sessions)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _grow(40)
    monitoring("LIG", 1, "Retards", "Relances")
    _ready_report()
    with django_assert_num_queries(len(few)):
        body = client.get(url).content.decode()
    assert "Livrable 39" not in body  # counted, not listed
    assert len(few) < 60
