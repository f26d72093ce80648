"""iCalendar (RFC 5545) of equipment bookings, on the line rules of tierslieux.ics.

- `booking_calendar_text`: one booking, attached to its e-mails (the person's own booking, with
  the machine, place and address).
- `busy_feed`: a public feed of a place's or a machine's booked times. It says "busy" and the
  machine's name, never who booked nor why.
"""

from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from tierslieux.ics import escape_text, fold, utc_stamp
from tierslieux.models import Booking


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "circuito"


def _calendar(lines: list[str], *, name: str, method: str = "PUBLISH") -> str:
    head = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//CIRCUITO//Tiers-Lieux equipment booking//EN",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    return "".join(fold(line) + "\r\n" for line in [*head, *lines, "END:VCALENDAR"])


def booking_calendar_text(booking: Booking, *, url: str) -> str:
    """The booking as one event, in the active language (cancelled bookings say so)."""
    equipment = booking.equipment
    place = equipment.place
    summary = _("%(equipment)s at %(place)s") % {"equipment": equipment.name, "place": place.name}
    location = ", ".join(p for p in (place.address, place.commune.name) if p)
    status = "CANCELLED" if booking.status in (Booking.Status.CANCELLED, Booking.Status.DECLINED) else "CONFIRMED"
    lines = [
        "BEGIN:VEVENT",
        f"UID:booking-{booking.pk}@{_host()}",
        f"DTSTAMP:{utc_stamp(timezone.now())}",
        f"DTSTART:{utc_stamp(booking.starts_at)}",
        f"DTEND:{utc_stamp(booking.ends_at)}",
        f"SUMMARY:{escape_text(summary)}",
        f"LOCATION:{escape_text(location)}",
        f"STATUS:{status}",
        f"URL:{url}",
        "END:VEVENT",
    ]
    return _calendar(lines, name=summary)


def busy_feed(bookings: Iterable[Booking], *, name: str) -> str:
    """Busy times only: the machine's name and "Booked", nothing about the person."""
    lines: list[str] = []
    stamp = utc_stamp(timezone.now())
    for booking in bookings:
        summary = _("%(equipment)s: booked") % {"equipment": booking.equipment.name}
        lines += [
            "BEGIN:VEVENT",
            f"UID:busy-{booking.pk}@{_host()}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{utc_stamp(booking.starts_at)}",
            f"DTEND:{utc_stamp(booking.ends_at)}",
            f"SUMMARY:{escape_text(summary)}",
            "TRANSP:OPAQUE",
            "CLASS:PUBLIC",
            "END:VEVENT",
        ]
    return _calendar(lines, name=name)
