"""Indicators of events, counted from live records for a period and a territory.

Dates are inclusive `date`s in the portal's time zone; `territory` is a circuito.geo Territory
(country, region or department/province). An event counts where its place is, or else where its
commune is; an online event with neither counts only when no territory is asked.

- events held: published events that started in the period (and have started by now);
- event participants: registrations marked as attended, at events held in the period;
- B2B meetings: meetings placed in a slot (one per request, not per seat) in the period.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from circuito.geo.models import Territory
from tierslieux.models import B2BRequest, Event, Registration


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    low = timezone.make_aware(datetime.combine(start, time.min), tz)
    high = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz)
    return low, min(high, timezone.now())


def _territory(territory: Territory | None, prefix: str = "") -> Q:
    if territory is None:
        return Q()
    place, commune = f"{prefix}place__", f"{prefix}commune__department__"
    at_place = Q(**{f"{prefix}place__isnull": False})
    if territory.level == Territory.Level.COUNTRY:
        return (at_place & Q(**{f"{place}country": territory.country})) | (
            Q(**{f"{prefix}place__isnull": True}) & Q(**{f"{prefix}commune__country": territory.country})
        )
    if territory.level == Territory.Level.REGION:
        return (at_place & Q(**{f"{place}region": territory})) | (
            Q(**{f"{prefix}place__isnull": True}) & Q(**{f"{commune}parent": territory})
        )
    return (at_place & Q(**{f"{place}department": territory})) | (
        Q(**{f"{prefix}place__isnull": True}) & Q(**{f"{prefix}commune__department": territory})
    )


def _held(start: date, end: date, territory: Territory | None, prefix: str = "") -> Q:
    low, high = _bounds(start, end)
    return _territory(territory, prefix) & Q(
        **{f"{prefix}published": True, f"{prefix}starts_at__gte": low, f"{prefix}starts_at__lt": high}
    )


def events_held(start: date, end: date, territory: Territory | None = None, kind: str | None = None) -> int:
    events = Event.objects.filter(_held(start, end, territory))
    if kind:
        events = events.filter(kind=kind)
    return events.count()


def event_participants(start: date, end: date, territory: Territory | None = None) -> int:
    return Registration.objects.filter(
        _held(start, end, territory, "event__"), status=Registration.Status.REGISTERED, attended=True
    ).count()


def b2b_meetings(start: date, end: date, territory: Territory | None = None) -> int:
    low, high = _bounds(start, end)
    return (
        B2BRequest.objects.filter(
            _territory(territory, "event__"),
            seats__slot__starts_at__gte=low,
            seats__slot__starts_at__lt=high,
        )
        .distinct()
        .count()
    )
