"""Indicators of the flux exchange, checked against records."""

import datetime as dt

import pytest
from django.utils import timezone

from bourseflux import indicators
from bourseflux.models import AwarenessMeeting, Flow, Synergy, SynergyStageChange
from circuito.geo.models import Territory
from tests.bourseflux.factories import SynergyFactory
from tests.bourseflux.factories_explore import aosta_commune, french_flow, italian_flow
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

JAN, JUN = dt.date(2026, 1, 1), dt.date(2026, 6, 30)


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(10)))


def stage(synergy: Synergy, to: str, day: dt.date) -> None:
    change = SynergyStageChange.objects.create(synergy=synergy, to_stage=to)
    SynergyStageChange.objects.filter(pk=change.pk).update(at=at(day))


@pytest.fixture
def records():
    it_offer = italian_flow(published_at=at(dt.date(2026, 2, 1)))
    fr_need = french_flow(published_at=at(dt.date(2026, 3, 1)))
    french_flow(published_at=at(dt.date(2025, 12, 31)))  # before the period
    french_flow(published_at=at(dt.date(2026, 2, 2)), status=Flow.Status.ARCHIVED)  # was mapped
    french_flow(published_at=None, status=Flow.Status.DRAFT)
    italian_flow(published_at=at(dt.date(2026, 2, 3)), is_estimate=True)
    done = SynergyFactory(offer=it_offer, need=fr_need, stage=Synergy.Stage.IMPLEMENTED, tonnes_per_year=120)
    stage(done, "proposed", dt.date(2026, 3, 2))
    stage(done, "discussion", dt.date(2026, 3, 10))
    stage(done, "implemented", dt.date(2026, 5, 1))
    late = SynergyFactory(offer=it_offer, need=french_flow(), stage=Synergy.Stage.IMPLEMENTED, tonnes_per_year=50)
    stage(late, "implemented", dt.date(2026, 7, 1))  # after the period
    return it_offer, fr_need


def test_flows_mapped(records):
    assert indicators.flows_mapped(JAN, JUN) == {"offers": 1, "needs": 2}
    aosta = Territory.objects.get(code="AO")
    assert indicators.flows_mapped(JAN, JUN, aosta) == {"offers": 1, "needs": 0}
    italy = Territory.objects.create(level="country", code="IT", name="Italia", country="IT")
    assert indicators.flows_mapped(JAN, JUN, italy) == {"offers": 1, "needs": 0}
    assert indicators.flows_mapped(dt.date(2026, 2, 1), dt.date(2026, 2, 1)) == {"offers": 1, "needs": 0}


def test_synergies_by_stage(records):
    counts = indicators.synergies_by_stage(JAN, JUN)
    assert counts == {"proposed": 1, "discussion": 1, "trial": 0, "implemented": 1, "abandoned": 0}
    assert indicators.synergies_by_stage(JAN, dt.date(2026, 12, 31))["implemented"] == 2


def test_tonnes_diverted(records):
    assert indicators.tonnes_diverted(JAN, JUN) == 120
    assert indicators.tonnes_diverted(JAN, dt.date(2026, 12, 31)) == 170
    region = Territory.objects.get(level="region", code="84")  # the French side of each
    assert indicators.tonnes_diverted(JAN, JUN, region) == 120
    assert indicators.tonnes_diverted(dt.date(2027, 1, 1), dt.date(2027, 12, 31)) == 0


def test_companies_involved(records):
    # it_offer's and fr_need's companies, plus the archived flow's one (published in February).
    assert indicators.companies_involved(JAN, JUN) == 3
    aosta = Territory.objects.get(code="AO")
    assert indicators.companies_involved(JAN, JUN, aosta) == 1
    # Only the late synergy's need side is new in July.
    assert indicators.companies_involved(dt.date(2026, 7, 1), dt.date(2026, 7, 31)) == 2


def test_awareness_meetings_held(records):
    aosta = aosta_commune()
    organiser = OrganisationFactory(kind="partner")
    for day in (dt.date(2026, 1, 15), dt.date(2026, 6, 30), dt.date(2026, 7, 1)):
        AwarenessMeeting.objects.create(
            title="Économie circulaire", date=day, commune=aosta, organiser=organiser, attendance=20
        )
    assert indicators.awareness_meetings_held(JAN, JUN) == 2
    assert indicators.awareness_meetings_held(JAN, JUN, Territory.objects.get(code="AO")) == 2
    assert indicators.awareness_meetings_held(JAN, JUN, Territory.objects.get(level="region", code="84")) == 0
