"""In a browser, in French and in Italian: a referent keeps their place up to date (description in
both languages, opening hours), the public page shows it and the freshness date moves."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_places import OpeningHoursFactory, ReferentFactory, nice

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
STALE_WARNING = "This page has not been verified for more than 6 months: call or write to the place before going."


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def _texts(lang: str) -> dict[str, str]:
    with translation.override(lang):
        return {
            "edit": gettext("Edit the profile"),
            "hours": gettext("Opening hours"),
            "save": gettext("Save"),
            "saved": gettext("The page is saved."),
            "hours_saved": gettext("The opening hours are saved."),
            "stale": gettext(STALE_WARNING),
            "saturday": gettext("Saturday"),
        }


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_referent_updates_description_and_hours_and_the_page_is_fresh_again(page, live_server, lang):
    place = PlaceFactory(
        name="Fablab du Port",
        commune=nice(),
        description_fr="Ancienne description.",
        description_it="Vecchia descrizione.",
        last_verified_at=timezone.now() - dt.timedelta(days=200),
    )
    OpeningHoursFactory(place=place, weekday=0, opens=dt.time(9), closes=dt.time(12))
    referent = ReferentFactory(place=place).user
    text = _texts(lang)
    url = f"/{lang}/tiers-lieux/p/{place.slug}/"
    _log_in(page, referent, live_server)

    page.goto(url)
    freshness = page.locator("#freshness")
    before = freshness.inner_text()
    assert text["stale"] in before

    # The profile: description in both languages.
    page.get_by_role("link", name=text["edit"]).click()
    page.wait_for_url(f"**{url}edit/")
    page.locator("textarea[name=description_fr]").fill("Atelier ouvert aux PME des deux côtés de la frontière.")
    page.locator("textarea[name=description_it]").fill("Officina aperta alle PMI dei due lati del confine.")
    page.locator("main form button[type=submit]", has_text=text["save"]).click()
    page.wait_for_url(f"**{url}")
    assert text["saved"] in page.content()

    # The opening hours: Monday until 13:00, and a new period on Saturday.
    page.locator("nav a", has_text=text["hours"]).click()
    page.wait_for_url(f"**{url}hours/")
    page.locator("input[name='hours-0-closes']").fill("13:00")
    page.locator("select[name='hours-1-weekday']").select_option("5")
    page.locator("input[name='hours-1-opens']").fill("10:00")
    page.locator("input[name='hours-1-closes']").fill("16:00")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**{url}")
    assert text["hours_saved"] in page.content()

    # What anyone sees on the public page.
    visitor = page.context.browser.new_context(base_url=live_server.url, locale=f"{lang}-{lang.upper()}")
    try:
        public = visitor.new_page()
        public.goto(url)
        description = {"fr": "Atelier ouvert aux PME", "it": "Officina aperta alle PMI"}[lang]
        main = public.locator("main").inner_text()
        assert description in main
        assert {"fr": "Officina aperta", "it": "Atelier ouvert"}[lang] not in main  # only the reader's language
        hours = public.locator("#opening-hours").inner_text()
        assert "09:00–13:00" in hours and "09:00–12:00" not in hours
        assert re.search(rf"{text['saturday']}\s+10:00–16:00", hours, re.I)
        after = public.locator("#freshness").inner_text()
        assert after != before and text["stale"] not in after
    finally:
        visitor.close()
    place.refresh_from_db()
    assert place.last_verified_at > timezone.now() - dt.timedelta(minutes=5)
    assert place.last_verified_by == referent
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
