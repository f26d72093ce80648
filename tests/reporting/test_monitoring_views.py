"""Partners' monitoring forms: draft, submission (then read-only), reopening by the lead
partner with audit, periods not started, the partners × periods matrix, the API, who sees what,
and query counts."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, translation
from django.utils.html import escape
from django.utils.translation import gettext

from circuito.audit.models import AuditEntry
from reporting import periods
from reporting.models import MonitoringReport, WorkPackage
from reporting.services import monitoring as services
from tests.reporting.factories_expenditure import crowd, document_storage, today  # noqa: F401
from tests.reporting.factories_structure import org, outsider, structure  # noqa: F401

pytestmark = pytest.mark.django_db
WHO = ["owner", "colleague", "other", "lead", "outsider", "anonymous"]


def _as(client, crowd, who):  # noqa: F811
    if who != "anonymous":
        client.force_login(crowd[who])
    return client


def _refused_to_anonymous(response) -> bool:
    return response.status_code == 302 and "/accounts/login/" in response["Location"]


def _wp(code: str) -> WorkPackage:
    return WorkPackage.objects.get(code=code)


def _form_data(activities: str = "Ateliers avec les entreprises", problems: str = "") -> dict:
    wp = _wp("WP1")
    return {f"wp{wp.pk}_activities": activities, f"wp{wp.pk}_problems": problems}


def _submitted(code: str = "PACA", period: int = 2, actor=None) -> MonitoringReport:
    wp = _wp("WP1")
    return services.save_monitoring(
        org(code),
        period,
        entries={wp.pk: {"activities": f"Activités {code} secrètes", "problems": "Retard"}},
        submit=True,
        actor=actor,
    )


# --- services ----------------------------------------------------------------------------------


def test_draft_then_submit_then_read_only(crowd):  # noqa: F811
    wp = _wp("WP1")
    report = services.save_monitoring(
        org("PACA"), 2, entries={wp.pk: {"activities": "Réunions"}}, actor=crowd["colleague"]
    )
    assert report.status == "draft" and report.entries.get().activities == "Réunions"
    report = services.save_monitoring(
        org("PACA"), 2, entries={wp.pk: {"activities": "Réunions et ateliers"}}, submit=True, actor=crowd["owner"]
    )
    assert (report.status, report.submitted_by) == ("submitted", crowd["owner"])
    assert report.entries.get().activities == "Réunions et ateliers"
    with pytest.raises(ValidationError):
        services.save_monitoring(org("PACA"), 2, entries={wp.pk: {"activities": "changé"}}, actor=crowd["owner"])
    assert report.entries.get().activities == "Réunions et ateliers"
    assert AuditEntry.objects.filter(action="reporting.monitoring_submit").count() == 1


def test_submit_needs_activities_and_saves_nothing_otherwise(crowd):  # noqa: F811
    wp = _wp("WP1")
    with pytest.raises(ValidationError):
        services.save_monitoring(
            org("PACA"), 2, entries={wp.pk: {"problems": "Un souci"}}, submit=True, actor=crowd["owner"]
        )
    assert not MonitoringReport.objects.exists()


def test_period_not_started_is_refused(crowd):  # noqa: F811
    wp = _wp("WP1")
    with translation.override("it"):
        with pytest.raises(ValidationError) as exc:
            services.save_monitoring(org("PACA"), 4, entries={wp.pk: {"activities": "x"}}, actor=crowd["owner"])
        expected = gettext(
            "%(period)s has not started yet (it starts on %(start)s): it cannot be reported on before then."
        ) % {
            "period": periods.semester(4).label,
            "start": formats.date_format(periods.semester(4).start, "SHORT_DATE_FORMAT"),
        }
        assert exc.value.message_dict["period"] == [expected]
    assert not MonitoringReport.objects.exists()


def test_other_partners_and_the_lead_cannot_fill_a_partners_form(crowd):  # noqa: F811
    for who in ("other", "lead", "outsider"):
        with pytest.raises(PermissionDenied):
            _submitted(actor=crowd[who])
    assert not MonitoringReport.objects.exists()


def test_reopen_by_the_lead_partner_with_audit(crowd):  # noqa: F811
    report = _submitted(actor=crowd["owner"])
    with pytest.raises(PermissionDenied):
        services.reopen_monitoring(report, actor=crowd["owner"])
    report = services.reopen_monitoring(report, actor=crowd["lead"])
    assert (report.status, report.submitted_at) == ("draft", None)
    entry = AuditEntry.objects.get(action="reporting.monitoring_reopen")
    assert entry.actor == crowd["lead"] and entry.changes["status"] == ["submitted", "draft"]
    wp = _wp("WP1")
    services.save_monitoring(org("PACA"), 2, entries={wp.pk: {"activities": "corrigé"}}, actor=crowd["owner"])
    assert report.entries.get().activities == "corrigé"


# --- pages -------------------------------------------------------------------------------------

MATRIX = {"owner": 200, "colleague": 200, "other": 200, "lead": 200, "outsider": 403}
FORM = {"owner": 200, "colleague": 200, "other": 403, "lead": 200, "outsider": 403}


@pytest.mark.parametrize("who", WHO)
def test_matrix_access_and_content(client, crowd, who):  # noqa: F811
    _submitted("PACA", 1, crowd["owner"])
    wp = _wp("WP1")
    services.save_monitoring(org("MNCA"), 1, entries={wp.pk: {"activities": "Texte secret MNCA"}}, actor=crowd["other"])
    response = _as(client, crowd, who).get(reverse("reporting:monitoring_matrix"))
    if who == "anonymous":
        assert _refused_to_anonymous(response)
        return
    assert response.status_code == MATRIX[who]
    if response.status_code != 200:
        return
    body = response.content.decode()
    rows = {code for code in ("PACA", "MNCA", "LIG", "AURA") if f'<tr data-partner="{code}"' in body}
    expected = {"owner": {"PACA"}, "colleague": {"PACA"}, "other": {"MNCA"}}.get(who, {"PACA", "MNCA", "LIG", "AURA"})
    assert rows == expected
    if who == "lead":
        paca = body[body.index('<tr data-partner="PACA"') :]
        assert 'data-period="1" data-status="submitted"' in paca[: paca.index("</tr>")]
        mnca = body[body.index('<tr data-partner="MNCA"') :]
        assert 'data-period="1" data-status="draft"' in mnca[: mnca.index("</tr>")]
        assert 'data-period="2" data-status="missing"' in mnca[: mnca.index("</tr>")]
        assert 'data-period="4" data-status="future"' in mnca[: mnca.index("</tr>")]
        assert 'id="missing-forms"' in body
        # The draft's content never reaches the lead partner.
        assert "Texte secret MNCA" not in body


@pytest.mark.parametrize("who", WHO)
def test_form_page_access_for_a_submitted_form(client, crowd, who):  # noqa: F811
    _submitted(actor=crowd["owner"])
    response = _as(client, crowd, who).get(reverse("reporting:monitoring_form", args=["PACA", 2]))
    if who == "anonymous":
        assert _refused_to_anonymous(response)
        return
    assert response.status_code == FORM[who]
    if response.status_code == 200:
        body = response.content.decode()
        assert "Activités PACA secrètes" in body
        assert 'name="submit"' not in body  # read-only
        assert ('id="reopen"' in body) == (who == "lead")


@pytest.mark.parametrize("who", WHO)
def test_draft_form_is_the_partners_only(client, crowd, who):  # noqa: F811
    wp = _wp("WP1")
    services.save_monitoring(org("PACA"), 2, entries={wp.pk: {"activities": "Brouillon PACA"}}, actor=crowd["owner"])
    response = _as(client, crowd, who).get(reverse("reporting:monitoring_form", args=["PACA", 2]))
    if who == "anonymous":
        assert _refused_to_anonymous(response)
        return
    assert response.status_code == FORM[who]
    if response.status_code == 200:
        body = response.content.decode()
        assert ("Brouillon PACA" in body) == (who in ("owner", "colleague"))
        if who == "lead":
            assert 'id="not-submitted"' in body


@pytest.mark.parametrize("who", WHO)
def test_posting_a_form(client, crowd, who):  # noqa: F811
    data = {**_form_data(), "submit": "1"}
    response = _as(client, crowd, who).post(reverse("reporting:monitoring_form", args=["PACA", 2]), data)
    if who == "anonymous":
        assert _refused_to_anonymous(response)
    elif who in ("owner", "colleague"):
        assert response.status_code == 302
    else:
        assert response.status_code == 403
    submitted = MonitoringReport.objects.filter(partner=org("PACA"), status="submitted").exists()
    assert submitted == (who in ("owner", "colleague"))


@pytest.mark.parametrize("who", WHO)
def test_reopen_access(client, crowd, who):  # noqa: F811
    report = _submitted(actor=crowd["owner"])
    response = _as(client, crowd, who).post(reverse("reporting:monitoring_reopen", args=["PACA", 2]))
    if who == "anonymous":
        assert _refused_to_anonymous(response)
    elif who == "lead":
        assert response.status_code == 302
    else:
        assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == ("draft" if who == "lead" else "submitted")


def test_draft_then_submit_through_the_page(client, crowd):  # noqa: F811
    client.force_login(crowd["colleague"])
    url = reverse("reporting:monitoring_form", args=["PACA", 2])
    body = client.get(url).content.decode()
    assert f'name="wp{_wp("WP1").pk}_activities"' in body and 'name="submit"' in body
    assert client.post(url, {**_form_data("Premier jet"), "save": "1"}).status_code == 302
    assert MonitoringReport.objects.get().status == "draft"
    assert client.post(url, {**_form_data("Version finale"), "submit": "1"}).status_code == 302
    report = MonitoringReport.objects.get()
    assert report.status == "submitted" and report.entries.get().activities == "Version finale"
    # Submitted: read-only, a further post is refused and changes nothing.
    assert client.post(url, {**_form_data("Trop tard"), "save": "1"}).status_code == 403
    assert report.entries.get().activities == "Version finale"


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_submitting_without_activities_is_explained(client, crowd, lang):  # noqa: F811
    client.force_login(crowd["owner"])
    data = {**_form_data(activities="", problems="Un problème"), "submit": "1"}
    response = client.post(f"/{lang}/reporting/monitoring/PACA/2/", data)
    assert response.status_code == 400
    with translation.override(lang):
        message = gettext(
            "Describe the activities carried out in at least one work package before submitting the form."
        )
    body = response.content.decode()
    assert escape(message) in body and "Un problème" in body
    assert not MonitoringReport.objects.exists()


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_period_not_started_page(client, crowd, lang):  # noqa: F811
    client.force_login(crowd["owner"])
    body = client.get(f"/{lang}/reporting/monitoring/PACA/4/").content.decode()
    assert 'id="not-started"' in body and 'id="monitoring-form"' not in body
    assert client.post(f"/{lang}/reporting/monitoring/PACA/4/", _form_data()).status_code == 400
    assert not MonitoringReport.objects.exists()


# --- API ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", WHO)
def test_api_monitoring_reports(client, crowd, who):  # noqa: F811
    submitted = _submitted("PACA", 1, crowd["owner"])
    wp = _wp("WP1")
    draft = services.save_monitoring(org("PACA"), 2, entries={wp.pk: {"activities": "b"}}, actor=crowd["owner"])
    response = _as(client, crowd, who).get("/api/v1/monitoring-reports/")
    if who in ("anonymous", "outsider"):
        assert response.status_code in (401, 403)
        return
    ids = {row["id"] for row in response.json()["results"]}
    expected = {
        "owner": {submitted.pk, draft.pk},
        "colleague": {submitted.pk, draft.pk},
        "other": set(),
        "lead": {submitted.pk},
    }[who]
    assert ids == expected


# --- query counts ------------------------------------------------------------------------------


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_matrix_and_api_query_counts_are_constant(client, crowd, django_assert_num_queries):  # noqa: F811
    client.force_login(crowd["lead"])
    urls = [reverse("reporting:monitoring_matrix"), "/api/v1/monitoring-reports/"]
    _submitted("PACA", 1, crowd["owner"])
    before = [_count(client, url) for url in urls]
    assert before == [9, 8]
    for code, user in (("MNCA", crowd["other"]), ("PACA", crowd["owner"])):
        for period in (2, 3):
            _submitted(code, period, user)
    _submitted("MNCA", 1, crowd["other"])
    with django_assert_num_queries(9):
        client.get(urls[0])
    assert _count(client, urls[1]) == before[1]
