"""Reads of equipment booking: a machine's availability periods, closures and live bookings turned
into slots by the scheduler (tierslieux.slots), a week at a time, in the place's time zone."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from tierslieux import slots
from tierslieux.hours import ZONES
from tierslieux.models import Booking, BookingRules, Equipment


def zone_of(equipment: Equipment) -> ZoneInfo:
    return ZONES.get(equipment.place.country, ZONES["FR"])


def rules_of(equipment: Equipment) -> BookingRules | None:
    try:
        return equipment.booking_rules
    except BookingRules.DoesNotExist:
        return None


def scheduler_rules(rules: BookingRules) -> slots.Rules:
    return slots.Rules(
        slot_minutes=rules.slot_minutes,
        min_lead=timedelta(hours=rules.min_lead_hours),
        max_advance=timedelta(days=rules.max_advance_days),
    )


def periods_of(equipment: Equipment, rules: BookingRules) -> list[slots.Period]:
    if rules.opening == BookingRules.Opening.OWN:
        rows = equipment.availability.all()
    else:
        rows = equipment.place.opening_hours.all()
    return [(row.weekday, row.opens, row.closes) for row in rows]


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class Week:
    monday: date
    days: list[tuple[date, list[slots.Slot]]]

    @property
    def previous(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def next(self) -> date:
        return self.monday + timedelta(days=7)

    @property
    def has_slots(self) -> bool:
        return any(day_slots for _day, day_slots in self.days)


def week(
    equipment: Equipment,
    rules: BookingRules,
    monday: date,
    *,
    now: datetime | None = None,
    exclude: int | None = None,
) -> Week:
    """The seven days from `monday` with their slots (a booking `exclude`d does not count as busy)."""
    now = now or timezone.now()
    zone = zone_of(equipment)
    start = datetime.combine(monday, datetime.min.time(), zone).astimezone(UTC)
    end = start + timedelta(days=8)  # a margin for DST days
    bookings = Booking.objects.filter(
        equipment=equipment, status__in=Booking.LIVE, starts_at__lt=end, ends_at__gt=start
    ).exclude(pk=exclude)
    busy = list(bookings.values_list("starts_at", "ends_at"))
    closures = list(
        equipment.closures.filter(ends_on__gte=monday, starts_on__lte=monday + timedelta(days=6)).values_list(
            "starts_on", "ends_on"
        )
    )
    periods = periods_of(equipment, rules)
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        days.append(
            (
                day,
                slots.day_slots(
                    day,
                    periods=periods,
                    closures=closures,
                    busy=busy,
                    rules=scheduler_rules(rules),
                    now=now,
                    zone=zone,
                ),
            )
        )
    return Week(monday, days)


def day_of(equipment: Equipment, moment: datetime) -> date:
    return moment.astimezone(zone_of(equipment)).date()


def when_text(equipment: Equipment, starts_at: datetime, ends_at: datetime) -> str:
    """ "lundi 7 décembre 2026, 09:00–11:00" in the active language and the place's time zone."""
    from django.utils.formats import date_format

    zone = zone_of(equipment)
    start, end = starts_at.astimezone(zone), ends_at.astimezone(zone)
    return f"{date_format(start, 'l j F Y')}, {start:%H:%M}–{end:%H:%M}"
