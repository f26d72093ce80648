"""The search engine on real tables: the thesaurus expands a query across languages, typos are
corrected, abbreviations spelled out, each hit says why it was found, and an edit in the admin
counts at the next search."""

import pytest

from bourseflux.models import EwcCode
from bourseflux.reference_lookup import parse_ewc_query, search_ewc
from circuito.geo.search import search_communes
from circuito.search import hit_reasons, parse
from circuito.search.loaders import Row, load_thesaurus
from circuito.search.models import Concept, Term
from tests.bourseflux.factories import EwcCodeFactory
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db

SAWDUST = Row(
    key="m-sawdust",
    terms={"fr": ["sciure de bois", "sciure"], "it": ["segatura"], "en": ["sawdust"]},
    links=[("ewc", "03 01 05")],
    serves=["u-bedding"],
    source="trade",
)
BEDDING = Row(
    key="u-bedding",
    terms={"fr": ["litière"], "it": ["lettiera"], "en": ["animal bedding"]},
    links=[],
    serves=[],
    source="trade",
)
OIL = Row(
    key="m-used-cooking-oil",
    terms={"fr": ["huile de friture usagée", "huile alimentaire usagée"], "it": ["olio di frittura esausto"], "en": []},
    links=[("ewc", "20 01 25")],
    serves=[],
    source="trade",
)


@pytest.fixture
def codes():
    return {
        "sawdust": EwcCodeFactory(
            code="03 01 05",
            label_fr="sciure, copeaux, chutes, bois, panneaux de particules et placages",
            label_it="segatura, trucioli, residui di taglio, legno, pannelli di truciolare e piallacci",
        ),
        "oil": EwcCodeFactory(
            code="20 01 25",
            chapter="20",
            label_fr="huiles et matières grasses alimentaires",
            label_it="oli e grassi commestibili",
        ),
        "mineral": EwcCodeFactory(
            code="13 02 05",
            chapter="13",
            label_fr="huiles moteur non chlorées à base minérale",
            label_it="scarti di olio minerale per motori, non clorurati",
        ),
        "glass": EwcCodeFactory(
            code="10 11 12",
            chapter="10",
            label_fr="déchets de verre autres que ceux visés à la rubrique 10 11 11",
            label_it="rifiuti di vetro diversi da quelli di cui alla voce 10 11 11",
        ),
    }


def found(query: str, language: str = "fr") -> list[str]:
    return [c.code for c in search_ewc(query, EwcCode.objects.filter(level=3), language=language)]


def test_the_same_words_in_any_form_find_the_label(codes):
    assert found("sciures")[0] == "03 01 05"
    assert found("les déchets de verres") == ["10 11 12"]
    assert found("rifiuti di vetro")[0] == "10 11 12"
    assert found("vetri") == ["10 11 12"]
    assert found("de la") == []


def test_everyday_words_find_the_code_through_the_thesaurus(codes):
    load_thesaurus([SAWDUST, BEDDING, OIL])
    # Italian label words for a French query, and the code the concept stands for first.
    assert found("huile de friture usagée")[0] == "20 01 25"
    assert found("olio di frittura esausto", "it")[0] == "20 01 25"
    query = parse_ewc_query("segatura", "it")
    hits = list(search_ewc(query, EwcCode.objects.all()))
    assert hits[0].code == "03 01 05"
    reasons = hit_reasons(query, hits[0], scheme="ewc")
    assert any("segatura" in reason for reason in reasons), reasons


def test_a_typo_is_corrected_and_said(codes):
    query = parse_ewc_query("segatrua")
    assert query.corrections == {"segatrua": "segatura"}
    hits = list(search_ewc(query, EwcCode.objects.all()))
    assert [h.code for h in hits] == ["03 01 05"]
    assert hit_reasons(query, hits[0], scheme="ewc") == ["segatrua → segatura"]


def test_a_synonym_added_in_the_admin_counts_at_the_next_search(codes, admin_client):
    load_thesaurus([SAWDUST, BEDDING, OIL])
    assert "03 01 05" not in found("brisures")
    concept = Concept.objects.get(key="m-sawdust")
    response = admin_client.post(
        "/fr/admin/search/term/add/",
        {"concept": concept.pk, "language": "fr", "text": "brisures de rabotage"},
    )
    assert response.status_code == 302, response.content[:2000]
    assert found("brisures de rabotage")[0] == "03 01 05"
    # A reload of the reference file keeps what was added in the admin.
    load_thesaurus([SAWDUST, BEDDING, OIL])
    assert Term.objects.filter(text="brisures de rabotage", from_file=False).exists()


def test_reload_removes_terms_the_file_dropped_and_is_idempotent(codes):
    load_thesaurus([SAWDUST, BEDDING, OIL])
    count = Term.objects.count()
    assert load_thesaurus([SAWDUST, BEDDING, OIL])["terms"] == 0
    assert Term.objects.count() == count
    shorter = Row(SAWDUST.key, {"fr": ["sciure"], "it": ["segatura"], "en": []}, SAWDUST.links, [], "trade")
    load_thesaurus([shorter, BEDDING, OIL])
    assert not Term.objects.filter(text="sciure de bois").exists()
    assert Term.objects.filter(text="sciure", from_file=True).exists()


@pytest.mark.parametrize(
    "typed",
    ["", "a", "x" * 500, "de la les", "\x00\x01", "% _ \\ * ( ) ' \"", "Москва 北京 😀", "'; DROP TABLE x; --"],
)
def test_odd_input_gives_an_empty_result_not_an_error(codes, typed):
    assert isinstance(found(typed), list)
    assert isinstance(list(search_communes(typed)), list)


def test_communes_abbreviations_typos_and_exonyms():
    CommuneFactory(name="Saint-Étienne-de-Tinée", alt_name="Santo Stefano di Tinea", population=300)
    CommuneFactory(name="Sainte-Maxime", population=14000)
    CommuneFactory(country="IT", code="004078", name="Cuneo", population=56000)
    CommuneFactory(name="Chamonix-Mont-Blanc", population=8600)

    def names(text):
        return [c.name for c in search_communes(text)]

    assert names("St-Étienne-de-Tinée") == ["Saint-Étienne-de-Tinée"]
    assert names("ste maxime") == ["Sainte-Maxime"]
    assert names("cuneeo") == ["Cuneo"]
    assert names("chamonx") == ["Chamonix-Mont-Blanc"]
    assert names("santo stefano tinea") == ["Saint-Étienne-de-Tinée"]
    assert names("xyzzy") == []


def test_query_is_bounded():
    query = parse(" ".join(f"mot{i}" for i in range(50)))
    assert len(query.slots) <= 12


def test_api_search_says_why_each_hit_was_found(codes, client):
    load_thesaurus([SAWDUST, BEDDING, OIL])
    data = client.get("/api/v1/ewc/", {"q": "segatura", "level": 3}).json()
    assert data["results"][0]["code"] == "03 01 05"
    assert any("segatura" in reason for reason in data["results"][0]["search_reasons"]), data["results"][0]
    typo = client.get("/api/v1/ewc/", {"q": "segatrua"}).json()["results"]
    assert typo[0]["search_reasons"][0] == "segatrua → segatura"
    plain = client.get("/api/v1/ewc/").json()["results"]
    assert all(row["search_reasons"] == [] for row in plain)


def test_autocomplete_shows_the_reason_in_the_page(codes, client):
    load_thesaurus([SAWDUST, BEDDING, OIL])
    html = client.get("/it/flux/codes/ewc/autocomplete/", {"q": "huile de friture"}).content.decode()
    assert "20 01 25" in html
    assert "huile friture ↔ olio di frittura esausto" in html
