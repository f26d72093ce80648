"""A change a referent saves to their place counts as verifying it; partner staff's edits do not."""

import datetime as dt

import pytest
from django.utils import timezone

from circuito.audit.models import AuditEntry
from tests.factories import CommuneFactory
from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_places import ReferentFactory, cuneo
from tierslieux.models import Place
from tierslieux.services import places as services

pytestmark = pytest.mark.django_db
LONG_AGO = dt.timedelta(days=200)


def _old_place() -> Place:
    return PlaceFactory(last_verified_at=timezone.now() - LONG_AGO)


def test_referent_saving_the_profile_verifies_the_place():
    place = _old_place()
    referent = ReferentFactory(place=place).user
    before = timezone.now()
    services.update_place(place, {"description_it": "Laboratorio aperto"}, actor=referent)
    place.refresh_from_db()
    assert place.last_verified_at >= before and place.last_verified_by == referent
    entry = AuditEntry.objects.get(action="tierslieux.place.update")
    assert set(entry.changes) == {"description_it", "last_verified_at", "last_verified_by"}


def test_referent_saving_the_hours_verifies_the_place():
    place = _old_place()
    referent = ReferentFactory(place=place).user
    services.save_opening_hours(place, [(0, dt.time(9), dt.time(12))], actor=referent)
    place.refresh_from_db()
    assert place.last_verified_at > timezone.now() - dt.timedelta(minutes=1)
    assert "last_verified_at" in AuditEntry.objects.get(action="tierslieux.place.hours").changes


def test_referent_changing_only_kinds_verifies_the_place():
    from tests.tierslieux.factories import PlaceKindFactory

    place = _old_place()
    referent = ReferentFactory(place=place).user
    services.update_place(place, {}, kinds=[PlaceKindFactory(code="coworking")], actor=referent)
    place.refresh_from_db()
    assert place.last_verified_at > timezone.now() - dt.timedelta(minutes=1)


def test_nothing_changed_or_partner_staff_edit_leaves_freshness_alone(partner_staff):
    place = _old_place()
    referent = ReferentFactory(place=place).user
    old = place.last_verified_at
    services.update_place(place, {"description_fr": place.description_fr}, actor=referent)  # no change
    services.update_place(place, {"phone": "+33 4 65 71 00 00"}, actor=partner_staff)
    services.save_opening_hours(place, [(1, dt.time(9), dt.time(12))], actor=partner_staff)
    place.refresh_from_db()
    assert place.last_verified_at == old


def test_new_commune_moves_the_place_to_its_point():
    place = PlaceFactory(commune=CommuneFactory(latitude=43.7, longitude=7.25))
    referent = ReferentFactory(place=place).user
    target = cuneo()
    services.update_place(place, {"commune": target}, actor=referent)
    place.refresh_from_db()
    assert (place.latitude, place.longitude, place.country) == (target.latitude, target.longitude, "IT")
