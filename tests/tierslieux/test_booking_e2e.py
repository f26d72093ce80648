"""In a browser, in both directions: a referent sets up a 3D printer's booking rules and weekly
calendar in their language; a company member from the other country finds a free slot on the
place's page in theirs and requests it (keyboard only); the referent confirms; both receive their
confirmation, with the calendar file, in their own language."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client
from django.utils import timezone

from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_places import EquipmentFactory, ReferentFactory, equipment_kind, turin
from tierslieux.models import Booking

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CONFIRMED = {"fr": "Réservation confirmée", "it": "Prenotazione confermata"}
PRINTER = {"fr": "Imprimante 3D", "it": "Stampante 3D"}


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


@pytest.mark.parametrize(("place_lang", "company_lang"), [("fr", "it"), ("it", "fr")])
def test_referent_sets_up_a_printer_and_a_company_of_the_other_country_books_it(
    page, live_server, place_lang, company_lang
):
    page.set_default_timeout(60_000)  # the first pages of a cold live server are slow on a busy machine
    place = PlaceFactory(commune=turin()) if place_lang == "it" else PlaceFactory()
    kind = equipment_kind("Imprimante 3D", code="3d-printer", name_it="Stampante 3D")
    printer = EquipmentFactory(place=place, kind=kind, name="Prusa MK4")
    referent = ReferentFactory(place=place, user=UserFactory(preferred_language=place_lang)).user
    company = OrganisationFactory(country="IT" if company_lang == "it" else "FR", legal_name="Officina Srl")
    member = MembershipFactory(organisation=company, user=UserFactory(preferred_language=company_lang)).user
    base = f"/{place_lang}/tiers-lieux/p/{place.slug}"

    # The referent sets the rules and the calendar: 2-hour slots, 24 h notice, its own calendar.
    log_in(page, live_server, referent)
    page.goto(f"{base}/equipment/{printer.pk}/booking-settings/")
    assert page.locator("html").get_attribute("lang") == place_lang
    page.locator("select[name=opening]").select_option("own")
    page.locator("input[name=slot_minutes]").fill("120")
    page.locator("input[name=min_lead_hours]").fill("24")
    page.locator("input[name=max_advance_days]").fill("30")
    page.locator("#save-rules").click()
    page.locator(".alert-success, [role=alert]").first.wait_for()
    days = [(timezone.localdate() + dt.timedelta(days=n)).weekday() for n in (2, 3, 4)]
    for row, weekday in enumerate(days):
        page.locator(f"select[name=av-{row}-weekday]").select_option(str(weekday))
        page.locator(f"input[name=av-{row}-opens]").fill("09:00")
        page.locator(f"input[name=av-{row}-closes]").fill("17:00")
    page.locator("#save-availability").click()
    page.locator("input[name=av-0-opens][value='09:00']").wait_for()
    assert printer.availability.count() == 3

    # The company member, from the other country, finds the printer on the place's page.
    log_in(page, live_server, member)
    page.goto(f"/{company_lang}/tiers-lieux/p/{place.slug}/")
    assert PRINTER[company_lang] in page.locator("main").inner_text()
    page.locator(f"a[href$='/equipment/{printer.pk}/book/']").first.click()
    page.wait_for_url(re.compile(rf"/{company_lang}/tiers-lieux/p/.+/equipment/{printer.pk}/book/"))
    if page.locator("a.slot-free").count() == 0:
        page.locator("a[rel=next]").click()
    # Keyboard only: focus the first free slot and press Enter.
    page.locator("a.slot-free").first.focus()
    page.keyboard.press("Enter")
    page.locator("#chosen-slot").wait_for()
    page.locator("textarea[name=note]").fill("PETG, 2 pezzi")
    page.locator("#book button[type=submit]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/{company_lang}/tiers-lieux/bookings/\d+/(#\w+)?$"))
    booking = Booking.objects.get()
    assert booking.status == Booking.Status.REQUESTED and booking.user == member

    # The referent confirms on their page.
    log_in(page, live_server, referent)
    page.goto(f"/{place_lang}/tiers-lieux/bookings/{booking.pk}/")
    page.locator(f"button[formaction$='/bookings/{booking.pk}/confirm/']").click()
    page.wait_for_url(re.compile(rf"/bookings/{booking.pk}/$"))
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CONFIRMED

    confirmations = {m.to[0]: m for m in mail.outbox if "booking.ics" in [a[0] for a in m.attachments]}
    assert set(confirmations) == {member.email, referent.email}
    assert CONFIRMED[company_lang] in confirmations[member.email].subject
    assert CONFIRMED[place_lang] in confirmations[referent.email].subject
    assert f"/{company_lang}/tiers-lieux/bookings/{booking.pk}/" in confirmations[member.email].body
    # Map tiles of the place page come from an outside host this machine may not reach.
    assert page.console_errors == []
