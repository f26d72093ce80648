"""Control characters are refused at the edge with a 400 and a message in the user's language:
query strings, form fields and JSON bodies; PostgreSQL would otherwise answer NUL with a 500.
Run this file with DATABASE_URL pointing at PostgreSQL too."""

import json

import pytest
from django.utils import translation
from django.utils.translation import gettext

from circuito.input_hygiene import has_control_character

pytestmark = pytest.mark.django_db

NUL = "a\x00b"

# The endpoints that answered 500 on PostgreSQL with a NUL in their query string.
ENDPOINTS = [
    ("/fr/communes/autocomplete/", "q"),
    ("/fr/nace/autocomplete/", "q"),
    ("/fr/flux/codes/ewc/autocomplete/", "q"),
    ("/fr/flux/zones/companies/autocomplete/", "q"),
    ("/api/v1/news/", "place"),
    ("/api/v1/news/", "kind"),
    ("/api/v1/services/", "place"),
    ("/api/v1/events/", "kind"),
    ("/api/v1/places/", "kind"),
    ("/api/v1/projects/", "cross_border"),
    ("/api/v1/innovation-needs/", "place"),
    ("/api/v1/service-requests/", "status"),
    ("/api/v1/themes/", "study"),
    ("/api/v1/swot-items/", "study"),
]


def message(field: str, lang: str = "fr") -> str:
    with translation.override(lang):
        return gettext(
            "The field or parameter “%(field)s” contains a control character (such as NUL), which is not accepted: "
            "remove it (retype the text rather than pasting it) and try again."
        ) % {"field": field}


@pytest.mark.parametrize(("url", "param"), ENDPOINTS)
def test_nul_in_query_string_is_a_400_not_a_500(client, partner_staff, url, param):
    for who in (None, partner_staff):
        if who:
            client.force_login(who)
        response = client.get(url, {param: NUL})
        assert response.status_code == 400, (url, param)
        if url.startswith("/api/"):
            assert response.json() == {"detail": message(param), "code": "control_character"}
        else:
            assert message(param) in response.content.decode()


def test_page_is_in_the_users_language(client):
    response = client.get("/it/communes/autocomplete/", {"q": NUL})
    assert response.status_code == 400
    body = response.content.decode()
    assert '<html lang="it">' in body and message("q", "it") in body
    assert "\x00" not in body


def test_api_answers_in_the_accepted_language(client):
    response = client.get("/api/v1/news/", {"place": NUL}, HTTP_ACCEPT_LANGUAGE="it")
    assert response.json()["detail"] == message("place", "it")


def test_import_confirmation_with_nul_is_refused(client, user):
    client.force_login(user)
    url = "/fr/flux/import/00000000-0000-0000-0000-000000000000/confirm/"
    assert client.post(url, {"publish": NUL}).status_code == 400


def test_form_post_with_control_character_is_refused_before_the_view(client, user):
    response = client.post("/fr/accounts/login/", {"login": "someone\x1b@example.org", "password": "x"})
    assert response.status_code == 400
    assert message("login") in response.content.decode()


def test_tab_and_line_breaks_are_accepted_in_text(client):
    response = client.post("/fr/accounts/login/", {"login": "a@example.org", "password": "line\r\none\ttab"})
    assert response.status_code == 200  # the login form answers (wrong password), not the edge


@pytest.mark.parametrize(
    "body",
    [
        '{"title_fr": "a\\u0000b"}',
        '{"places": ["ok", "x\\u0000"]}',
        '{"a\\u0001key": 1}',
        '{"title_fr": "\\ud800"}',
    ],
    ids=["value", "list-item", "key", "lone-surrogate"],
)
def test_json_body_with_control_character_is_a_400(client, user, body):
    client.force_login(user)
    response = client.post("/api/v1/projects/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "control_character"


def test_clean_json_reaches_the_api(client, user):
    client.force_login(user)
    response = client.post(
        "/api/v1/projects/", json.dumps({"title_fr": "Atelier\nbois"}), content_type="application/json"
    )
    assert response.status_code == 400  # the serializer's own answer: places are missing
    assert "places" in response.json()


def test_nul_in_the_address_is_refused(client):
    assert client.get("/fr/flux/import/template/csv%00/fr/").status_code == 400


@pytest.mark.parametrize(("text", "refused"), [("ok", False), ("a\tb\nc\r", False), ("\x00", True), ("\x7f", True)])
def test_has_control_character(text, refused):
    assert has_control_character(text) is refused
