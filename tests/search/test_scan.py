"""A small reference table searched by scanning (`scan=True`: substring tests, no tsvector per
row) finds the same rows with the same ranks as through the full-text index."""

import pytest

from bourseflux.models import EwcCode
from bourseflux.reference_lookup import parse_ewc_query
from circuito.search import search_linked
from circuito.search.loaders import load_thesaurus
from tests.search.test_engine import BEDDING, OIL, SAWDUST, codes  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def ranked(text: str, language: str, *, scan: bool) -> list[tuple[str, float]]:
    query = parse_ewc_query(text, language)
    rows = search_linked(EwcCode.objects.filter(level=3), query, "ewc", scan=scan).order_by("-search_rank", "code")
    return [(row.code, round(row.search_rank, 6)) for row in rows]


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("sciure de bois", "fr"),
        ("segatura", "it"),
        ("huile de fri", "fr"),  # the last word unfinished: prefix keys
        ("oli", "it"),
        ("verre 10 11", "fr"),
        ("nothingmatches", "fr"),
    ],
)
def test_scanning_finds_what_the_index_finds(codes, text, language):  # noqa: F811
    load_thesaurus([SAWDUST, BEDDING, OIL])
    by_index = ranked(text, language, scan=False)
    assert ranked(text, language, scan=True) == by_index
    if text != "nothingmatches":
        assert by_index  # each query finds something: the comparison says something


def test_the_ewc_autocomplete_finds_the_code_by_an_everyday_word(codes, client):  # noqa: F811
    load_thesaurus([SAWDUST, BEDDING, OIL])
    data = client.get("/fr/flux/codes/ewc/autocomplete/", {"q": "huile de friture", "format": "json"}).json()
    assert data["results"][0]["code"] == "20 01 25"
