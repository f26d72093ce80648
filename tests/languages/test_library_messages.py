"""What the portal shows from its libraries (Django's validators, allauth, DRF, django-filter) is in
the page's language: nothing falls back to the French of LANGUAGE_CODE on Italian pages."""

import re
from html import unescape

import pytest
from django.utils import translation
from django.utils.functional import Promise
from rest_framework import serializers

from circuito.languages import library_messages

pytestmark = pytest.mark.django_db

SIGNUPS = [
    # A malformed address, a missing name, short numeric passwords that differ.
    {"email": "mario.rossi@example", "first_name": "", "last_name": "Rossi", "password1": "1234", "password2": "12345"},
    # A password like the name and e-mail, and too common.
    {
        "email": "mario.rossi@example.org",
        "first_name": "Mario",
        "last_name": "Rossi",
        "password1": "mario.rossi@example",
    },
    {"email": "mario.rossi@example.org", "first_name": "Mario", "last_name": "Rossi", "password1": "qwertyuiop"},
]
# Words of each language's wording of these errors, never the other's.
WORDS = {
    "fr": ("mot de passe", "caractères", "champ", "adresse", "trop", "saisissez", "identique", "déjà", "utilisateur"),
    "it": ("password è", "caratteri", "campo", "indirizzo", "troppo", "inserisci", "uguale", "già", "utente"),
}


def errors_of(body: str) -> list[str]:
    texts = re.findall(
        r'class="(?:invalid-feedback[^"]*|alert alert-danger[^"]*)"[^>]*>(.*?)</div>\s*(?:</div>|$)', body, re.S
    )
    return [unescape(re.sub(r"<[^>]+>", " ", t)).strip() for t in texts if t.strip()]


def test_sign_up_errors_are_in_the_page_language(client):
    seen = {}
    for language in ("fr", "it"):
        errors = []
        for data in SIGNUPS:
            data = {"password2": data["password1"], **data}
            response = client.post(f"/{language}/accounts/signup/", data)
            assert response.status_code == 200
            errors += errors_of(response.content.decode())
        seen[language] = errors
    assert len(seen["it"]) >= 5 and len(seen["fr"]) == len(seen["it"])
    for language, other in (("fr", "it"), ("it", "fr")):
        text = " ".join(seen[language]).lower()
        assert [w for w in WORDS[other] if re.search(rf"\b{w}\b", text)] == [], seen[language]
        assert set(seen[language]).isdisjoint(seen[other])


@pytest.mark.parametrize(
    "message",
    library_messages.DJANGO + library_messages.DJANGO_FILTER + library_messages.REST_FRAMEWORK,
    ids=str,
)
def test_library_messages_have_both_languages(message):
    def render(language: str) -> str:
        with translation.override(language):
            return message % 8 if isinstance(message, Promise) else translation.gettext(message)

    english = message._kw["plural"] % 8 if isinstance(message, Promise) else message
    assert render("fr") != english and render("it") != english and render("fr") != render("it")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("it", "Questa password è troppo corta. Deve contenere almeno 8 caratteri."),
        ("fr", "Ce mot de passe est trop court. Il doit contenir au minimum 8 caractères."),
    ],
)
def test_password_length_message(language, expected):
    from django.contrib.auth.password_validation import MinimumLengthValidator

    with translation.override(language):
        assert MinimumLengthValidator().get_error_message() == expected


@pytest.mark.parametrize(("language", "word"), [("it", "booleano"), ("fr", "booléen")])
def test_api_validation_messages(language, word):
    with translation.override(language), pytest.raises(serializers.ValidationError) as error:
        serializers.BooleanField().run_validation("maybe")
    assert word in str(error.value.detail[0])
