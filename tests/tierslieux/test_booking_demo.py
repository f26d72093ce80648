"""Demo booking data: the demo fablabs' printers and laser cutters get rules, and the demo companies
book free slots of the other country's place in the coming weeks, consistent with the rules."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.factories import CommuneFactory, MembershipFactory, OrganisationFactory, UserFactory
from tierslieux import booking_calendar, slots
from tierslieux.models import Booking, BookingRules

pytestmark = pytest.mark.django_db
DEMO = Path(__file__).resolve().parents[2] / "tierslieux" / "data" / "demo_places.json"


def test_demo_bookings_follow_the_rules_and_load_once(settings):
    settings.DEBUG = True
    call_command("load_tierslieux_reference", verbosity=0)
    UserFactory(is_superuser=True)
    for email, country in (("aosta@circuito.test", "IT"), ("savoie@circuito.test", "FR")):
        MembershipFactory(user=UserFactory(email=email), organisation=OrganisationFactory(country=country))
    rows = json.loads(DEMO.read_text(encoding="utf-8"))
    for n, code in enumerate(sorted({r["commune"] for r in rows})):
        CommuneFactory(code=code, country="IT" if len(code) == 6 else "FR", latitude=44 + n / 10, longitude=7.0)
    call_command("load_tierslieux_demo")
    call_command("load_tierslieux_demo")
    assert BookingRules.objects.filter(equipment__kind__code__in=["3d-printer", "laser-cutter"]).count() == 4
    bookings = list(Booking.objects.select_related("equipment__place", "user"))
    assert len(bookings) == 12
    now = timezone.now()
    for booking in bookings:
        assert booking.starts_at > now
        assert booking.user.email == {"fablab-chambery": "aosta@circuito.test"}.get(
            booking.equipment.place.slug, "savoie@circuito.test"
        )
        rules = booking.equipment.booking_rules
        day = booking_calendar.day_of(booking.equipment, booking.starts_at)
        week = booking_calendar.week(booking.equipment, rules, booking_calendar.monday_of(day), exclude=booking.pk)
        offered = [s for d, found in week.days if d == day for s in found]
        assert slots.span(offered, booking.starts_at, 1) == (booking.starts_at, booking.ends_at)
