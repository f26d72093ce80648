"""Who may book equipment, see a booking and manage a machine's bookings: the one place, used by
pages, feeds and services.

- A machine's rules, calendar, trainings and bookings are managed by the referents of its place
  (and superusers): partner staff edit place pages but do not run the machines.
- A booking's details (who, what for, the referent's answer) are seen by the person who booked
  and the managers only; everyone else sees the slot as busy, nothing more.
- Who may book follows the machine's rules: anyone logged in, or members of an organisation
  registered on the portal; when training is required, only people recorded as trained.
"""

from django.http import Http404
from django.utils.translation import gettext as _

from tierslieux.models import Booking, BookingRules, Equipment, Place
from tierslieux.permissions import member_organisation_ids, referent_place_ids, visible_places


def can_manage_equipment(user, equipment: Equipment) -> bool:
    return user.is_authenticated and (user.is_superuser or equipment.place_id in referent_place_ids(user))


def can_manage_place_bookings(user, place: Place) -> bool:
    return user.is_authenticated and (user.is_superuser or place.pk in referent_place_ids(user))


def booking_refusal(user, equipment: Equipment, rules: BookingRules | None) -> str | None:
    """Why `user` may not book `equipment` (a translated sentence saying what to do), or None."""
    if not user.is_authenticated:
        return _("Log in to book this equipment.")
    if rules is None or not rules.bookable:
        return _("This equipment cannot be booked online: contact the place.")
    if rules.audience == BookingRules.Audience.MEMBERS and not member_organisation_ids(user):
        return _(
            "Only members of an organisation registered on the portal may book this equipment: "
            "join or create your company's page first."
        )
    if rules.training_required and not equipment.trainings.filter(user=user).exists():
        return _(
            "This equipment requires a training: ask the place's referents to train you, they will "
            "then record it and you can book."
        )
    return None


def get_equipment(place_slug: str, pk: int, user) -> Equipment:
    """Equipment of a place the user may see (404 otherwise)."""
    equipment = (
        Equipment.objects.select_related("place__commune", "kind")
        .filter(pk=pk, place__slug=place_slug, place__in=visible_places(user))
        .first()
    )
    if equipment is None:
        raise Http404
    return equipment


def can_see_booking(user, booking: Booking) -> bool:
    return user.is_authenticated and (booking.user_id == user.pk or can_manage_equipment(user, booking.equipment))


def get_booking(pk: int, user) -> Booking:
    """The booking when the user may see its details; 404 otherwise (its existence does not leak)."""
    booking = (
        Booking.objects.select_related("equipment__place__commune", "equipment__kind", "user", "organisation")
        .filter(pk=pk)
        .first()
    )
    if booking is None or not can_see_booking(user, booking):
        raise Http404
    return booking
