"""Relevance of candidates: a code in every category it fits, the thesaurus's "can be used as",
and one calibrated scale (≥ 70 strong, 50–69 plausible, < 50 weak) whatever the material.

The flows below sit in one commune, with the same state, quantities and months: their practical
fit is 1, so each score is the top of its level's band (rules.LEVELS)."""

import pytest
from django.utils import translation

from bourseflux.loaders import load_categories
from bourseflux.matching import Reason, candidates
from bourseflux.matching.rules import LEVELS, PLAUSIBLE, STRONG, strength
from bourseflux.models import Flow, MaterialCategory
from bourseflux.reference_lookup import category_tree
from circuito.search import thesaurus
from circuito.search.loaders import Row, load_thesaurus
from tests.bourseflux.factories_matching import aosta, ewc, flow_at, savoie

pytestmark = pytest.mark.django_db

NEED = Flow.Direction.NEED
LIQUID, SOLID = Flow.State.LIQUID, Flow.State.SOLID
FEED = {"fr": "alimentation animale", "it": "alimentazione animale"}
BEDDING = {"fr": "litière", "it": "lettiera"}


def _row(key, fr, it, links=(), serves=()):
    return Row(key=key, terms={"fr": fr, "it": it, "en": []}, links=list(links), serves=list(serves), source="trade")


# A small thesaurus in the shape of circuito/search/data/thesaurus_materials.csv.
THESAURUS = [
    _row(
        "m-used-cooking-oil",
        ["huile de friture usagée", "huile alimentaire usagée"],
        ["olio vegetale esausto", "olio di frittura esausto"],
        [("ewc", "20 01 25"), ("material", "used-oils"), ("material", "food-processing-residues")],
        ["u-biodiesel"],
    ),
    _row("u-biodiesel", ["biodiesel"], ["biodiesel"], [("material", "used-oils")]),
    _row(
        "m-fruit-pomace",
        ["marc de pommes"],
        ["sansa di mele"],
        [("ewc", "02 03 04"), ("material", "fruit-vegetable-residues")],
        ["u-animal-feed"],
    ),
    _row(
        "m-spent-grain",
        ["drêches de brasserie"],
        ["trebbie di birra"],
        [("ewc", "02 07 04"), ("material", "brewery-winery-residues")],
        ["u-animal-feed"],
    ),
    _row(
        "u-animal-feed",
        [FEED["fr"], "aliments du bétail"],
        [FEED["it"], "mangimi"],
        [("material", "fruit-vegetable-residues"), ("material", "brewery-winery-residues")],
    ),
    _row(
        "m-sawdust",
        ["sciure"],
        ["segatura"],
        [("ewc", "03 01 05"), ("material", "sawdust-shavings")],
        ["u-animal-bedding"],
    ),
    _row("m-straw", ["paille"], ["paglia"], [("ewc", "02 01 03"), ("material", "green-waste")], ["u-animal-bedding"]),
    _row("u-animal-bedding", [BEDDING["fr"]], [BEDDING["it"]], [("material", "sawdust-shavings")]),
]


@pytest.fixture
def cats() -> dict[str, MaterialCategory]:
    """The project's category tree, as bourseflux/data/material_categories.csv defines it."""
    load_categories()
    return {c.code: c for c in MaterialCategory.objects.all()}


@pytest.fixture
def words():
    load_thesaurus(THESAURUS)
    thesaurus.reset()  # the load's commit hook does not run inside a test's transaction


def _offer(cats, title_fr="", title_it="", **kwargs):
    here = savoie() if title_fr else aosta()
    code = kwargs.get("ewc")
    if code is not None and "category" not in kwargs:
        kwargs["category"] = cats[code_category(code)]
    return flow_at(here, title_fr=title_fr, title_it=title_it, **kwargs)


def top(level: str, km: float = 0.0) -> int:
    """The score of a pair of `level` whose only imperfection is its road distance."""
    base, span = LEVELS[level]
    return round(base + span * (0.7 + 0.3 * max(0.0, 1 - km / 400)))


def code_category(code) -> str:
    """The category the flow form infers from a code (the first of its categories)."""
    from bourseflux.reference_lookup import category_for_ewc

    return category_for_ewc(code).code


def test_a_code_belongs_to_every_category_it_fits(cats):
    tree = category_tree()
    slugs = lambda code: {tree.slug[pk] for pk in tree.for_code(code)}  # noqa: E731
    assert slugs("20 01 25") == {"food-processing-residues", "used-oils"}
    assert "fruit-vegetable-residues" not in slugs("20 01 25")
    assert slugs("02 03 04") == {"fruit-vegetable-residues"}
    assert slugs("03 01 05") == {"sawdust-shavings", "untreated-wood-offcuts"}
    assert slugs("13 02 05") == {"used-oils"}
    # The flow form still infers one category: the first sub-category listing the code.
    assert code_category(ewc("20 01 25")) == "food-processing-residues"


def test_used_cooking_oil_reaches_a_need_for_used_oils_by_its_code(cats):
    # No thesaurus: 20 01 25 is filed under used oils too, so the category alone meets the need.
    need = flow_at(
        savoie(), direction=NEED, nature=Flow.Nature.MATERIAL, category=cats["used-oils"], physical_state=LIQUID
    )
    oil = _offer(cats, title_it="Olio vegetale esausto", ewc=ewc("20 01 25"), nature="waste", physical_state=LIQUID)
    assert oil.category.code == "food-processing-residues"
    [found] = candidates(need)
    assert (found.flow, found.level) == (oil, "same_category")
    assert found.score == pytest.approx(top("same_category", found.distance_km), abs=1)
    names = {"fr": "Huiles usagées et hydrocarbures", "it": "Oli usati e idrocarburi"}
    assert found.reasons[0] == Reason("same_category", {"category": names})


def test_used_cooking_oil_serves_a_need_for_biodiesel(cats, words):
    need = flow_at(
        savoie(),
        direction=NEED,
        nature=Flow.Nature.MATERIAL,
        category=cats["used-oils"],
        physical_state=LIQUID,
        title_fr="Huiles usagées pour la production de biodiesel",
        title_it="",
    )
    oil = _offer(cats, title_it="Olio vegetale esausto", ewc=ewc("20 01 25"), nature="waste", physical_state=LIQUID)
    [found] = candidates(need)
    assert (found.flow, found.level, found.strength) == (oil, "uses", "strong")
    assert found.score == pytest.approx(top("uses", found.distance_km), abs=1)
    assert found.reasons[0] == Reason("uses", {"use": {"fr": "biodiesel", "it": "biodiesel"}})
    assert found.reasons[1].code == "same_category"


def test_used_cooking_oil_is_not_proposed_for_fruit_pomace_for_feed(cats, words):
    need = flow_at(
        savoie(),
        direction=NEED,
        nature=Flow.Nature.BY_PRODUCT,
        ewc=ewc("02 03 04"),
        category=cats["fruit-vegetable-residues"],
        title_fr="Marc de pommes pour l'alimentation animale",
        title_it="",
    )
    pomace = _offer(cats, title_it="Sansa di mele", ewc=ewc("02 03 04"), nature="by_product")
    oil = _offer(cats, title_fr="Huiles de friture usagées", ewc=ewc("20 01 25"), nature="waste")
    found = {c.flow: c for c in candidates(need)}
    assert oil not in found
    assert found[pomace].level == "same_ewc"
    assert found[pomace].score == pytest.approx(top("same_ewc", found[pomace].distance_km), abs=1)
    # Alone, the oil shares only the organic family and the thesaurus says it is no feed: weak.
    pomace.delete()
    [alone] = candidates(need)
    assert alone.flow == oil and alone.level == "same_root"
    assert alone.score == LEVELS["same_root"][0] + LEVELS["same_root"][1] == 40
    codes = [r.code for r in alone.reasons]
    assert codes[:2] == ["same_root", "different_material"]
    oil_names = {"fr": "huile de friture usagée", "it": "olio vegetale esausto"}
    assert alone.reasons[1] == Reason("different_material", {"material": oil_names})


def test_sawdust_can_be_used_as_animal_bedding(cats, words):
    # A farm's need in another family (green waste) than the sawmill's offer (wood).
    need = flow_at(
        aosta(),
        direction=NEED,
        category=cats["green-waste"],
        physical_state=SOLID,
        title_fr="",
        title_it="Lettiera per cavalli",
    )
    sawdust = _offer(cats, title_fr="Sciure de résineux", ewc=ewc("03 01 05"), physical_state=SOLID)
    [found] = candidates(need)
    assert (found.flow, found.level) == (sawdust, "uses")
    assert 100 < found.distance_km < 200 and found.score == pytest.approx(top("uses", found.distance_km), abs=1)
    assert found.reasons[0] == Reason("uses", {"use": BEDDING})
    with translation.override("it"):
        assert found.reasons[0].text() == "Utilizzabile come lettiera"
    with translation.override("fr"):
        assert found.reasons[0].text() == "Utilisable comme litière"
    assert found.cross_border


def test_spent_grain_serves_a_need_for_feed(cats, words):
    need = flow_at(
        savoie(),
        direction=NEED,
        category=cats["fruit-vegetable-residues"],
        title_fr="Coproduits pour l'alimentation animale",
        title_it="",
    )
    grain = _offer(cats, title_it="Trebbie di birra", ewc=ewc("02 07 04"))
    [found] = candidates(need)
    assert (found.flow, found.level) == (grain, "uses")
    assert found.score == pytest.approx(top("uses", found.distance_km), abs=1)
    assert found.strength == "strong"
    assert found.reasons[0] == Reason("uses", {"use": FEED})
    # And the other way round: the brewery's offer finds the farm's need, with the same score.
    [back] = candidates(grain)
    assert (back.flow, back.level, back.score) == (need, "uses", found.score)


def test_a_shared_family_alone_scores_below_a_real_use(cats, words):
    need = flow_at(
        aosta(),
        direction=NEED,
        category=cats["green-waste"],
        physical_state=SOLID,
        title_fr="",
        title_it="Lettiera per bovini",
    )
    # Same family as the need (organic), but the thesaurus knows no bedding use for it.
    pomace = _offer(cats, title_fr="Marc de pommes", ewc=ewc("02 03 04"), physical_state=SOLID)
    # Far away (Nice, ~230 km), in another state and another season: the worst practical fit here.
    from tests.factories import CommuneFactory

    far = CommuneFactory(country="FR", code="06088", name="Nice", latitude=43.7034, longitude=7.2663)
    sawdust = flow_at(
        far,
        title_fr="Sciure",
        title_it="",
        ewc=ewc("03 01 05"),
        category=cats["sawdust-shavings"],
        physical_state=Flow.State.LIQUID,
        season_mask=1,
        quantity=1,
    )
    [found] = candidates(need)
    assert found.flow == sawdust and found.level == "uses"
    assert PLAUSIBLE <= found.score < STRONG  # a real use, practically poor: plausible
    sawdust.delete()
    [family] = candidates(need)
    assert family.flow == pomace and family.level == "same_root"
    assert family.score < PLAUSIBLE <= found.score
    assert family.strength == "weak"


def test_the_bands_of_the_levels_never_let_the_family_outrank_a_real_link():
    family_top = sum(LEVELS["same_root"])
    assert family_top < PLAUSIBLE
    for level, (base, span) in LEVELS.items():
        if level != "same_root":
            assert base > family_top, level
            assert base + span <= 100, level
    assert LEVELS["possible"][0] + LEVELS["possible"][1] < STRONG  # a possible use is never strong
    for level in ("same_ewc", "same_material", "uses", "same_subchapter", "same_category"):
        assert LEVELS[level][0] >= PLAUSIBLE  # a certain link is never weak
    assert [strength(s) for s in (40, 49, 50, 69, 70, 100)] == ["weak"] * 2 + ["plausible"] * 2 + ["strong"] * 2


def test_a_need_under_a_top_category_takes_what_falls_under_it(cats):
    # "Bois" chosen as such: sawdust is the same category for that need, not merely the family.
    here = savoie()
    need = flow_at(here, direction=NEED, category=cats["wood"], physical_state=SOLID)
    sawdust = flow_at(here, category=cats["sawdust-shavings"], ewc=ewc("03 01 05"), physical_state=SOLID)
    [found] = candidates(need)
    assert (found.flow, found.level, found.score) == (sawdust, "same_category", top("same_category"))
    assert found.reasons[0] == Reason("same_category", {"category": {"fr": "Bois", "it": "Legno"}})
    [back] = candidates(sawdust)
    assert (back.flow, back.level, back.score) == (need, "same_category", top("same_category"))
