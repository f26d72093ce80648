"""The demo as the lead partner sees it: the project calendar runs over today, every demo record is
dated inside it, and a report of the running semester shows what the portal's pages show."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from reporting import periods

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # the demo refuses to run with DEBUG off
    call_command("load_territories", "--alcotra-only", verbosity=0)
    for name in settings.REFERENCE_DATA_COMMANDS:
        if name != "load_territories":
            call_command(name, verbosity=0)
    call_command("load_demo", verbosity=0)


def _dates(model, field: str, **filters) -> list[datetime.date]:
    values = model.objects.filter(**filters).values_list(field, flat=True)
    return [timezone.localdate(v) if isinstance(v, datetime.datetime) else v for v in values if v is not None]


def test_every_demo_record_is_dated_inside_the_calendar(demo):
    from bourseflux.models import Flow, SynergyStageChange
    from focusgroups.models import Response, Session
    from reporting.models import DeliverableEvidence, ExpenditureLine, Meeting, MonitoringReport
    from tierslieux.models import Event, Place, Seminar

    edition = periods.current_edition()
    today = periods.today()
    assert edition.number == 2 and edition.start <= today <= edition.end
    dated = {
        "sessions": _dates(Session, "date"),
        "places": _dates(Place, "created_at"),
        "flows": _dates(Flow, "published_at"),
        "synergies": _dates(SynergyStageChange, "at"),
        "events": _dates(Event, "starts_at"),
        "seminars": _dates(Seminar, "date"),
        "questionnaire responses": _dates(Response, "submitted_at"),
        "committees": _dates(Meeting, "date"),
        "expenditure": _dates(ExpenditureLine, "date_incurred"),
        "monitoring forms": _dates(MonitoringReport, "submitted_at"),
        "evidence": _dates(DeliverableEvidence, "date"),
    }
    for name, days in dated.items():
        assert days, f"no demo {name}"
        outside = [d for d in days if d not in edition]
        assert not outside, f"demo {name} dated outside {edition.start}–{edition.end}: {outside}"
    first, last = edition.first_index, edition.last_index
    for model in (ExpenditureLine, MonitoringReport):
        assert set(model.objects.values_list("period", flat=True)) <= set(range(first, last + 1))
