"""E-mails of equipment booking, each in its recipient's language, with the booking's .ics.

- A request waiting for a decision goes to the place's referents.
- A confirmation (by a referent, or at once when the rules auto-confirm) goes to the person who
  booked and to the referents, each with the booking as an .ics file.
- A refusal goes to the person who booked, with the referent's reason.
- A cancellation goes to the other side (the referents when the person cancels, the person when a
  referent does).
- The reminder, the day before, goes to the person who booked and to the referents.
"""

from django.conf import settings
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from circuito.accounts.models import User
from circuito.mail import message, portal_url
from tierslieux.booking_calendar import when_text
from tierslieux.ics_booking import booking_calendar_text
from tierslieux.models import Booking


def _load(booking_id: int) -> Booking:
    return Booking.objects.select_related("equipment__place__commune", "equipment__kind", "user", "organisation").get(
        pk=booking_id
    )


def referents(booking: Booking) -> QuerySet[User]:
    return (
        User.objects.filter(referent_of__place_id=booking.equipment.place_id, is_active=True)
        .exclude(email="")
        .distinct()
    )


def _send(user: User, template: str, booking: Booking, *, ics: bool, extra: dict | None = None) -> None:
    """Render `tierslieux/email/booking_<template>_subject.txt` / `_body.txt` in the user's language."""
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        url = portal_url(reverse("tierslieux:booking_detail", args=[booking.pk]))
        context = {
            "user": user,
            "booking": booking,
            "equipment": booking.equipment,
            "place": booking.equipment.place,
            "is_requester": user.pk == booking.user_id,
            "url": url,
            "when": when_text(booking.equipment, booking.starts_at, booking.ends_at),
            **(extra or {}),
        }
        subject = render_to_string(f"tierslieux/email/booking_{template}_subject.txt", context).strip()
        body = render_to_string(f"tierslieux/email/booking_{template}_body.txt", context)
        calendar = booking_calendar_text(booking, url=url) if ics else None
    email = message(f"[CIRCUITO] {subject}", body, [user.email], language=language)
    if calendar:
        email.attach("booking.ics", calendar, "text/calendar; charset=utf-8; method=PUBLISH")
    email.send()


def booking_requested(booking_id: int) -> None:
    booking = _load(booking_id)
    for user in referents(booking).exclude(pk=booking.user_id):
        _send(user, "requested", booking, ics=False)


def booking_confirmed(booking_id: int) -> None:
    booking = _load(booking_id)
    if booking.user.is_active and booking.user.email:
        _send(booking.user, "confirmed", booking, ics=True)
    for user in referents(booking).exclude(pk=booking.user_id):
        _send(user, "confirmed", booking, ics=True)


def booking_declined(booking_id: int) -> None:
    booking = _load(booking_id)
    if booking.user.is_active and booking.user.email:
        _send(booking.user, "declined", booking, ics=False)


def booking_cancelled(booking_id: int, actor_id: int) -> None:
    booking = _load(booking_id)
    if actor_id == booking.user_id:
        recipients = list(referents(booking).exclude(pk=actor_id))
    else:
        recipients = [booking.user] if booking.user.is_active and booking.user.email else []
    for user in recipients:
        _send(user, "cancelled", booking, ics=True)


def booking_reminder(booking_id: int) -> None:
    booking = _load(booking_id)
    recipients = [booking.user] if booking.user.is_active and booking.user.email else []
    recipients += list(referents(booking).exclude(pk=booking.user_id))
    for user in recipients:
        _send(user, "reminder", booking, ics=True)
