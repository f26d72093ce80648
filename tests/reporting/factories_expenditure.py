"""Fixtures and helpers of the expenditure and monitoring tests (imported by the test modules).

People: PACA's owner (a member of the partner) and colleague (a member of its implementing body
CCIR-PACA), MNCA staff (another partner), the lead partner (LIG), a company member (outsider).
Today is 15 February 2020: semesters 1–3 have started (S3 runs January–June 2020), S4 has not."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reporting import periods
from reporting.models import CostCategory, ExpenditureLine, PartnerBudget
from tests.reporting.factories_structure import org, staff_user

TODAY = datetime.date(2020, 2, 15)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr(periods, "today", lambda: TODAY)
    return TODAY


@pytest.fixture
def document_storage(monkeypatch, tmp_path):
    """Supporting documents go to a temporary folder (the field resolved its storage at import)."""
    from django.core.files.storage import FileSystemStorage

    storage = FileSystemStorage(location=str(tmp_path / "private"), base_url=None)
    monkeypatch.setattr(ExpenditureLine._meta.get_field("document"), "storage", storage)
    return tmp_path / "private"


@pytest.fixture
def crowd(structure, outsider, today, document_storage):
    """Everyone who may knock at an expenditure page, with PACA's budget."""
    lead, owner = structure
    people = {
        "owner": owner,
        "colleague": staff_user("CCIR-PACA"),
        "other": staff_user("MNCA"),
        "lead": lead,
        "outsider": outsider,
    }
    set_budget("PACA", staff=10000, travel=2000)
    return people


def set_budget(code: str, **amounts) -> None:
    for category in CostCategory.values:
        PartnerBudget.objects.update_or_create(
            partner=org(code), category=category, defaults={"amount": Decimal(amounts.get(category, 0))}
        )


def make_line(code: str = "PACA", *, period: int = 2, status: str = "draft", **extra) -> ExpenditureLine:
    semester = periods.semester(period)
    values = {
        "partner": org(code),
        "entered_by_organisation": org(code),
        "period": period,
        "category": CostCategory.STAFF,
        "date_incurred": semester.start + datetime.timedelta(days=10),
        "description": f"Ligne {status} {code}",
        "amount": Decimal("100.00"),
        "status": status,
    }
    values.update(extra)
    if status == ExpenditureLine.Status.DECLARED:
        from django.utils import timezone

        values.setdefault("declared_at", timezone.now())
    return ExpenditureLine.objects.create(**values)


def pdf(name: str = "facture.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")
