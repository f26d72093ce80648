"""A flow search ranks a bounded window of its matches, whatever their number: flows found by
the code a concept stands for (or by their company's name) first, then the newest; while the
matches fit in the window, the order is that of ranking them all."""

import pytest
from django.contrib.auth.models import AnonymousUser

from bourseflux import search
from bourseflux.filters import filtered_flows
from bourseflux.models import Flow
from bourseflux.search import search_flows
from circuito.search.loaders import Row, load_thesaurus
from tests.bourseflux.factories_explore import ewc, french_flow, italian_flow

pytestmark = pytest.mark.django_db

SAWDUST = Row(
    key="m-sawdust",
    terms={"fr": ["sciure de bois", "sciure"], "it": ["segatura"], "en": ["sawdust"]},
    links=[("ewc", "03 01 05")],
    serves=[],
    source="trade",
)


@pytest.fixture(autouse=True)
def thesaurus():
    load_thesaurus([SAWDUST])


def _titles(text: str, language: str = "fr") -> list[str]:
    return [flow.title_fr or flow.title_it for flow in search_flows(text, language)]


def test_with_every_match_in_the_window_the_best_come_first():
    italian_flow(title_it="Segatura di abete", description_it="")
    french_flow(title_fr="Sciure de sapin", description_fr="")
    italian_flow(title_it="Segatura mista", description_it="", nature="waste", ewc=ewc("03 01 05"))
    french_flow(title_fr="Marc de pommes")  # not sawdust
    # The code the concept stands for, then the word as typed, then its synonym.
    assert _titles("sciure") == ["Segatura mista", "Sciure de sapin", "Segatura di abete"]


def test_beyond_the_window_code_hits_stay_and_the_newest_words_are_ranked(monkeypatch):
    monkeypatch.setattr(search, "RANK_WINDOW", 3)
    italian_flow(title_it="Segatura mista", description_it="", nature="waste", ewc=ewc("03 01 05"))  # oldest
    for n in range(4):
        french_flow(title_fr=f"Sciure de sapin {n}", description_fr="")
    # The coded flow, though the oldest, is in the window; then the two newest word matches.
    assert _titles("sciure") == ["Segatura mista", "Sciure de sapin 3", "Sciure de sapin 2"]


def test_a_window_never_lets_through_what_the_other_filters_keep_out(monkeypatch):
    monkeypatch.setattr(search, "RANK_WINDOW", 2)
    kept = [french_flow(title_fr=f"Sciure de hêtre {n}", description_fr="") for n in range(2)]
    for n in range(3):  # newer, but Italian: filtered out by the country
        italian_flow(title_it=f"Segatura {n}", description_it="")
    french = Flow.objects.filter(country="FR")
    assert {f.pk for f in search_flows("sciure", "fr", french)} == {f.pk for f in kept}
    # The list's filters narrow the matches before the window is taken, whatever their order.
    _flt, listed = filtered_flows({"q": "sciure", "country": "FR"}, AnonymousUser())
    assert {f.pk for f in listed} == {f.pk for f in kept}
