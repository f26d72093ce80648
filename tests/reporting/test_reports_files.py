"""Generating a report end to end (eager job): the Report keeps its figures, its PDF and XLSX;
the XLSX read back equals the records; the PDF is made in French and in Italian; and the
numbers stay frozen when records change afterwards."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from circuito.audit.models import AuditEntry
from reporting.exporters.labels import category_label
from reporting.models import CostCategory, ExpenditureLine, Report
from reporting.services.reports import ensure_files, render, title
from tests.reporting.factories_reports import expenditure_row, records, sheets, xlsx_expenditure  # noqa: F401
from tests.reporting.factories_structure import make_meeting, org, outsider, people, structure  # noqa: F401

pytestmark = pytest.mark.django_db


def _generate(client, user, django_capture_on_commit_callbacks, *, language="fr", kind="semestrial", semester=2):
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reporting:report_create"),
            {"kind": kind, "semester": semester, "year": 1, "language": language},
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    report = Report.objects.get()
    assert response.url == reverse("reporting:report_detail", args=[report.pk])
    return report


def _download(client, report, fmt: str) -> bytes:
    response = client.get(reverse("reporting:report_download", args=[report.pk, fmt]))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_lead_partner_generates_a_semestrial_report(client, records, django_capture_on_commit_callbacks):  # noqa: F811
    report = _generate(client, records["lead"], django_capture_on_commit_callbacks)
    assert report.status == Report.Status.READY
    assert report.job.status == "done" and report.job.progress == 100
    assert (report.kind, report.period_index, report.language) == ("semestrial", 2, "fr")
    assert report.created_by == records["lead"]
    assert report.figures["period"]["semesters"] == [2]
    assert AuditEntry.objects.filter(action="reporting.report_request", object_id=str(report.pk)).exists()

    # The detail page and the list offer both downloads.
    page = client.get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    assert reverse("reporting:report_download", args=[report.pk, "pdf"]) in page
    assert reverse("reporting:report_download", args=[report.pk, "xlsx"]) in page
    listing = client.get(reverse("reporting:report_list")).content.decode()
    assert reverse("reporting:report_download", args=[report.pk, "xlsx"]) in listing

    content = _download(client, report, "xlsx")
    with translation.override("fr"):
        rows = xlsx_expenditure(content)
        staff = rows[("LIG", category_label(CostCategory.STAFF))]
        external = rows[("PACA", category_label(CostCategory.EXTERNAL))]
        travel = rows[("LIG", category_label(CostCategory.TRAVEL))]
    assert staff == (Decimal("10000.00"), Decimal("1000.00"), Decimal("500.25"), Decimal("1500.25"))
    assert external == (Decimal("250.00"), Decimal("0.00"), Decimal("300.50"), Decimal("300.50"))
    assert travel[2] == Decimal("0.00")  # the draft line does not count

    deliverables = list(sheets(content)["Deliverables"].iter_rows(min_row=2, values_only=True))
    row = next(r for r in deliverables if r[2] == records["deliverable"].name_fr)
    assert (row[5], row[6], row[7], row[8]) == (records["deliverable"].target_count, 1, 2, 3)

    assert _download(client, report, "pdf").startswith(b"%PDF-")


@pytest.mark.parametrize("language", ["fr", "it"])
def test_pdf_and_xlsx_are_made_in_the_chosen_language(client, records, django_capture_on_commit_callbacks, language):  # noqa: F811
    report = _generate(client, records["lead"], django_capture_on_commit_callbacks, language=language)
    assert report.language == language and report.job.language == language
    pdf = _download(client, report, "pdf")
    assert pdf.startswith(b"%PDF-") and len(pdf) > 5000
    assert f"/Lang ({language})".encode() in pdf  # the document declares its language
    with translation.override(language):
        heading = title(report)
        staff_label = category_label(CostCategory.STAFF)
    assert report.figures["language"] == language
    workbook = load_workbook(BytesIO(_download(client, report, "xlsx")), read_only=True)
    assert workbook.worksheets[0]["A1"].value == heading
    assert ("LIG", staff_label) in xlsx_expenditure(_download(client, report, "xlsx"))
    response = client.get(reverse("reporting:report_download", args=[report.pk, "pdf"]))
    assert f'filename="circuito-semestrial-2-{language}.pdf"' in response["Content-Disposition"]


def test_figures_stay_frozen_when_records_change(client, records, django_capture_on_commit_callbacks):  # noqa: F811
    report = _generate(client, records["lead"], django_capture_on_commit_callbacks)
    before_figures = report.figures
    before = xlsx_expenditure(_download(client, report, "xlsx"))

    # Records change after the report was made.
    ExpenditureLine.objects.filter(partner=org("LIG"), period=2).update(amount=Decimal("9999.99"))
    make_meeting(7, city="Aosta", date=records["deliverable"].evidence.first().date)

    report.refresh_from_db()
    assert report.figures == before_figures
    assert xlsx_expenditure(_download(client, report, "xlsx")) == before

    # Files gone (storage restored from a backup…): rendered again from the stored figures.
    report.pdf.storage.delete(report.pdf.name)
    report.xlsx.storage.delete(report.xlsx.name)
    ensure_files(report)
    assert xlsx_expenditure(_download(client, report, "xlsx")) == before
    staff = expenditure_row(report.figures, "LIG", CostCategory.STAFF)
    assert staff["current"] == "500.25"

    # Rendering from the figures is deterministic in its numbers.
    _pdf, content = render(report.figures, report.language)
    assert xlsx_expenditure(content) == before


def test_a_failing_generation_marks_the_report_failed(
    client,
    records,  # noqa: F811
    django_capture_on_commit_callbacks,
    monkeypatch,
):
    from reporting.exporters import pdf

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(pdf, "render", broken)
    report = _generate(client, records["lead"], django_capture_on_commit_callbacks)
    assert report.status == Report.Status.FAILED
    assert report.job.status == "failed"
    page = client.get(reverse("reporting:report_detail", args=[report.pk])).content.decode()
    assert 'data-report-status="failed"' in page
    response = client.get(reverse("reporting:report_download", args=[report.pk, "pdf"]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    ("kind", "field", "index"), [("annual", "year", 1), ("intermediate", "semester", 3), ("final", "semester", "")]
)
def test_every_kind_of_report_is_generated(client, records, django_capture_on_commit_callbacks, kind, field, index):  # noqa: F811
    client.force_login(records["lead"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reporting:report_create"), {"kind": kind, field: index, "language": "it"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.kind, report.status) == (kind, Report.Status.READY)
    assert _download(client, report, "pdf").startswith(b"%PDF-")
    content = _download(client, report, "xlsx")  # a request activates its URL's language: read outside
    with translation.override("it"):
        external = xlsx_expenditure(content)[("PACA", category_label(CostCategory.EXTERNAL))]
    assert external[3] == Decimal(expenditure_row(report.figures, "PACA", CostCategory.EXTERNAL)["cumulative"])
