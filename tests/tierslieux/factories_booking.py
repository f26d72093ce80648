"""Factories of equipment booking: a bookable machine with its referent, bookers of both countries."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from circuito.accounts.models import User
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_places import EquipmentFactory, OpeningHoursFactory, ReferentFactory, equipment_kind
from tierslieux.hours import ZONES
from tierslieux.models import BookingRules, Equipment

PARIS = ZONES["FR"]


@dataclass
class Lab:
    equipment: Equipment
    rules: BookingRules
    referent: User
    booker: User  # an Italian company's member
    colleague: User  # same company as the booker
    outsider: User  # another company


def bookable_lab(**rules) -> Lab:
    """A French fablab open every day 08:00–20:00 with a 3D printer bookable by 60-minute slots,
    24 h notice, requests confirmed by its (French-speaking) referent."""
    place = PlaceFactory()
    for weekday in range(7):
        OpeningHoursFactory(place=place, weekday=weekday, opens=dt.time(8), closes=dt.time(20))
    kind = equipment_kind("Imprimante 3D", code="3d-printer", name_it="Stampante 3D")
    equipment = EquipmentFactory(place=place, kind=kind, name="Prusa MK4")
    rules = BookingRules.objects.create(equipment=equipment, **{"min_lead_hours": 24, "slot_minutes": 60, **rules})
    referent = ReferentFactory(place=place, user=UserFactory(preferred_language="fr")).user
    company = OrganisationFactory(country="IT")
    booker = MembershipFactory(organisation=company, user=UserFactory(preferred_language="it")).user
    colleague = MembershipFactory(organisation=company).user
    outsider = MembershipFactory().user
    return Lab(equipment, rules, referent, booker, colleague, outsider)


def slot_in(days: int, hour: int = 10) -> dt.datetime:
    """The slot starting at `hour`:00 Paris time, `days` days from today."""
    day = timezone.localdate() + dt.timedelta(days=days)
    return dt.datetime.combine(day, dt.time(hour), PARIS).astimezone(dt.UTC)
