"""The language switcher lands on the same page in the other language, whatever the browser's
language or the language cookie say, for visitors and for each role; login keeps the language."""

import re
from html import unescape
from urllib.parse import unquote

import pytest
from django.conf import settings

from tests.factories import UserFactory
from tests.languages.world import build_world

pytestmark = pytest.mark.django_db

SWITCH_LINK = re.compile(r'<a [^>]*href="(/i18n/switch/(\w+)/[^"]*)"')
# (page language, browser's Accept-Language): the browser disagrees with the page every time.
CASES = [("it", "fr-FR,fr;q=0.9"), ("it", "en-GB,en;q=0.9"), ("fr", "it-IT,it;q=0.9")]


def switch_links(body: str) -> dict[str, str]:
    nav = re.search(r'<nav class="language-switcher".*?</nav>', body, re.S)
    assert nav, "no language switcher on the page"
    return {code: unescape(href) for href, code in SWITCH_LINK.findall(nav.group(0))}


def test_every_switch_lands_on_the_same_page_in_the_other_language(client):
    world = build_world()
    tried, failures = 0, []
    for role in ("visitor", "company", "referent", "partner", "lead"):
        client.logout()
        if role != "visitor":
            client.force_login(world.users[role])
        for page in (p for p in world.pages if p.role == role):
            for language, accept in CASES:
                other = "fr" if language == "it" else "it"
                # The cookie says the browser's language too, as after a visit to the other pages.
                client.cookies[settings.LANGUAGE_COOKIE_NAME] = accept[:2]
                url = page.url(language)
                response = client.get(url, HTTP_ACCEPT_LANGUAGE=accept)
                tried += 1
                if response.status_code != 200:
                    failures.append((url, f"status {response.status_code}"))
                    continue
                switched = client.get(switch_links(response.content.decode())[other], HTTP_ACCEPT_LANGUAGE=accept)
                landing = switched.headers.get("Location", "")
                expected = page.url(other)
                if unquote(landing) != unquote(expected):
                    failures.append((url, landing))
                    continue
                landed = client.get(landing, HTTP_ACCEPT_LANGUAGE=accept)
                if landed.status_code != 200 or f'<html lang="{other}"' not in landed.content.decode():
                    failures.append((url, f"{landing}: status {landed.status_code}"))
    assert tried >= 3 * 80  # every page of the world, three times
    assert failures == [], f"{len(failures)} of {tried} switches missed: {failures}"


def test_the_login_page_switches_its_next_page_too(client):
    response = client.get("/it/accounts/login/?next=/it/dashboard/", HTTP_ACCEPT_LANGUAGE="fr")
    switched = client.get(switch_links(response.content.decode())["fr"])
    assert unquote(switched["Location"]) == "/fr/accounts/login/?next=/fr/dashboard/"


def test_the_switch_remembers_the_choice(client, user):
    client.force_login(user)
    user.preferred_language = "fr"
    user.save()
    response = client.get("/i18n/switch/it/?next=/fr/dashboard/")
    assert response["Location"] == "/it/dashboard/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "it"
    user.refresh_from_db()
    assert user.preferred_language == "it"
    # From another site's link the page switches, the account keeps its preference.
    client.get("/i18n/switch/fr/?next=/it/dashboard/", HTTP_SEC_FETCH_SITE="cross-site")
    user.refresh_from_db()
    assert user.preferred_language == "it"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""])
def test_the_switch_only_goes_to_the_portal(client, target):
    response = client.get("/i18n/switch/it/", {"next": target})
    assert response["Location"] == "/it/"


def test_an_unknown_language_is_not_found(client):
    assert client.get("/i18n/switch/de/?next=/fr/").status_code == 404


def test_a_missing_page_switches_by_its_prefix(client):
    response = client.get("/it/no-such-page/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert switch_links(response.content.decode())["fr"].endswith("next=/fr/no-such-page/")


def test_public_pages_name_their_alternates(client):
    body = client.get("/it/tiers-lieux/directory/?q=fablab").content.decode()
    base = settings.SITE_URL.rstrip("/")
    for hreflang, path in (("fr", "/fr/"), ("it", "/it/"), ("x-default", "/fr/")):
        assert (
            f'<link rel="alternate" hreflang="{hreflang}" href="{base}{path}tiers-lieux/directory/?q=fablab">' in body
        )


@pytest.mark.parametrize(("page_language", "preferred"), [("it", "fr"), ("fr", "it")])
def test_login_keeps_the_language_of_the_page(client, page_language, preferred):
    UserFactory(email="giulia@example.org", preferred_language=preferred)
    credentials = {"login": "giulia@example.org", "password": "correct-horse-battery"}
    response = client.post(f"/{page_language}/accounts/login/", credentials, HTTP_ACCEPT_LANGUAGE=preferred)
    assert response.status_code == 302 and response["Location"] == f"/{page_language}/dashboard/"
    # The preferred language becomes the default of the site's root.
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == preferred
    client.logout()
    response = client.post(f"/{page_language}/accounts/login/?next=/{page_language}/flux/mine/", credentials)
    assert response["Location"] == f"/{page_language}/flux/mine/"


@pytest.mark.parametrize("language", ["fr", "it"])
def test_logout_keeps_the_language_of_the_page(client, user, language):
    client.force_login(user)
    response = client.post(f"/{language}/accounts/logout/")
    assert response.status_code == 302 and response["Location"] == f"/{language}/"
