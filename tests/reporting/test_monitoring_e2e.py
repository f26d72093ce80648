"""In a browser, in French and in Italian: a partner saves its monitoring form as a draft, then
submits it; the lead partner sees it submitted in the matrix, reads it and reopens it."""

import pytest
from django.test import Client

from reporting.models import MonitoringReport, WorkPackage
from tests.reporting.factories_expenditure import crowd, document_storage, today  # noqa: F401
from tests.reporting.factories_structure import outsider, structure  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_partner_submits_and_lead_reads_and_reopens(page, live_server, crowd, lang):  # noqa: F811
    wp = WorkPackage.objects.get(code="WP1")
    _log_in(page, crowd["owner"], live_server)
    page.goto(f"/{lang}/reporting/monitoring/")
    cell = page.locator('#monitoring-matrix tr[data-partner="PACA"] td[data-period="2"]')
    assert cell.get_attribute("data-status") == "missing"
    cell.locator("a").click()
    page.wait_for_url(f"**/{lang}/reporting/monitoring/PACA/2/")
    page.locator(f"textarea[name=wp{wp.pk}_activities]").fill("Deux ateliers avec les CCI")
    page.locator("button[name=save]").click()
    page.wait_for_url(f"**/{lang}/reporting/monitoring/PACA/2/")
    assert MonitoringReport.objects.get().status == "draft"
    page.locator(f"textarea[name=wp{wp.pk}_problems]").fill("Retard de la plateforme")
    page.locator("button[name=submit]").click()
    page.wait_for_url(f"**/{lang}/reporting/monitoring/PACA/2/")
    assert page.locator(f"textarea[name=wp{wp.pk}_activities]").is_disabled()
    assert page.locator("button[name=submit]").count() == 0
    report = MonitoringReport.objects.get()
    assert report.status == "submitted" and report.submitted_by == crowd["owner"]

    _log_in(page, crowd["lead"], live_server)
    page.goto(f"/{lang}/reporting/monitoring/")
    cell = page.locator('#monitoring-matrix tr[data-partner="PACA"] td[data-period="2"]')
    assert cell.get_attribute("data-status") == "submitted"
    assert (
        page.locator('#monitoring-matrix tr[data-partner="MNCA"] td[data-period="2"]').get_attribute("data-status")
        == "missing"
    )
    cell.locator("a").click()
    page.wait_for_url(f"**/{lang}/reporting/monitoring/PACA/2/")
    assert page.locator(f"textarea[name=wp{wp.pk}_problems]").input_value() == "Retard de la plateforme"
    page.locator("#reopen").click()
    page.wait_for_url(f"**/{lang}/reporting/monitoring/PACA/2/")
    report.refresh_from_db()
    assert report.status == "draft"
    assert not page.console_errors
