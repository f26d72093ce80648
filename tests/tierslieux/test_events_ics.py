"""The .ics download: iCalendar structure, UTC times, escaping, folding at 75 octets."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import translation

from tests.tierslieux.factories import EventFactory
from tierslieux.ics import escape_text, fold

pytestmark = pytest.mark.django_db


def test_escaping_of_commas_semicolons_backslashes_and_newlines():
    assert escape_text("a,b;c\\d\ne\r\nf") == "a\\,b\\;c\\\\d\\ne\\nf"


def test_folding_keeps_lines_within_75_octets_and_never_cuts_a_character():
    line = "DESCRIPTION:" + "é" * 100 + "x" * 50
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode("utf-8")) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    assert "".join([parts[0], *(p[1:] for p in parts[1:])]) == line  # unfolding gives the line back
    assert fold("SUMMARY:short") == "SUMMARY:short"


def download(client, event, lang: str) -> str:
    with translation.override(lang):
        url = reverse("tierslieux:event_ics", args=[event.slug])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    return response.content.decode("utf-8")


def test_calendar_in_the_readers_language_with_utc_times(client):
    paris = ZoneInfo("Europe/Paris")
    event = EventFactory(
        title_fr="Atelier, transfert; technologie",
        title_it="Laboratorio, trasferimento",
        description_fr="Ligne 1\nLigne 2 " + "longue " * 20,
        starts_at=dt.datetime(2031, 7, 1, 14, 0, tzinfo=paris),
        ends_at=dt.datetime(2031, 7, 1, 18, 0, tzinfo=paris),
    )
    text = download(client, event, "fr")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")  # CRLF only
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    unfolded = text.replace("\r\n ", "")
    assert "DTSTART:20310701T120000Z" in unfolded  # 14:00 in Paris summer time
    assert "DTEND:20310701T160000Z" in unfolded
    assert "SUMMARY:Atelier\\, transfert\\; technologie" in unfolded
    assert "DESCRIPTION:Ligne 1\\nLigne 2" in unfolded
    assert f"UID:event-{event.pk}@" in unfolded and "DTSTAMP:" in unfolded
    assert "LOCATION:" + event.place.name in unfolded
    assert f"URL:http://testserver/fr/tiers-lieux/events/{event.slug}/" in unfolded
    italian = download(client, event, "it").replace("\r\n ", "")
    assert "SUMMARY:Laboratorio\\, trasferimento" in italian
    assert "DESCRIPTION:Ligne 1" in italian  # no Italian description: the French one


def test_unpublished_event_calendar_is_not_found(client):
    event = EventFactory(published=False)
    assert client.get(reverse("tierslieux:event_ics", args=[event.slug])).status_code == 404
