"""French typography: non-breaking spaces before « : ; ? ! » and inside « » on French pages, in
text only; Italian pages, scripts, styles, attributes and editable text are left alone."""

import pytest

from circuito.languages.typography import NARROW_NBSP, NBSP, french_typography


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>Légende : voir</p>", f"<p>Légende{NBSP}: voir</p>"),
        (
            "<p>Vraiment ? Oui ! Non ; peut-être</p>",
            f"<p>Vraiment{NARROW_NBSP}? Oui{NARROW_NBSP}! Non{NARROW_NBSP}; peut-être</p>",
        ),
        ("<p>« Tiers-Lieux »</p>", f"<p>«{NBSP}Tiers-Lieux{NBSP}»</p>"),
        ("<dt><b>Adresse</b> :</dt>", f"<dt><b>Adresse</b>{NBSP}:</dt>"),
        ("<a>Question ?</a>", f"<a>Question{NARROW_NBSP}?</a>"),
        ("<p>Vraiment ?!</p>", f"<p>Vraiment{NARROW_NBSP}?!</p>"),
    ],
)
def test_text_gets_non_breaking_spaces(html, expected):
    assert french_typography(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        '<input value="Note : 5" title="a ? b">',
        "<script>var a = b ? c : d;</script>",
        "<style>a::after { content: ' : '; }</style>",
        "<textarea>Note ?</textarea>",
        "<pre>a : b</pre><code>x ? y : z</code>",
        "<!-- a : b -->",
        "<p>14:05, https://example.org/?q=a, x != y, a ?b</p>",
        "<p>Nom\n  : valeur</p>",
    ],
)
def test_code_attributes_and_editable_text_are_left_alone(html):
    assert french_typography(html) == html


@pytest.mark.django_db
def test_french_pages_only(client):
    fr = client.get("/fr/accounts/login/").content.decode()
    it = client.get("/it/accounts/login/").content.decode()
    assert f"{NBSP}:" in fr or f"{NARROW_NBSP}?" in fr
    assert NARROW_NBSP not in it and f"{NBSP}:" not in it
    response = client.get("/fr/accounts/login/")
    assert int(response["Content-Length"]) == len(response.content)
