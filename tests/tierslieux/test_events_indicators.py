"""Event indicators for a period and a territory."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import CommuneFactory, RegionFactory, TerritoryFactory, UserFactory
from tests.tierslieux.factories import EventFactory, PlaceFactory
from tests.tierslieux.factories_events import b2b_event
from tierslieux.indicators_events import b2b_meetings, event_participants, events_held
from tierslieux.models import B2BSlot, Event, Registration
from tierslieux.services import b2b

pytestmark = pytest.mark.django_db


def test_events_participants_and_meetings_by_period_and_territory():
    now = timezone.now()
    liguria = RegionFactory(country="IT", code="07", name="Liguria")
    genoa = CommuneFactory(country="IT", department=TerritoryFactory(country="IT", code="GE", parent=liguria))
    event, manager = b2b_event(starts_at=now - dt.timedelta(days=5), place=PlaceFactory(commune=genoa))
    EventFactory(starts_at=now - dt.timedelta(days=3), kind=Event.Kind.WEBINAR, online=True, place=None)
    EventFactory(starts_at=now - dt.timedelta(days=4), published=False)
    EventFactory(starts_at=now + dt.timedelta(days=3))  # not held yet
    EventFactory(starts_at=now - dt.timedelta(days=400))  # out of the period
    # registrations were taken before the event started
    a, b, c = (Registration.objects.create(event=event, user=UserFactory()) for _ in range(3))
    Registration.objects.filter(pk__in=[a.pk, b.pk]).update(attended=True)
    for r in (a, b):
        b2b.save_profile(event, actor=r.user, summary="Hello")
    request = b2b.request_meeting(event, requester=a.user, invitee=b)
    b2b.answer_request(request, actor=b.user, accept=True)
    B2BSlot.objects.create(event=event, starts_at=event.starts_at, ends_at=event.starts_at + dt.timedelta(minutes=20))
    b2b.build_schedule(event, actor=manager)
    start, end = (now - dt.timedelta(days=30)).date(), now.date()
    assert events_held(start, end) == 2
    assert events_held(start, end, kind=Event.Kind.WEBINAR) == 1
    assert events_held(start, end, territory=liguria) == 1
    assert events_held(start, end, territory=RegionFactory()) == 0
    assert event_participants(start, end) == 2 and event_participants(start, end, territory=liguria) == 2
    assert b2b_meetings(start, end) == 1 and b2b_meetings(start, end, territory=RegionFactory()) == 0
