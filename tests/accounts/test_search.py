"""Finding organisations: the directory, its API and the company autocompletes use the shared
search engine (name and commune in any form, one typo per word, no thesaurus for names)."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from circuito.accounts.models import Organisation
from circuito.accounts.search import search_organisations
from circuito.search.loaders import Row, load_thesaurus
from tests.bourseflux.factories_explore import facilitator
from tests.factories import CommuneFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

API_URL = "/api/v1/organisations/"
ODD_INPUT = ["", " ", "a", "x" * 500, "de la les", "\x00\x01", "% _ \\ * ( ) ' \"", "Москва 北京 😀", "' OR 1=1 --"]
WITHOUT_WORDS = "Your search holds no word to look for, only very common words or signs. Type a name or a commune."


@pytest.fixture(autouse=True)
def _back_to_default_language():
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def companies():
    return {
        "cider": OrganisationFactory(
            legal_name="Sidro Valdostano srl", country="IT", commune=CommuneFactory(country="IT", name="Aosta")
        ),
        "sawmill": OrganisationFactory(
            legal_name="Scierie du Lac", commune=CommuneFactory(name="Saint-Étienne-de-Tinée", alt_name="")
        ),
        "segatura": OrganisationFactory(legal_name="Segatura Rossi", country="IT"),
    }


def names(text: str, **kwargs) -> list[str]:
    return [o.legal_name for o in search_organisations(text, **kwargs)]


def directory(client, q: str) -> str:
    with translation.override("fr"):
        return client.get(reverse("accounts:organisation_directory"), {"q": q}).content.decode()


def test_name_and_commune_in_any_form_and_one_typo(companies):
    assert names("valdostano") == ["Sidro Valdostano srl"]
    assert names("valdostamo") == ["Sidro Valdostano srl"]  # a typo
    assert names("SCIERIE") == ["Scierie du Lac"]
    assert names("saint etienne") == ["Scierie du Lac"]  # the commune
    assert names("st-étienne") == ["Scierie du Lac"]  # an abbreviation
    assert names("aosta sidro") == ["Sidro Valdostano srl"]  # every word, any order
    assert names("sidro lac") == []


def test_the_last_word_may_be_unfinished(companies):
    assert names("sidro vald") == ["Sidro Valdostano srl"]
    assert names("vald sidro") == []  # only the last word


def test_no_thesaurus_for_proper_names(companies):
    load_thesaurus(
        [Row("m-sawdust", {"fr": ["sciure"], "it": ["segatura"], "en": []}, [("ewc", "03 01 05")], [], "trade")]
    )
    assert names("sciure") == []  # "Segatura Rossi" is a name, not sawdust
    assert names("segatura") == ["Segatura Rossi"]


def test_directory_shows_the_reason_of_a_corrected_typo(client, companies):
    html = directory(client, "valdostamo")
    assert "Sidro Valdostano srl" in html and "Scierie du Lac" not in html
    assert "valdostamo → valdostano" in html


def test_directory_still_finds_national_identifiers(client, db):
    OrganisationFactory(legal_name="Alpha", siret="12345678901234")
    OrganisationFactory(legal_name="Beta")
    html = directory(client, "123 456 789 01234")
    assert "Alpha" in html and "Beta" not in html


def test_directory_explains_a_search_without_words(client, companies):
    html = directory(client, "de la")
    with translation.override("fr"):
        assert escape(gettext(WITHOUT_WORDS)) in html
    assert "Scierie du Lac" not in html


def test_directory_query_count_with_a_search_does_not_grow(client, db):
    OrganisationFactory(legal_name="Scierie 0", commune=CommuneFactory())

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            directory(client, "scierie")
        return len(ctx.captured_queries)

    count()  # warm-up: vocabularies are read once per process
    few = count()
    for i in range(1, 20):
        OrganisationFactory(legal_name=f"Scierie {i}", commune=CommuneFactory())
    assert count() <= few


def test_api_q(client, companies):
    rows = client.get(API_URL, {"q": "valdostamo"}).json()["results"]
    assert [r["legal_name"] for r in rows] == ["Sidro Valdostano srl"]
    rows = client.get(API_URL, {"q": "saint etienne"}).json()["results"]
    assert [r["legal_name"] for r in rows] == ["Scierie du Lac"]


def test_company_autocompletes(client, companies):
    OrganisationFactory(legal_name="Valdostano Partner", kind=Organisation.Kind.PARTNER)
    client.force_login(facilitator())
    with translation.override("fr"):
        options = client.get(reverse("bourseflux:company_autocomplete"), {"q": "valdostamo", "format": "json"}).json()
        assert [o["label"] for o in options["results"]] == ["Sidro Valdostano srl"]
        assert options["results"][0]["reasons"] == ["valdostamo → valdostano"]
        html = client.get(reverse("bourseflux:company_autocomplete"), {"q": "valdost"}).content.decode()
        assert "Sidro Valdostano srl" in html
        for page in (reverse("bourseflux:my_flows"), reverse("bourseflux:flow_create")):
            html = client.get(page, {"company": "scierie lac"}).content.decode()
            assert "Scierie du Lac" in html and "Sidro Valdostano" not in html, page
            assert "Valdostano Partner" not in client.get(page, {"company": "valdostano"}).content.decode()


@pytest.mark.parametrize("typed", ODD_INPUT)
def test_odd_input_never_breaks_a_search(client, companies, typed):
    assert isinstance(names(typed), list)
    nul = "\x00" in typed
    with translation.override("fr"):
        assert client.get(reverse("accounts:organisation_directory"), {"q": typed}).status_code in (
            (200, 400) if nul else (200,)
        )
    assert client.get(API_URL, {"q": typed}).status_code in ((200, 400) if nul else (200,))
    client.force_login(facilitator())
    with translation.override("fr"):
        for page in (reverse("bourseflux:company_autocomplete"), reverse("bourseflux:my_flows")):
            response = client.get(page, {"q": typed, "company": typed})
            assert response.status_code in ((200, 400) if nul else (200,)), page
