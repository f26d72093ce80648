"""Indicators of the platform, checked against the records they count."""

import datetime as dt

import pytest
from django.utils import timezone

from circuito.geo.models import Territory
from tests.factories import RegionFactory
from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_network import ReferentFactory, SeminarFactory, italian_place
from tierslieux import indicators
from tierslieux.models import Place

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
YEAR_AGO = TODAY - dt.timedelta(days=365)


def test_places_registered_per_country_counts_published_places_created_by_the_end():
    PlaceFactory.create_batch(2)
    italian_place()
    PlaceFactory(status=Place.Status.DRAFT)
    late = PlaceFactory()
    Place.objects.filter(pk=late.pk).update(created_at=timezone.now() + dt.timedelta(days=40))
    assert indicators.places_registered(YEAR_AGO, TODAY) == {"FR": 2, "IT": 1}
    assert indicators.places_registered(YEAR_AGO, TODAY, territory=RegionFactory()) == {"FR": 2, "IT": 0}
    italy = Territory.objects.create(level=Territory.Level.COUNTRY, code="IT", name="Italia", country="IT")
    assert indicators.places_registered(YEAR_AGO, TODAY, territory=italy) == {"FR": 0, "IT": 1}


def test_seminars_held_and_referents_trained_in_the_period():
    french, italian = ReferentFactory(), ReferentFactory(place=italian_place())
    SeminarFactory(date=TODAY - dt.timedelta(days=10)).attendees.set([french.user, italian.user])
    SeminarFactory(date=TODAY - dt.timedelta(days=5)).attendees.set([french.user])
    SeminarFactory(date=TODAY - dt.timedelta(days=400)).attendees.set([ReferentFactory().user])  # before
    SeminarFactory(date=TODAY + dt.timedelta(days=10))  # planned, not held
    assert indicators.seminars_held(YEAR_AGO, TODAY + dt.timedelta(days=30)) == 2
    assert indicators.referents_trained(YEAR_AGO, TODAY) == 2
    assert indicators.referents_trained(YEAR_AGO, TODAY, territory=RegionFactory()) == 1


def test_request_and_event_indicators_are_re_exported():
    assert indicators.service_requests(YEAR_AGO, TODAY) == 0
    assert indicators.cross_border_uses(YEAR_AGO, TODAY) == 0
    assert indicators.events_held(YEAR_AGO, TODAY) == 0
    assert indicators.event_participants(YEAR_AGO, TODAY) == 0
    assert indicators.b2b_meetings(YEAR_AGO, TODAY) == 0
