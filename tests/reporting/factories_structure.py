"""Fixtures and helpers of the structure and committees tests (imported by the test modules)."""

import datetime

import pytest

from circuito.accounts.models import Organisation
from reporting.loaders import load_structure
from reporting.models import Meeting
from tests.factories import MembershipFactory, UserFactory


@pytest.fixture
def structure(lead_partner_staff, partner_staff):
    """The charter's structure and partners; LIG (lead) and PACA staff from the shared fixtures."""
    load_structure()
    return lead_partner_staff, partner_staff


@pytest.fixture
def outsider(db):
    """A company member: logged in, but not project partner staff."""
    return MembershipFactory().user


@pytest.fixture
def people(structure, outsider):
    lead, partner = structure
    return {"lead": lead, "partner": partner, "outsider": outsider}


@pytest.fixture
def evidence_storage(monkeypatch, tmp_path):
    """Evidence files go to a temporary folder (the field resolved its storage at import)."""
    from django.core.files.storage import FileSystemStorage

    from reporting.models import DeliverableEvidence

    storage = FileSystemStorage(location=str(tmp_path / "private"), base_url=None)
    monkeypatch.setattr(DeliverableEvidence._meta.get_field("file"), "storage", storage)
    return tmp_path / "private"


def org(code: str) -> Organisation:
    return Organisation.objects.get(partner_code=code)


def make_meeting(number: int = 1, *, kind=Meeting.Kind.IN_PERSON, approved: bool = False, **extra) -> Meeting:
    from django.utils import timezone

    values = {
        "number": number,
        "kind": kind,
        "city": "Imperia" if kind == Meeting.Kind.IN_PERSON else "",
        "date": datetime.date(2019, 1, 22),
        "agenda_fr": "Ordre du jour",
        "agenda_it": "Ordine del giorno",
        "minutes_fr": "Procès-verbal secret" if approved else "Brouillon secret",
        "minutes_it": "Verbale segreto" if approved else "",
    }
    values.update(extra)
    if approved:
        values.update(minutes_status=Meeting.MinutesStatus.APPROVED, approved_at=timezone.now())
    return Meeting.objects.create(**values)


def staff_user(code: str):
    return MembershipFactory(organisation=org(code), user=UserFactory()).user


def replace_indicator(monkeypatch, key: str, count=None) -> None:
    """Make the registered indicator `key` count with `count`, or unregister it (count None)."""
    import dataclasses

    from circuito import indicators

    if count is None:
        monkeypatch.delitem(indicators._registry, key)
    else:
        monkeypatch.setitem(indicators._registry, key, dataclasses.replace(indicators.get(key), count=count))
