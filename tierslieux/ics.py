"""iCalendar (RFC 5545) export of an event, written by hand: it is small and a library would
have to be vendored. Lines end with CRLF and are folded at 75 octets without cutting a UTF-8
character; text values escape backslashes, commas, semicolons and newlines."""

from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from tierslieux.models import Event

FOLD_AT = 75  # octets per line, line break excluded (RFC 5545 §3.1)


def escape_text(value: str) -> str:
    value = (value or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets; continuations start with a space."""
    pieces: list[str] = []
    current, size, limit = "", 0, FOLD_AT
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append(current)
            current, size, limit = "", 0, FOLD_AT - 1  # the leading space counts
        current += char
        size += width
    pieces.append(current)
    return "\r\n ".join(pieces)


def utc_stamp(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def event_location(event: Event) -> str:
    """Where the event happens, in words (the place, the location, the commune, or "Online")."""
    commune = event.commune.name if event.commune_id and not event.place_id else ""
    where = ", ".join(p for p in (event.place.name if event.place_id else "", event.location, commune) if p)
    if event.online and not where:
        where = _("Online")
    return where


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0] or "circuito"


def _vevent(event: Event, *, lang: str, url: str, location: str) -> list[str]:
    """The VEVENT of an event: public facts only (never who registered)."""
    other = "it" if lang == "fr" else "fr"
    summary = getattr(event, f"title_{lang}", "") or getattr(event, f"title_{other}", "") or event.title
    description = getattr(event, f"description_{lang}", "") or getattr(event, f"description_{other}", "") or ""
    lines = [
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{_host()}",
        f"DTSTAMP:{utc_stamp(timezone.now())}",
        f"DTSTART:{utc_stamp(event.starts_at)}",
        f"DTEND:{utc_stamp(event.ends_at)}",
        f"SUMMARY:{escape_text(summary)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{escape_text(description)}")
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    lines += [f"URL:{url}", "END:VEVENT"]
    return lines


def _calendar(body: list[str], *, lang: str, name: str = "") -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//CIRCUITO//Tiers-Lieux events//" + lang.upper(),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
    if name:
        lines.append(f"X-WR-CALNAME:{escape_text(name)}")
    lines += [*body, "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)


def event_calendar(event: Event, *, lang: str, url: str, location: str) -> str:
    """The iCalendar text of one event, with the title and description in `lang` (falling back
    to the other language when not translated)."""
    return _calendar(_vevent(event, lang=lang, url=url, location=location), lang=lang)


def feed_calendar(events: Iterable[Event], *, lang: str, name: str, url_of: Callable[[Event], str]) -> str:
    """A subscribable calendar of several events (`url_of` gives each event's absolute page)."""
    body: list[str] = []
    for event in events:
        body += _vevent(event, lang=lang, url=url_of(event), location=event_location(event))
    return _calendar(body, lang=lang, name=name)
