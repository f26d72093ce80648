"""Demo equipment booking: the 3D printers and laser cutters of the Chambéry fablab and of the
Turin maker workshop get booking rules (one with its own weekly calendar and a maintenance
closure), and the demo companies of each country book slots at the other country's place in the
coming days. Slots are taken from the scheduler's free slots, so they respect the rules.
Idempotent: nothing is added to a machine that already has rules."""

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from circuito.accounts.models import User
from tierslieux import booking_calendar
from tierslieux.models import Booking, BookingRules, Equipment, EquipmentAvailability, EquipmentClosure, Training

# place slug, kind code, rules, own weekly calendar (weekday, opens, closes) or None for the place's hours
MACHINES = [
    (
        "fablab-chambery",
        "3d-printer",
        {"slot_minutes": 120, "min_lead_hours": 24, "max_advance_days": 60, "auto_confirm": True},
        None,
    ),
    (
        "fablab-chambery",
        "laser-cutter",
        {"slot_minutes": 60, "training_required": True, "price_per_slot": Decimal("15.00")},
        [(1, dt.time(14), dt.time(18)), (3, dt.time(9), dt.time(12)), (3, dt.time(14), dt.time(18))],
    ),
    (
        "officine-maker-torino",
        "3d-printer",
        {"slot_minutes": 120, "audience": BookingRules.Audience.MEMBERS, "auto_confirm": True},
        None,
    ),
    (
        "officine-maker-torino",
        "laser-cutter",
        {"slot_minutes": 60, "training_required": True, "price_per_slot": Decimal("20.00")},
        None,
    ),
]
# Who books where: the company of the other country (demo accounts of load_demo).
BOOKERS = {"fablab-chambery": "aosta@circuito.test", "officine-maker-torino": "savoie@circuito.test"}


def _free_slots(equipment: Equipment, rules: BookingRules, count: int) -> list:
    found = []
    monday = booking_calendar.monday_of(timezone.localdate())
    for week in range(3):
        days = booking_calendar.week(equipment, rules, monday + dt.timedelta(days=7 * week)).days
        found += [slot for _day, day_slots in days for slot in day_slots if slot.is_free]
    # Spread over the days: every third free slot.
    return found[::3][:count]


@transaction.atomic
def load(stdout) -> int:
    """Rules, calendars and bookings of the demo machines; returns the number of bookings created."""
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    created = 0
    for slug, kind, rules_data, calendar in MACHINES:
        equipment = (
            Equipment.objects.select_related("place").filter(place__slug=slug, kind__code=kind).order_by("pk").first()
        )
        if equipment is None or BookingRules.objects.filter(equipment=equipment).exists():
            continue
        rules = BookingRules.objects.create(
            equipment=equipment,
            opening=BookingRules.Opening.OWN if calendar else BookingRules.Opening.PLACE_HOURS,
            **rules_data,
        )
        for weekday, opens, closes in calendar or []:
            EquipmentAvailability.objects.create(equipment=equipment, weekday=weekday, opens=opens, closes=closes)
        if calendar:
            # A maintenance day in three weeks.
            day = timezone.localdate() + dt.timedelta(days=21)
            EquipmentClosure.objects.create(
                equipment=equipment, starts_on=day, ends_on=day, reason="Maintenance / Manutenzione"
            )
        booker = User.objects.filter(email=BOOKERS[slug]).first()
        if booker is None:
            continue
        if rules.training_required:
            Training.objects.get_or_create(
                equipment=equipment,
                user=booker,
                defaults={"trained_on": timezone.localdate() - dt.timedelta(days=20), "recorded_by": admin},
            )
        organisation = booker.memberships.filter(status="active").select_related("organisation").first()
        for n, slot in enumerate(_free_slots(equipment, rules, 3)):
            confirmed = rules.auto_confirm or n == 0
            Booking.objects.create(
                equipment=equipment,
                user=booker,
                organisation=organisation.organisation if organisation else None,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                status=Booking.Status.CONFIRMED if confirmed else Booking.Status.REQUESTED,
                price=rules.price_per_slot or Decimal("0"),
                decided_by=admin if confirmed else None,
                decided_at=timezone.now() if confirmed else None,
                note="Prototype / prototipo",
            )
            created += 1
    stdout.write(f"Demo equipment bookings: {created} created")
    return created
