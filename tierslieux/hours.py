"""Opening hours: validation, "open now" (in Python and as a database filter), human rendering
per day and the OSM `opening_hours` format used by the open data exports.

Periods are stored in the place's local wall-clock time (Europe/Paris or Europe/Rome), so a
moment is converted to that zone before comparing: this stays right across DST changes.
"""

from collections.abc import Iterable
from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.dates import WEEKDAYS
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from tierslieux.models import OpeningHours, Place

ZONES = {"FR": ZoneInfo("Europe/Paris"), "IT": ZoneInfo("Europe/Rome")}
OSM_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
Period = tuple[int, time, time]  # weekday (0 = Monday), opens, closes


def _hm(value: time) -> str:
    return value.strftime("%H:%M")


def validate_periods(periods: Iterable[Period]) -> None:
    """Raise one ValidationError listing every problem, e.g. "Monday: 14:00–18:00 overlaps 12:00–15:00"."""
    errors: list[str] = []
    by_day: dict[int, list[tuple[time, time]]] = {}
    for weekday, opens, closes in periods:
        if closes <= opens:
            errors.append(
                _("%(day)s: closes at %(closes)s, which is not after it opens (%(opens)s). Fix the times.")
                % {"day": capfirst(WEEKDAYS[weekday]), "opens": _hm(opens), "closes": _hm(closes)}
            )
            continue
        by_day.setdefault(weekday, []).append((opens, closes))
    for weekday in sorted(by_day):
        seen: list[tuple[time, time]] = []
        for opens, closes in by_day[weekday]:
            for other_opens, other_closes in seen:
                if opens < other_closes and other_opens < closes:
                    errors.append(
                        _("%(day)s: %(period)s overlaps %(other)s. Merge them or change one of them.")
                        % {
                            "day": capfirst(WEEKDAYS[weekday]),
                            "period": f"{_hm(opens)}–{_hm(closes)}",
                            "other": f"{_hm(other_opens)}–{_hm(other_closes)}",
                        }
                    )
            seen.append((opens, closes))
    if errors:
        raise ValidationError(errors)


def local_time(place_country: str, at: datetime) -> datetime:
    return at.astimezone(ZONES.get(place_country, ZONES["FR"]))


def is_open(place: Place, at: datetime) -> bool:
    """Whether the place is open at the (aware) moment `at`; uses prefetched hours when present."""
    local = local_time(place.country, at)
    moment = local.time().replace(tzinfo=None)
    return any(
        period.weekday == local.weekday() and period.opens <= moment < period.closes
        for period in place.opening_hours.all()
    )


def open_now(queryset: QuerySet[Place], at: datetime) -> QuerySet[Place]:
    """Places open at `at`, as one EXISTS per country's time zone (no join duplicates)."""
    condition = Q()
    for country, zone in ZONES.items():
        local = at.astimezone(zone)
        periods = OpeningHours.objects.filter(
            place=OuterRef("pk"),
            weekday=local.weekday(),
            opens__lte=local.time().replace(tzinfo=None),
            closes__gt=local.time().replace(tzinfo=None),
        )
        condition |= Q(country=country) & Q(Exists(periods))
    return queryset.filter(condition)


def by_day(place: Place) -> list[tuple[str, str]]:
    """[(localised day name, "09:00–12:00, 14:00–18:00" or "Closed")] from Monday to Sunday."""
    days: dict[int, list[str]] = {d: [] for d in range(7)}
    for period in place.opening_hours.all():
        days[period.weekday].append(f"{_hm(period.opens)}–{_hm(period.closes)}")
    return [(capfirst(str(WEEKDAYS[d])), ", ".join(days[d]) or _("Closed")) for d in range(7)]


def osm_opening_hours(periods: Iterable[OpeningHours]) -> str:
    """The OSM opening_hours syntax, consecutive days with the same hours grouped: "Mo-Fr 09:00-18:00"."""
    days: dict[int, list[str]] = {d: [] for d in range(7)}
    for period in sorted(periods, key=lambda p: (p.weekday, p.opens)):
        days[period.weekday].append(f"{_hm(period.opens)}-{_hm(period.closes)}")
    rules: list[str] = []
    day = 0
    while day < 7:
        spans = days[day]
        end = day
        while end + 1 < 7 and days[end + 1] == spans:
            end += 1
        if spans:
            label = OSM_DAYS[day] if end == day else f"{OSM_DAYS[day]}-{OSM_DAYS[end]}"
            if end == day + 1:
                label = f"{OSM_DAYS[day]},{OSM_DAYS[end]}"
            rules.append(f"{label} {','.join(spans)}")
        day = end + 1
    return "; ".join(rules)
