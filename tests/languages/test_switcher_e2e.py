"""In the browser: from each page of the world (public, and private of each role) shown in one
language by a browser set to the other language or to English, the switcher's link lands on the
same page in the other language."""

import re
from urllib.parse import unquote

import pytest
from django.test import Client

from tests.languages.world import build_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CASES = [("it", "fr-FR"), ("it", "en-GB"), ("fr", "it-IT")]


def test_switcher_in_the_browser(browser, live_server):
    world = build_world()
    tried, failures = 0, []
    for language, locale in CASES:
        other = "fr" if language == "it" else "it"
        for role in ("visitor", "company", "referent", "partner", "lead"):
            context = browser.new_context(base_url=live_server.url, locale=locale)
            # The browser's language is also in the cookie, as after a visit in that language.
            cookies = [{"name": "django_language", "value": locale[:2], "url": live_server.url}]
            if role != "visitor":
                client = Client()
                client.force_login(world.users[role])
                session = client.cookies["sessionid"].value
                cookies.append({"name": "sessionid", "value": session, "url": live_server.url})
            context.add_cookies(cookies)
            page = context.new_page()
            page.set_default_timeout(15_000)
            for target in (p for p in world.pages if p.role == role):
                tried += 1
                page.goto(target.url(language), wait_until="domcontentloaded")
                page.get_by_role("link", name=re.compile(f"^{other.upper()}")).click()
                page.wait_for_load_state("domcontentloaded")
                landed = unquote(page.url.removeprefix(live_server.url))
                if landed != unquote(target.url(other)) or page.locator("html").get_attribute("lang") != other:
                    failures.append((target.url(language), landed))
            context.close()
    assert tried >= 150
    assert failures == [], f"{len(failures)} of {tried} switches missed: {failures}"
