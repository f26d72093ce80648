"""In a browser, in French and in Italian: lead partner staff generate a semestrial report, watch
its progress, then download the PDF and the XLSX, whose figures match the records."""

from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

from circuito.jobs import services as job_services
from circuito.jobs.tasks import run_job
from reporting.exporters.labels import category_label
from reporting.models import CostCategory, Report
from tests.reporting.factories_reports import records, xlsx_expenditure  # noqa: F401
from tests.reporting.factories_structure import structure  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.parametrize("language", ["fr", "it"])
def test_lead_partner_generates_and_downloads_a_semestrial_report(page, live_server, records, monkeypatch, language):  # noqa: F811
    # Hold the job back (as a busy worker would) so the page shows it waiting, then run it.
    queued: list[str] = []
    monkeypatch.setattr(job_services, "_send", queued.append)
    _log_in(page, records["lead"], live_server)

    page.goto(f"/{language}/reporting/reports/")
    page.locator("select[name=kind]").select_option("semestrial")
    page.locator("select[name=semester]").select_option("2")
    page.locator("select[name=language]").select_option(language)
    page.locator("#report-form button[type=submit]").click()

    page.wait_for_url(f"**/{language}/reporting/reports/*/")
    status = page.locator("#report-status")
    assert status.get_attribute("data-report-status") == "pending"
    assert page.locator("#report-status [role=progressbar]").is_visible()
    with translation.override(language):
        assert gettext("Waiting for its turn to start…") in status.inner_text()

    assert len(queued) == 1
    run_job.apply(args=[queued[0]])

    # The page polls its status block until the downloads appear.
    page.locator("#report-status[data-report-status=ready]").wait_for()
    with page.expect_download() as pdf_download:
        page.locator("#report-status a[data-download=pdf]").click()
    assert Path(pdf_download.value.path()).read_bytes().startswith(b"%PDF-")
    assert pdf_download.value.suggested_filename == f"circuito-semestrial-2-{language}.pdf"
    with page.expect_download() as xlsx_download:
        page.locator("#report-status a[data-download=xlsx]").click()
    content = Path(xlsx_download.value.path()).read_bytes()
    with translation.override(language):
        rows = xlsx_expenditure(content)
        staff = rows[("LIG", category_label(CostCategory.STAFF))]
    assert staff == (Decimal("10000.00"), Decimal("1000.00"), Decimal("500.25"), Decimal("1500.25"))

    report = Report.objects.get()
    assert (report.language, report.status) == (language, Report.Status.READY)
    # The list shows it, with its downloads.
    page.goto(f"/{language}/reporting/reports/")
    assert page.locator("#report-table a[data-download=xlsx]").count() == 1
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
