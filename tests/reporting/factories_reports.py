"""Records a report is built from (budgets, expenditure, evidence, meetings, monitoring forms)
and helpers of the report tests (imported by the test modules)."""

import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from reporting.models import (
    CostCategory,
    Deliverable,
    DeliverableEvidence,
    ExpenditureLine,
    Meeting,
    MonitoringEntry,
    MonitoringReport,
    PartnerBudget,
    WorkPackage,
)
from tests.reporting.factories_structure import make_meeting, org

# Semester 2 of the project: months 7–12, 2019-07-01 to 2019-12-31.
S2_DAY = datetime.date(2019, 9, 10)
S1_DAY = datetime.date(2019, 3, 10)


def expenditure(partner_code: str, period: int, category: str, amount: str, *, declared: bool = True, **extra):
    partner = org(partner_code)
    day = S1_DAY if period == 1 else datetime.date(2019, 1, 1) + datetime.timedelta(days=182 * (period - 1) + 10)
    return ExpenditureLine.objects.create(
        partner=partner,
        entered_by_organisation=extra.pop("entered_by_organisation", partner),
        period=period,
        category=category,
        date_incurred=extra.pop("date_incurred", day),
        description=extra.pop("description", "Dépense"),
        amount=Decimal(amount),
        status=ExpenditureLine.Status.DECLARED if declared else ExpenditureLine.Status.DRAFT,
        declared_at=timezone.now() if declared else None,
        **extra,
    )


def manual_deliverable() -> Deliverable:
    return Deliverable.objects.filter(source=Deliverable.MANUAL, per_partner=False).order_by("pk").first()


def evidence(deliverable: Deliverable, day: datetime.date, count: int, partner_code: str = "LIG"):
    return DeliverableEvidence.objects.create(deliverable=deliverable, date=day, count=count, partner=org(partner_code))


def monitoring(partner_code: str, period: int, problems: str, actions: str) -> MonitoringReport:
    report = MonitoringReport.objects.create(
        partner=org(partner_code), period=period, status=MonitoringReport.Status.SUBMITTED, submitted_at=timezone.now()
    )
    MonitoringEntry.objects.create(
        report=report,
        work_package=WorkPackage.objects.order_by("order").first(),
        activities="Ateliers",
        problems=problems,
        corrective_actions=actions,
    )
    return report


@pytest.fixture
def records(structure):
    """Semester 1 and 2 records of LIG (lead) and PACA; lead and partner staff users."""
    lead, partner = structure
    for code in ("LIG", "PACA"):
        for category in CostCategory.values:
            PartnerBudget.objects.create(partner=org(code), category=category, amount=Decimal("10000.00"))
    PartnerBudget.objects.filter(partner=org("PACA"), category=CostCategory.EXTERNAL).update(amount=Decimal("250"))
    expenditure("LIG", 1, CostCategory.STAFF, "1000.00")
    expenditure("LIG", 2, CostCategory.STAFF, "500.25")
    expenditure("LIG", 2, CostCategory.TRAVEL, "200.00", declared=False)  # a draft: never in a report
    expenditure("PACA", 2, CostCategory.EXTERNAL, "300.50")
    expenditure("PACA", 3, CostCategory.EXTERNAL, "999.00")  # after the period
    deliverable = manual_deliverable()
    evidence(deliverable, S1_DAY, 1)
    evidence(deliverable, S2_DAY, 2, "PACA")
    make_meeting(2, city="Nice", date=datetime.date(2019, 7, 15), approved=True)
    make_meeting(1, kind=Meeting.Kind.VIDEOCONFERENCE, date=datetime.date(2019, 10, 3))
    make_meeting(3, city="Chambéry", date=datetime.date(2020, 2, 20))
    monitoring("PACA", 2, "Retard des marchés publics", "Procédure accélérée")
    return {"lead": lead, "partner": partner, "deliverable": deliverable}


def find_deliverable(figures: dict, pk: int) -> dict:
    for wp in figures["work_packages"]:
        for activity in wp["activities"]:
            for d in activity["deliverables"]:
                if d["id"] == pk:
                    return d
    raise AssertionError(f"deliverable {pk} not in the figures")


def expenditure_row(figures: dict, partner: str, category: str) -> dict:
    row = next(p for p in figures["expenditure"]["partners"] if p["code"] == partner)
    return next(c for c in row["categories"] if c["category"] == category)


SHEETS = [
    "Summary",
    "Key figures",
    "Progress",
    "Deliverables",
    "Indicators",
    "Portal indicators",
    "Breakdowns",
    "Target groups",
    "Activity figures",
    "Steering committee",
    "Expenditure",
    "Co-financing",
    "Problems and actions",
    "Annexes",
]


def sheets(content: bytes, *, read_only: bool = True) -> dict:
    """The workbook's sheets by their English name (the order of reporting.exporters.xlsx)."""
    workbook = load_workbook(BytesIO(content), read_only=read_only)
    assert len(workbook.worksheets) == len(SHEETS)
    return dict(zip(SHEETS, workbook.worksheets, strict=True))


def xlsx_expenditure(content: bytes) -> dict[tuple[str, str], tuple]:
    """{(partner code, category label): (budget, previous, current, cumulative)} read back with
    openpyxl from the Expenditure sheet."""
    sheet = sheets(content)["Expenditure"]
    result = {}
    for row in sheet.iter_rows(min_row=2, values_only=True):
        if row[0] and row[1]:
            result[(row[0], row[1])] = tuple(Decimal(str(v)).quantize(Decimal("0.01")) for v in row[2:6])
    return result


def _texts(flowable) -> list[str]:
    from reportlab.platypus import Paragraph, Table

    if isinstance(flowable, Paragraph):
        return [flowable.getPlainText()]
    if isinstance(flowable, str):
        return [flowable]
    if isinstance(flowable, Table):
        return [text for row in flowable._cellvalues for cell in row for text in _texts(cell)]
    if isinstance(flowable, list | tuple):
        return [text for item in flowable for text in _texts(item)]
    if hasattr(flowable, "_content"):  # KeepTogether
        return _texts(flowable._content)
    return []


def pdf_text(report) -> str:
    """The text of a report's PDF: read from the file with pypdf when it is installed, else from
    the ReportLab story the file was built from (the same figures, in the report's language)."""
    from django.utils import translation

    try:
        import pypdf
    except ImportError:
        from reporting.exporters.pdf import story
        from reporting.services.reports import title

        with translation.override(report.language):
            return "\n".join(_texts(story(report.figures, title(report))))
    with report.pdf.open("rb") as handle:
        return "\n".join(page.extract_text() for page in pypdf.PdfReader(BytesIO(handle.read())).pages)
