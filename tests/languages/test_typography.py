"""French typography: non-breaking spaces before « : ; ? ! » and inside « », put in the French
translations when the catalogue is compiled, so every French UI string carries them."""

import pytest
from django.utils import translation

from circuito.languages.typography import NARROW_NBSP, NBSP, compiled_text, french_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Légende :", f"Légende{NBSP}:"),
        ("Vraiment ? Oui ! Non ; peut-être", f"Vraiment{NARROW_NBSP}? Oui{NARROW_NBSP}! Non{NARROW_NBSP}; peut-être"),
        ("« %(name)s »", f"«{NBSP}%(name)s{NBSP}»"),
        ("Adresse : %(address)s", f"Adresse{NBSP}: %(address)s"),
        ("Vraiment ?!", f"Vraiment{NARROW_NBSP}?!"),
        ("<strong>Note</strong> :", f"<strong>Note</strong>{NBSP}:"),
    ],
)
def test_french_text(text, expected):
    assert french_text(text) == expected


@pytest.mark.parametrize("text", ["14:05", "https://example.org/?q=a", "x != y", "a ?b", "Ciao!", "Nom\n: valeur", ""])
def test_what_is_not_punctuation_is_left_alone(text):
    assert french_text(text) == text


def test_only_french_is_changed():
    assert compiled_text("it", "Legenda :") == "Legenda :"
    assert compiled_text("fr", "Légende :") == f"Légende{NBSP}:"


def test_the_compiled_french_catalogue_carries_it():
    with translation.override("fr"):
        assert translation.gettext("Legend:") == f"Légende{NBSP}:"
    with translation.override("it"):
        assert NBSP not in translation.gettext("Legend:")


@pytest.mark.django_db
def test_french_pages_show_it(client):
    # The page refusing a control character quotes the field's name and says what to do.
    french = client.get("/fr/communes/autocomplete/?q=a%00").content.decode()
    italian = client.get("/it/communes/autocomplete/?q=a%00").content.decode()
    assert f"«{NBSP}q{NBSP}»" in french and f"{NBSP}: " in french
    assert NBSP not in italian
