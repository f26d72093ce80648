"""In both languages, a visitor sees the complete place page with its map (reachable with the
keyboard, the address printed beside it) and reports an error that reaches the referent."""

import pytest
from django.core import mail
from django.core.cache import cache

from tests.factories import UserFactory
from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_places import ReferentFactory, nice
from tierslieux.models import PlaceErrorReport

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize(
    ("lang", "message"),
    [("fr", "Le numéro de téléphone a changé."), ("it", "Il numero di telefono è cambiato.")],
)
def test_visitor_sees_the_complete_place_page_and_reports_an_error(page, live_server, lang, message):
    cache.clear()  # the report form's rate limit
    place = PlaceFactory(
        name="Living Lab Santé",
        commune=nice(),
        address="30 voie Romaine",
        postcode="06000",
        phone="04 65 71 06 66",
        email="contact@living-lab.example",
        website="https://www.living-lab.example/",
        accessibility_fr="Ascenseur et toilettes adaptées",
        accessibility_it="Ascensore e servizi accessibili",
        wheelchair_accessible=True,
    )
    referent = ReferentFactory(place=place, user=UserFactory(preferred_language=lang)).user
    # Map tiles come from OpenStreetMap's servers (off this machine): answered empty here.
    page.route("https://tile.openstreetmap.org/**", lambda route: route.fulfill(status=204))
    # The first page of a fresh live server compiles templates and catalogues: give it time.
    page.goto(f"/{lang}/tiers-lieux/p/{place.slug}/", wait_until="domcontentloaded", timeout=90_000)
    address = page.locator("#place-address")
    assert "30 voie Romaine" in address.inner_text() and "06000 Nice" in address.inner_text()
    assert page.locator("#place-phone").get_attribute("href") == "tel:+33465710666"
    assert page.get_by_role("link", name="https://www.living-lab.example/").is_visible()
    the_map = page.locator("#place-location-map.is-ready")
    the_map.wait_for()
    assert page.locator(".leaflet-marker-icon").count() == 1
    the_map.focus()
    assert page.evaluate("document.activeElement.id") == "place-location-map"
    assert not [e for e in page.console_errors if "Content Security Policy" in e]

    page.locator("#report-error-link").click()
    page.wait_for_url(f"**/{lang}/tiers-lieux/p/{place.slug}/report-error/")
    page.locator("textarea[name=message]").fill(message)
    page.locator("#report-error-form button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/tiers-lieux/p/{place.slug}/")
    report = PlaceErrorReport.objects.get()
    assert report.message == message and report.language == lang
    assert [m.to for m in mail.outbox] == [[referent.email]]
    assert f"/{lang}/" in mail.outbox[0].body
