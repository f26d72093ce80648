"""Indicators of service requests, counted from live records for a period and a territory.

Dates are inclusive `date`s in the portal's time zone; `territory` is a circuito.geo Territory
(country, region or department/province) and a request counts where its place is.

- service requests: requests sent in the period;
- cross-border uses: requests between a company and a place of different countries that first
  reached “agreed” (or “done”) in the period, from the status changes in the audit log, so a use
  is counted once, in the period it was agreed.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Min, Q
from django.utils import timezone

from circuito.audit.models import AuditEntry
from circuito.geo.models import Territory
from tierslieux.models import ServiceRequest

REACHED = (ServiceRequest.Status.AGREED, ServiceRequest.Status.DONE)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, day after end 00:00) as aware datetimes in the portal's time zone."""
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


def _territory(territory: Territory | None) -> Q:
    if territory is None:
        return Q()
    if territory.level == Territory.Level.COUNTRY:
        return Q(place__country=territory.country)
    if territory.level == Territory.Level.REGION:
        return Q(place__region=territory)
    return Q(place__department=territory)


def service_requests(start: date, end: date, territory: Territory | None = None) -> int:
    low, high = _bounds(start, end)
    return ServiceRequest.objects.filter(_territory(territory), created_at__gte=low, created_at__lt=high).count()


def cross_border_uses(start: date, end: date, territory: Territory | None = None) -> int:
    low, high = _bounds(start, end)
    candidates = ServiceRequest.objects.filter(_territory(territory), cross_border=True, status__in=REACHED)
    ids = [str(pk) for pk in candidates.values_list("pk", flat=True)]
    if not ids:
        return 0
    first_reached = (
        AuditEntry.objects.filter(action="tierslieux.request_status", object_id__in=ids)
        .filter(Q(changes__status__1=REACHED[0]) | Q(changes__status__1=REACHED[1]))
        .values("object_id")
        .annotate(first=Min("created_at"))
        .filter(first__gte=low, first__lt=high)
    )
    return first_reached.count()
