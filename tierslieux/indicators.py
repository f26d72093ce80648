"""Indicators of the Tiers-Lieux platform, counted from live records for the reporting app.

Dates are inclusive `date`s in the portal's time zone; `territory` is a circuito.geo Territory
(country, region or department/province).

- places registered: published places created on or before `end`, per country (a stock, so
  `start` is accepted for a uniform signature but does not restrict);
- referents trained: distinct people who attended a referent seminar held in the period (with a
  territory: those who keep a place in it);
- seminars held: referent seminars dated in the period, up to today.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q
from django.utils import timezone

from circuito.accounts.models import User
from circuito.geo.models import Territory
from tierslieux.indicators_events import b2b_meetings, event_participants, events_held
from tierslieux.indicators_requests import cross_border_uses, service_requests
from tierslieux.models import Place, Seminar

__all__ = [
    "b2b_meetings",
    "cross_border_uses",
    "event_participants",
    "events_held",
    "places_registered",
    "referents_trained",
    "seminars_held",
    "service_requests",
]


def _end_bound(end: date) -> datetime:
    return timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), timezone.get_current_timezone())


def _place_territory(territory: Territory | None, prefix: str = "") -> Q:
    if territory is None:
        return Q()
    if territory.level == Territory.Level.COUNTRY:
        return Q(**{f"{prefix}country": territory.country})
    if territory.level == Territory.Level.REGION:
        return Q(**{f"{prefix}region": territory})
    return Q(**{f"{prefix}department": territory})


def places_registered(start: date, end: date, territory: Territory | None = None) -> dict[str, int]:
    rows = (
        Place.objects.filter(_place_territory(territory), status=Place.Status.PUBLISHED, created_at__lt=_end_bound(end))
        .order_by()
        .values_list("country")
        .annotate(n=Count("pk"))
        .values_list("country", "n")
    )
    return {"FR": 0, "IT": 0, **dict(rows)}


def _held(start: date, end: date):
    return Seminar.objects.filter(date__gte=start, date__lte=min(end, timezone.localdate()))


def referents_trained(start: date, end: date, territory: Territory | None = None) -> int:
    people = User.objects.filter(seminars_attended__in=_held(start, end))
    if territory is not None:
        people = people.filter(referent_of__place__in=Place.objects.filter(_place_territory(territory)))
    return people.distinct().count()


def seminars_held(start: date, end: date) -> int:
    return _held(start, end).count()
