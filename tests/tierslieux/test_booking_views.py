"""Equipment booking pages: the week calendar and booking form in both languages, a booking seen
only by its owner and the place's referents, the referents' desk and settings refused to others,
list query counts that stay constant, and public feeds that say "busy" without any name."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from tests.tierslieux.factories_booking import bookable_lab, slot_in
from tierslieux.models import Booking
from tierslieux.services import booking as services

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def calendar_url(lab, lang: str = "fr", **query) -> str:
    with translation.override(lang):
        url = reverse("tierslieux:equipment_calendar", args=[lab.equipment.place.slug, lab.equipment.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_calendar_offers_free_slots_and_shows_the_kind_in_the_readers_language():
    lab = bookable_lab()
    services.request_booking(lab.equipment, starts_at=slot_in(3, 10), actor=lab.outsider)
    week = (slot_in(3).date()).isoformat()
    french = Client().get(calendar_url(lab, "fr", week=week)).content.decode()
    italian = Client().get(calendar_url(lab, "it", week=week)).content.decode()
    assert "Imprimante 3D" in french and "Stampante 3D" not in french
    assert "Stampante 3D" in italian and "Imprimante 3D" not in italian
    free_start = int(slot_in(3, 11).timestamp())
    assert f"start={free_start}" in french  # the next hour is free and bookable
    assert f"start={int(slot_in(3, 10).timestamp())}" not in french  # the booked one is not
    assert lab.outsider.email not in french  # who booked is not shown
    # A free slot is "available", not "free of charge".
    assert '>Libre<span class="visually-hidden">' in french and ">Gratuit<span" not in french
    assert '>Libero<span class="visually-hidden">' in italian and ">Gratuito<span" not in italian


def test_booking_from_the_form_and_my_bookings():
    lab = bookable_lab()
    client = client_for(lab.booker)
    start = int(slot_in(4, 14).timestamp())
    response = client.post(calendar_url(lab, "it"), {"start": start, "slots": 2, "note": "Prototipo"})
    booking = Booking.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/{booking.pk}/")
    assert booking.user == lab.booker and booking.ends_at - booking.starts_at == dt.timedelta(hours=2)
    page = client.get(reverse("tierslieux:my_bookings")).content.decode()
    assert "Prusa MK4" in page


def test_a_taken_slot_says_so_on_the_form():
    lab = bookable_lab()
    services.request_booking(lab.equipment, starts_at=slot_in(4, 14), actor=lab.outsider)
    response = client_for(lab.booker).post(calendar_url(lab), {"start": int(slot_in(4, 14).timestamp()), "slots": 1})
    assert response.status_code == 200
    assert 'id="booking-errors"' in response.content.decode()
    assert Booking.objects.count() == 1


def test_a_booking_is_seen_by_its_owner_and_the_referents_only():
    lab = bookable_lab()
    booking = services.request_booking(lab.equipment, starts_at=slot_in(3), note="Pièce secrète", actor=lab.booker)
    url = reverse("tierslieux:booking_detail", args=[booking.pk])
    assert client_for(lab.booker).get(url).status_code == 200
    assert "Pièce secrète" in client_for(lab.referent).get(url).content.decode()
    for intruder in (lab.colleague, lab.outsider):
        assert client_for(intruder).get(url).status_code == 404
        response = client_for(intruder).post(reverse("tierslieux:booking_action", args=[booking.pk, "cancel"]))
        assert response.status_code == 404
    assert Client().get(url).status_code == 302  # to the login page
    booking.refresh_from_db()
    assert booking.status == Booking.Status.REQUESTED


def test_only_referents_confirm_manage_and_configure():
    lab = bookable_lab()
    booking = services.request_booking(lab.equipment, starts_at=slot_in(3), actor=lab.booker)
    place, equipment = lab.equipment.place, lab.equipment
    desk = reverse("tierslieux:place_bookings", args=[place.slug])
    settings_url = reverse("tierslieux:equipment_settings", args=[place.slug, equipment.pk])
    for intruder in (lab.booker, lab.colleague, lab.outsider):
        client = client_for(intruder)
        assert client.get(desk).status_code == 403
        assert client.get(settings_url).status_code == 403
        assert client.post(settings_url, {"part": "rules", "slot_minutes": 15}).status_code == 403
    response = client_for(lab.booker).post(reverse("tierslieux:booking_action", args=[booking.pk, "confirm"]))
    assert response.status_code == 403
    referent = client_for(lab.referent)
    assert lab.booker.get_full_name() in referent.get(desk).content.decode()
    referent.post(reverse("tierslieux:booking_action", args=[booking.pk, "confirm"]), {"back": "place"})
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED


def test_referent_sets_rules_and_availability_with_errors_said_in_the_page_language():
    lab = bookable_lab()
    url = reverse("tierslieux:equipment_settings", args=[lab.equipment.place.slug, lab.equipment.pk])
    client = client_for(lab.referent)
    rules = {
        "part": "rules",
        "bookable": "on",
        "opening": "own",
        "slot_minutes": 5,
        "min_lead_hours": 2,
        "max_advance_days": 30,
        "audience": "anyone",
    }
    response = client.post(url, rules)
    assert response.status_code == 200 and "15" in response.content.decode()
    response = client.post(url, {**rules, "slot_minutes": 90})
    assert response.status_code == 302
    lab.rules.refresh_from_db()
    assert lab.rules.slot_minutes == 90 and lab.rules.opening == "own"
    availability = {
        "part": "availability",
        "av-TOTAL_FORMS": 1,
        "av-INITIAL_FORMS": 0,
        "av-0-weekday": 2,
        "av-0-opens": "09:00",
        "av-0-closes": "12:00",
    }
    assert client.post(url, availability).status_code == 302
    assert list(lab.equipment.availability.values_list("weekday", flat=True)) == [2]


def test_feeds_show_busy_times_without_names():
    lab = bookable_lab()
    booking = services.request_booking(lab.equipment, starts_at=slot_in(3), note="Secret", actor=lab.booker)
    place = lab.equipment.place
    for url in (
        reverse("tierslieux:place_bookings_feed", args=[place.slug]),
        reverse("tierslieux:equipment_bookings_feed", args=[place.slug, lab.equipment.pk]),
    ):
        response = Client().get(url)
        body = response.content.decode()
        assert response["Content-Type"].startswith("text/calendar")
        assert f"DTSTART:{booking.starts_at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}" in body
        for private in (lab.booker.email, lab.booker.last_name, "Secret"):
            assert private not in body


@pytest.mark.parametrize("url_name", ["tierslieux:my_bookings", "tierslieux:place_bookings"])
def test_list_query_counts_stay_constant(url_name):
    lab = bookable_lab(auto_confirm=True)
    client = client_for(lab.referent if url_name == "tierslieux:place_bookings" else lab.booker)
    url = reverse(url_name, args=[lab.equipment.place.slug] if url_name == "tierslieux:place_bookings" else [])

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    services.request_booking(lab.equipment, starts_at=slot_in(3, 9), actor=lab.booker)
    few = count()
    for hour in range(10, 16):
        services.request_booking(lab.equipment, starts_at=slot_in(3, hour), actor=lab.booker)
    assert count() == few
