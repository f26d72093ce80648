"""Needs said the way people say them: a material in another condition than the thesaurus's term
("vieux ordinateurs" for "ordinateurs usagés"), words that only look like stop words once accents
are folded ("maïs"), Italian address contractions and former names of communes, a trade named for
the flows it gives off, and words that name waste in general finding nothing on their own."""

import pytest

from bourseflux.models import ActivityFlowProfile, EwcCode
from bourseflux.reference_lookup import search_ewc
from bourseflux.search import search_flows
from circuito.geo.search import search_communes
from circuito.search import parse
from circuito.search.loaders import Row, load_thesaurus
from circuito.search.models import Term
from tests.bourseflux.factories import EwcCodeFactory, FlowFactory, MaterialCategoryFactory
from tests.factories import CommuneFactory, TerritoryFactory

pytestmark = pytest.mark.django_db

COMPUTERS = Row(
    key="m-it-equipment",
    terms={"fr": ["ordinateurs usagés"], "it": ["computer dismessi"], "en": []},
    links=[("ewc", "20 01 36")],
    serves=[],
    source="trade",
)
SCRAPYARD = Row(
    key="a-scrapyard",
    terms={"fr": ["casse auto"], "it": ["autodemolizione"], "en": []},
    links=[("nace", "38.31")],
    serves=[],
    source="trade",
)
MAIZE = Row(
    key="m-maize-residues",
    terms={"fr": ["rafles de maïs"], "it": ["tutoli di mais"], "en": []},
    links=[("ewc", "02 01 03")],
    serves=[],
    source="trade",
)
BREWERY = Row(
    key="a-brewery",
    terms={"fr": ["brasserie artisanale"], "it": ["birrificio"], "en": []},
    links=[("nace", "11.05")],
    serves=[],
    source="trade",
)


@pytest.fixture
def weee():
    return EwcCodeFactory(
        code="20 01 36",
        chapter="20",
        label_fr="équipements électriques et électroniques mis au rebut",
        label_it="apparecchiature elettriche ed elettroniche fuori uso",
    )


def codes(text: str, language: str = "fr") -> list[str]:
    return [c.code for c in search_ewc(text, EwcCode.objects.filter(level=3), language=language)]


def test_a_material_is_recognised_in_any_condition(weee):
    load_thesaurus([COMPUTERS, SCRAPYARD])
    assert codes("vieux ordinateurs") == ["20 01 36"]
    assert codes("computer vecchi", "it") == ["20 01 36"]
    assert codes("ordinateurs usagés") == ["20 01 36"]
    # Said in full, the term is surer than the thing named in another condition.
    full = parse("ordinateurs usagés").concepts[0].weight
    assert parse("vieux ordinateurs").concepts[0].weight < full
    # Trades keep their words: "casse auto" is a scrapyard, "auto" alone is not one.
    assert not parse("auto").concepts
    assert parse("casse auto").concepts


def test_maize_is_no_stop_word_and_a_reload_reads_old_terms_again():
    load_thesaurus([MAIZE])
    assert [s.text for s in parse("rafles de maïs").slots] == ["rafles mais"]
    assert [s.text for s in parse("tutoli di mais", language="it").slots] == ["tutoli mais"]
    # A term stored when "mais" was a stop word is analysed again at the next load.
    Term.objects.filter(text="rafles de maïs").update(analysed=[["rafl"]])
    assert load_thesaurus([MAIZE])["terms_reanalysed"] == 1
    assert len(Term.objects.get(text="rafles de maïs").analysed) == 2


def test_italian_contractions_and_former_names_of_communes():
    cuneo = TerritoryFactory(country="IT", code="CN", name="Cuneo", name_fr="Coni", name_it="Cuneo")
    imperia = TerritoryFactory(country="IT", code="IM", name="Imperia", name_fr="Imperia", name_it="Imperia")
    genova = TerritoryFactory(country="IT", code="GE", name="Genova", name_fr="Gênes", name_it="Genova")
    CommuneFactory(country="IT", code="004110", name="Limone Piemonte", department=cuneo, population=1500)
    CommuneFactory(country="IT", code="008031", name="Imperia", department=imperia, population=42000)
    CommuneFactory(country="IT", code="010037", name="Moneglia", department=genova, population=2800)

    def names(text):
        return [c.name for c in search_communes(text)]

    assert names("Limone P.te") == ["Limone Piemonte"]
    assert names("Oneglia") == ["Imperia"]
    assert names("Porto Maurizio") == ["Imperia"]
    assert names("Moneglia") == ["Moneglia"]


def test_a_trade_finds_its_typical_flows_in_the_other_language():
    load_thesaurus([BREWERY])
    brewery = MaterialCategoryFactory(
        code="brewery-winery-residues", name_fr="Drêches et marcs", name_it="Trebbie e vinacce", ewc_prefixes=[]
    )
    ActivityFlowProfile.objects.create(
        nace_code="11.05", direction="offer", category=brewery, nature="by_product", name="Drêches"
    )
    grains = FlowFactory(category=brewery, title_fr="Drêches humides", title_it="")
    FlowFactory(title_fr="Marc de pommes", title_it="")
    assert list(search_flows("birrificio", "it")) == [grains]


def test_words_naming_waste_in_general_find_nothing_alone():
    vegetables = FlowFactory(title_fr="", title_it="Scarti vegetali per compostaggio")
    FlowFactory(title_fr="Marc de pommes", title_it="")
    # "scarti" is in every other title: it does not find a flow by itself.
    assert list(search_flows("scarti della sidreria", "it")) == []
    assert list(search_flows("scarti vegetali", "it")) == [vegetables]
    # Alone, it is all there is to search for.
    assert vegetables in search_flows("scarti", "it")
