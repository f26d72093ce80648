"""Every page of the world, public and private for each role, in each language, with the browser
set to the other language or to English: the page speaks its own language only (proper names and
user content aside, which the catalogue does not hold)."""

import pytest
from django.conf import settings

from circuito.accounts.models import Organisation
from tests.languages.other_language import other_language_left, shown_text
from tests.languages.world import build_world

pytestmark = pytest.mark.django_db

BROWSERS = {"fr": ("it-IT,it;q=0.9", "en-GB,en;q=0.9"), "it": ("fr-FR,fr;q=0.9", "en-GB,en;q=0.9")}


def test_no_interface_text_of_the_other_language(client):
    world = build_world()
    proper_names = sorted(Organisation.objects.values_list("legal_name", flat=True), key=len, reverse=True)
    visited, leftovers = 0, {}
    for role in ("visitor", "company", "referent", "partner", "lead"):
        client.logout()
        if role != "visitor":
            client.force_login(world.users[role])
        for page in (p for p in world.pages if p.role == role):
            for language, accepts in BROWSERS.items():
                for accept in accepts:
                    client.cookies[settings.LANGUAGE_COOKIE_NAME] = accept[:2]
                    url = page.url(language)
                    response = client.get(url, HTTP_ACCEPT_LANGUAGE=accept)
                    assert response.status_code == 200, url
                    visited += 1
                    text = shown_text(response.content.decode(), language)
                    for name in proper_names:  # organisations keep their legal name in every language
                        text = text.replace(name, " ")
                    left = other_language_left(text, language)
                    if left:
                        leftovers[f"{url} ({accept[:2]})"] = left
    assert visited >= 4 * 80  # every page of the world, in each language, with two browsers
    assert not leftovers, "\n".join(f"{url}: {left}" for url, left in leftovers.items())


def test_the_crawl_sees_a_phrase_of_the_other_language():
    # The detector itself: an Italian phrase of the catalogue on a French page is found.
    from tests.languages.other_language import strings_only_in

    phrase = sorted(strings_only_in("it"))[0]
    html = f"<p>Bonjour<br></p><button aria-label='{phrase}'>x</button><script>var a = '{phrase}';</script>"
    assert other_language_left(shown_text(html, "fr"), "fr") == [phrase]
    # Scripts, and parts marked as Italian (a quotation, a proper name), are not interface text.
    assert other_language_left(shown_text(f"<script>'{phrase}'</script>", "fr"), "fr") == []
    assert other_language_left(shown_text(f"<p>Nom : <span lang='it'>{phrase}</span> fin</p>", "fr"), "fr") == []
