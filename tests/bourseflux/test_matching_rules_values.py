"""Exact values of the match score (bourseflux.matching.rules): each part of the practical fit, the
totals users see for each match level, and the level two flows reach. No database: the rules read
plain dicts of columns, and the thesaurus below is built in memory."""

import pytest

from bourseflux.matching.materials import UNKNOWN, Materials, Profile, Verdict
from bourseflux.matching.rules import (
    DETOUR_FACTOR,
    LEVELS,
    MAX_USEFUL_KM,
    PLAUSIBLE,
    STRONG,
    W_DISTANCE,
    Relation,
    names,
    quantity_fit,
    relate,
    road_km,
    score_pair,
    season_fit,
    state_fit,
    strength,
)
from bourseflux.models import Flow, MaterialCategory
from bourseflux.reference_lookup import CategoryTree
from circuito.search.concepts import ConceptIndex
from circuito.search.thesaurus import ConceptInfo, Thesaurus

OFFER, NEED = Flow.Direction.OFFER, Flow.Direction.NEED
N, S = Flow.Nature, Flow.State
JAN, FEB, MAR, APR, MAY, JUN = (1 << m for m in range(6))
FIRST_HALF = JAN | FEB | MAR | APR | MAY | JUN


# --- the practical fit, part by part -------------------------------------------------------------

STATE_TABLE = [
    # (offered, needed, fit): the same both ways round.
    (S.SOLID, S.SOLID, 1.0),
    (S.LIQUID, S.LIQUID, 1.0),
    (S.GAS, S.GAS, 1.0),
    (S.NOT_MATERIAL, S.NOT_MATERIAL, 1.0),
    (S.SOLID, S.GRANULAR, 0.6),
    (S.SOLID, S.PASTE, 0.3),
    (S.GRANULAR, S.PASTE, 0.3),
    (S.PASTE, S.LIQUID, 0.5),
    (S.GRANULAR, S.LIQUID, 0.1),
    (S.SOLID, S.LIQUID, 0.1),
    (S.SOLID, S.GAS, 0.0),
    (S.LIQUID, S.GAS, 0.0),
    (S.PASTE, S.NOT_MATERIAL, 0.0),
]


@pytest.mark.parametrize(("offered", "needed", "fit"), STATE_TABLE)
def test_state_fit_of_every_pair_both_ways(offered, needed, fit):
    assert state_fit(offered, needed) == fit
    assert state_fit(needed, offered) == fit


@pytest.mark.parametrize(("offered", "needed"), [("", S.SOLID), (S.LIQUID, ""), ("", "")])
def test_an_unknown_state_is_neutral(offered, needed):
    assert state_fit(offered, needed) == 0.5


def _q(quantity, unit="kg"):
    return {"yearly_quantity": quantity, "base_unit": unit}


@pytest.mark.parametrize(
    ("offered", "needed", "fit"),
    [
        (_q(1000), _q(1000), 1.0),
        (_q(500), _q(1000), 0.5),  # the offer covers half the need
        (_q(4000), _q(1000), 0.25),  # four times what is needed
        (_q(250), _q(1000), 0.25),
        (_q(None), _q(1000), 0.5),  # unknown: neutral
        (_q(1000), _q(None), 0.5),
        (_q(0), _q(1000), 0.5),
        (_q(1000, "kg"), _q(1000, "kWh"), 0.5),  # another dimension: neutral
    ],
)
def test_quantity_fit(offered, needed, fit):
    assert quantity_fit(offered, needed) == fit


@pytest.mark.parametrize(
    ("offered", "needed", "fit"),
    [
        (0, 0, 1.0),  # no months given on either side: all year
        (4095, 4095, 1.0),
        (FIRST_HALF, 4095, 0.5),  # available six months of the twelve needed
        (FIRST_HALF, JAN | FEB | MAR, 1.0),  # available whenever needed
        (JAN, JAN | FEB | MAR | APR, 0.25),
        (JAN | FEB | MAR | APR, JAN, 1.0),  # not symmetric: the need's months count
        (JAN | FEB, MAR | APR, 0.0),  # never at the same time
        (0, JAN | FEB, 1.0),  # an offer without months is there all year
        (JAN | FEB | MAR, 0, 0.25),  # a need without months is for all year
    ],
)
def test_season_fit_is_the_share_of_the_needed_months_covered(offered, needed, fit):
    assert season_fit(offered, needed) == fit


def test_road_distance_is_the_great_circle_one_times_the_detour_factor():
    assert DETOUR_FACTOR == 1.3
    assert road_km(100) == pytest.approx(130.0)
    assert road_km(0) == 0


# --- totals: what the candidate list shows -------------------------------------------------------


def _pair(*, level="same_ewc", offered=None, needed=None, km=0.0, flow_is=OFFER):
    """Two flows as score_pair reads them; by default everything fits perfectly."""
    offer = {"direction": OFFER, "physical_state": S.SOLID, "season_mask": 4095, **_q(1000), **(offered or {})}
    need = {"direction": NEED, "physical_state": S.SOLID, "season_mask": 4095, **_q(1000), **(needed or {})}
    flow, other = (offer, need) if flow_is == OFFER else (need, offer)
    return score_pair(flow, {**other, "distance_km": km}, level)


@pytest.mark.parametrize(
    ("level", "best", "worst"),
    [
        ("same_ewc", 100, 60),
        ("same_material", 96, 56),
        ("uses", 95, 55),
        ("same_subchapter", 92, 52),
        ("same_category", 90, 50),
        ("possible", 69, 42),
        ("same_root", 40, 15),
    ],
)
def test_each_level_spans_its_band(level, best, worst):
    assert _pair(level=level) == best
    nothing_fits = _pair(
        level=level,
        offered={"physical_state": S.SOLID, "season_mask": JAN | FEB},
        needed={"physical_state": S.GAS, "season_mask": MAR, **_q(1000, "kWh")},
        km=MAX_USEFUL_KM * 2,
    )
    # Quantities of another dimension stay neutral (half of their 30 points).
    assert nothing_fits == round(worst + LEVELS[level][1] * 0.15)
    assert worst == LEVELS[level][0] and best == sum(LEVELS[level])


SCORE_TABLE = [
    # (what differs from a perfect pair, score of a same_ewc pair = 60 + 40 × fit)
    # fit = 0.2 state + 0.3 quantity + 0.2 season + 0.3 distance
    ({}, 100),
    ({"needed": {"physical_state": S.GRANULAR}}, 97),  # 0.2×0.6: fit 0.92 → 96.8
    ({"needed": {"physical_state": S.LIQUID}}, 93),  # 0.2×0.1: fit 0.82 → 92.8
    ({"needed": {"physical_state": S.GAS}}, 92),  # state 0: fit 0.8
    ({"offered": {"physical_state": ""}}, 96),  # unknown state 0.5: fit 0.9
    ({"offered": _q(500)}, 94),  # quantity 0.5: fit 0.85
    ({"offered": _q(100)}, 89),  # quantity 0.1: fit 0.73 → 89.2
    ({"offered": _q(1000, "kWh")}, 94),  # another dimension: 0.5
    ({"offered": {"season_mask": FIRST_HALF}}, 96),  # season 0.5: fit 0.9
    ({"offered": {"season_mask": JAN}, "needed": {"season_mask": MAR}}, 92),  # season 0
    ({"km": 100}, 97),  # distance 0.75: fit 0.925 → 97
    ({"km": 200}, 94),  # distance 0.5: fit 0.85
    ({"km": 380}, 89),  # distance 0.05: fit 0.715 → 88.6
    ({"km": 400}, 88),  # distance 0: fit 0.7
    ({"km": 1200}, 88),  # beyond 400 km the distance part stays 0, never negative
    (  # everything at once: 0.2×0.6 + 0.3×0.5 + 0.2×0.5 + 0.3×0.5 = 0.52 → 80.8
        {
            "offered": {"physical_state": S.SOLID, "season_mask": FIRST_HALF, **_q(2000)},
            "needed": {"physical_state": S.GRANULAR},
            "km": 200,
        },
        81,
    ),
]


@pytest.mark.parametrize(("changes", "score"), SCORE_TABLE)
@pytest.mark.parametrize("flow_is", [OFFER, NEED])
def test_score_components_and_total(changes, score, flow_is):
    assert _pair(flow_is=flow_is, **changes) == score


def test_the_offer_and_the_need_keep_their_roles_whichever_flow_asks():
    # The offer is there in January only, the need is for January to April: a quarter of the
    # needed months whichever of the two flows the list is shown for (season fit 0.25: 0.2×0.25).
    changes = {"offered": {"season_mask": JAN}, "needed": {"season_mask": JAN | FEB | MAR | APR}}
    assert _pair(flow_is=OFFER, **changes) == _pair(flow_is=NEED, **changes) == 94  # fit 0.85
    swapped = {"offered": {"season_mask": JAN | FEB | MAR | APR}, "needed": {"season_mask": JAN}}
    assert _pair(flow_is=NEED, **swapped) == 100


def test_scale_thresholds_and_bands():
    assert (STRONG, PLAUSIBLE, W_DISTANCE) == (70, 50, 15)
    assert [strength(s) for s in (0, 49, 50, 69, 70, 100)] == [
        "weak",
        "weak",
        "plausible",
        "plausible",
        "strong",
        "strong",
    ]


def test_names_of_a_category_in_both_languages():
    assert names(MaterialCategory(name_fr="Bois", name_it="Legno")) == {"fr": "Bois", "it": "Legno"}
    assert names(MaterialCategory(name_fr=None, name_it="Legno")) == {"fr": "", "it": "Legno"}
    assert names(MaterialCategory(name_fr="Bois", name_it=None)) == {"fr": "Bois", "it": ""}


# --- levels: which relation two flows have --------------------------------------------------------

# A small category tree: wood (1) > sawdust (2), pallets (3); organic (4) > fruit (5).
WOOD, SAWDUST, PALLETS, ORGANIC, FRUIT = 1, 2, 3, 4, 5
TREE = CategoryTree(
    parent={WOOD: None, SAWDUST: WOOD, PALLETS: WOOD, ORGANIC: None, FRUIT: ORGANIC},
    slug={WOOD: "wood", SAWDUST: "sawdust", PALLETS: "pallets", ORGANIC: "organic", FRUIT: "fruit"},
    names={pk: {"fr": f"c{pk}", "it": f"c{pk}"} for pk in (1, 2, 3, 4, 5)},
    table=[],
)
# A thesaurus in memory: sawdust (10) serves animal bedding (20) and particle board (21); straw
# (11) serves bedding; pomace (12) serves feed (22); bark (13) serves nothing known.
M_SAWDUST, M_STRAW, M_POMACE, M_BARK, U_BEDDING, U_BOARD, U_FEED = 10, 11, 12, 13, 20, 21, 22
CONCEPTS = ConceptIndex(
    "test",
    Thesaurus(
        concepts={
            M_SAWDUST: ConceptInfo("m-sawdust", "sciure", "segatura", serves={U_BEDDING, U_BOARD}),
            M_STRAW: ConceptInfo("m-straw", "paille", "paglia", serves={U_BEDDING}),
            M_POMACE: ConceptInfo("m-pomace", "marc", "sansa", serves={U_FEED}),
            M_BARK: ConceptInfo("m-bark", "écorce", "corteccia"),
            U_BEDDING: ConceptInfo("u-animal-bedding", "litière", "lettiera"),
            U_BOARD: ConceptInfo("u-particle-board", "panneau", "pannello"),
            U_FEED: ConceptInfo("u-animal-feed", "alimentation animale", "alimentazione animale"),
        }
    ),
)


def _profile(*categories, materials=(), named=False, uses=(), explicit=False):
    return Profile(
        frozenset(categories),
        frozenset(TREE.root(c) for c in categories),
        frozenset(materials),
        named,
        frozenset(uses),
        explicit,
    )


def _row(direction=OFFER, nature=N.BY_PRODUCT, category=SAWDUST, ewc_id=None, subchapter=""):
    return {
        "direction": direction,
        "nature": nature,
        "category_id": category,
        "ewc_id": ewc_id,
        "ewc_subchapter": subchapter,
    }


def _relate(flow, other, flow_profile, other_profile, concepts=None):
    found = relate(flow, other, flow_profile, other_profile, Materials(TREE, concepts))
    back = relate(other, flow, other_profile, flow_profile, Materials(TREE, concepts))
    assert (found and found.level) == (back and back.level)  # the same seen from either side
    return found


@pytest.mark.parametrize(
    ("nature", "other_nature", "meet"),
    [
        (N.BY_PRODUCT, N.BY_PRODUCT, True),
        (N.BY_PRODUCT, N.WASTE, True),
        (N.WASTE, N.MATERIAL, True),
        (N.MATERIAL, N.BY_PRODUCT, True),
        (N.ENERGY, N.ENERGY, True),
        (N.WATER, N.WATER, True),
        (N.CAPACITY, N.CAPACITY, True),
        (N.ENERGY, N.WASTE, False),  # energy never matches materials
        (N.MATERIAL, N.ENERGY, False),
        (N.WATER, N.CAPACITY, False),
        (N.CAPACITY, N.ENERGY, False),
        (N.WATER, N.BY_PRODUCT, False),
    ],
)
def test_natures_that_can_meet(nature, other_nature, meet):
    flow = _row(OFFER, nature, SAWDUST)
    other = _row(NEED, other_nature, SAWDUST)
    found = _relate(flow, other, _profile(SAWDUST), _profile(SAWDUST))
    assert (found is not None) == meet
    if meet:
        assert found == Relation("same_category", shared_category=SAWDUST)


def test_an_unknown_nature_meets_nothing():
    found = relate(_row(nature=""), _row(NEED), _profile(SAWDUST), _profile(SAWDUST), Materials(TREE, None))
    assert found is None


LEVEL_TABLE = [
    # (offer row, need row, offer profile, need profile, level, shared category)
    (
        {"ewc_id": 7, "subchapter": "03 01"},
        {"ewc_id": 7, "subchapter": "03 01"},
        (SAWDUST,),
        (SAWDUST,),
        "same_ewc",
        SAWDUST,
    ),
    ({"ewc_id": 7}, {"ewc_id": 7, "category": PALLETS}, (SAWDUST,), (PALLETS,), "same_ewc", None),
    (
        {"ewc_id": 7, "subchapter": "03 01"},
        {"ewc_id": 8, "subchapter": "03 01"},
        (SAWDUST,),
        (SAWDUST,),
        "same_subchapter",
        SAWDUST,
    ),
    ({"ewc_id": 7}, {"ewc_id": 8}, (SAWDUST,), (SAWDUST,), "same_category", SAWDUST),
    ({}, {}, (SAWDUST,), (SAWDUST,), "same_category", SAWDUST),  # no code on either side
    ({"subchapter": ""}, {"subchapter": ""}, (SAWDUST,), (SAWDUST,), "same_category", SAWDUST),
    ({"ewc_id": None}, {"ewc_id": None}, (SAWDUST,), (SAWDUST,), "same_category", SAWDUST),
    # A code in two categories: the other flow's own category is the one shown, else the lowest.
    ({}, {"category": PALLETS}, (SAWDUST, PALLETS), (PALLETS,), "same_category", PALLETS),
    ({"category": PALLETS}, {}, (PALLETS,), (SAWDUST, PALLETS), "same_category", PALLETS),
    ({}, {"category": FRUIT}, (SAWDUST, PALLETS), (SAWDUST, PALLETS, FRUIT), "same_category", SAWDUST),
    # Family only: same top category, or same EWC sub-chapter without a shared category.
    ({}, {"category": PALLETS}, (SAWDUST,), (PALLETS,), "same_root", None),
    ({"subchapter": "03 01"}, {"category": FRUIT, "subchapter": "03 01"}, (SAWDUST,), (FRUIT,), "same_root", None),
    ({}, {"category": FRUIT}, (SAWDUST,), (FRUIT,), None, None),  # nothing in common
    ({"subchapter": ""}, {"category": FRUIT, "subchapter": ""}, (SAWDUST,), (FRUIT,), None, None),
    # A need posted under a top category takes whatever falls under it, as the same category.
    ({}, {"category": WOOD}, (SAWDUST,), (WOOD,), "same_category", WOOD),
    # ... of its own family only.
    ({"category": FRUIT}, {"category": WOOD}, (FRUIT,), (WOOD,), None, None),
    # ... but an offer under the top category does not meet every need below it as such.
    ({"category": WOOD}, {}, (WOOD,), (SAWDUST,), "same_root", None),
]


@pytest.mark.parametrize(("offer", "need", "offer_cats", "need_cats", "level", "shared"), LEVEL_TABLE)
def test_level_of_codes_and_categories(offer, need, offer_cats, need_cats, level, shared):
    offer_row = _row(
        OFFER,
        category=offer.get("category", SAWDUST),
        ewc_id=offer.get("ewc_id"),
        subchapter=offer.get("subchapter", ""),
    )
    need_row = _row(
        NEED, category=need.get("category", SAWDUST), ewc_id=need.get("ewc_id"), subchapter=need.get("subchapter", "")
    )
    for flow, other, flow_cats, other_cats in (
        (offer_row, need_row, offer_cats, need_cats),
        (need_row, offer_row, need_cats, offer_cats),
    ):
        found = relate(flow, other, _profile(*flow_cats), _profile(*other_cats), Materials(TREE, None))
        if level is None:
            assert found is None
        else:
            assert (found.level, found.shared_category) == (
                level,
                shared if other is need_row else _shared_back(shared, offer_row),
            )


def _shared_back(shared, offer_row):
    # Seen from the need, the category shown is the offer's when shared.
    return offer_row["category_id"] if shared == offer_row["category_id"] else shared


THESAURUS_TABLE = [
    # (offer profile, need profile, same EWC code, level, verdict)
    # Same named material on both sides: certain.
    (
        _profile(SAWDUST, materials={M_SAWDUST}, named=True),
        _profile(SAWDUST, materials={M_SAWDUST}, named=True),
        False,
        "same_material",
        Verdict("same_material", True, M_SAWDUST, M_SAWDUST),
    ),
    # A use the need names, which the offer's material serves: certain, above a shared category.
    (
        _profile(SAWDUST, materials={M_SAWDUST}, named=True),
        _profile(SAWDUST, uses={U_BEDDING}, explicit=True),
        False,
        "uses",
        Verdict("uses", True, M_SAWDUST, U_BEDDING),
    ),
    # The same use, only guessed from the need's category: a possible link.
    (
        _profile(SAWDUST, materials={M_SAWDUST}, named=True),
        _profile(PALLETS, uses={U_BEDDING}),
        False,
        "possible",
        Verdict("uses", False, M_SAWDUST, U_BEDDING),
    ),
    # Half the offer's possible materials serve the named use: still certain (share 0.5).
    (
        _profile(SAWDUST, materials={M_SAWDUST, M_POMACE}),
        _profile(FRUIT, uses={U_BOARD}, explicit=True),
        False,
        "uses",
        Verdict("uses", True, M_SAWDUST, U_BOARD),
    ),
    # One of three: a guess.
    (
        _profile(SAWDUST, materials={M_SAWDUST, M_POMACE, M_STRAW}),
        _profile(FRUIT, uses={U_BOARD}, explicit=True),
        False,
        "possible",
        Verdict("uses", False, M_SAWDUST, U_BOARD),
    ),
    # Both named, the thesaurus says they differ: a shared category says only "one family".
    (
        _profile(SAWDUST, materials={M_SAWDUST}, named=True),
        _profile(SAWDUST, materials={M_POMACE}, named=True),
        False,
        "same_root",
        Verdict("different", offered=M_SAWDUST),
    ),
    # ... and so does a shared EWC code.
    (
        _profile(SAWDUST, materials={M_SAWDUST}, named=True),
        _profile(SAWDUST, materials={M_POMACE}, named=True),
        True,
        "same_root",
        Verdict("different", offered=M_SAWDUST),
    ),
    # One side unnamed and the thesaurus sure they differ: the category says only "one family".
    (
        _profile(SAWDUST, materials={M_BARK}),
        _profile(SAWDUST, materials={M_POMACE}, named=True),
        False,
        "same_root",
        Verdict("different", offered=M_BARK),
    ),
    # Both named, a use only guessed: possible, though they share a category.
    (
        _profile(SAWDUST, materials={M_SAWDUST}, named=True),
        _profile(SAWDUST, named=True, uses={U_BEDDING}),
        False,
        "possible",
        Verdict("uses", False, M_SAWDUST, U_BEDDING),
    ),
    # Both named but the thesaurus knows neither: the shared category decides.
    (_profile(SAWDUST, named=True), _profile(SAWDUST, named=True), False, "same_category", UNKNOWN),
    # The offer known only by a broad code (four possible materials): the shared category
    # decides over the thesaurus's guess.
    (
        _profile(SAWDUST, materials={M_SAWDUST, M_STRAW, M_POMACE, M_BARK}),
        _profile(SAWDUST, materials={M_POMACE}, named=True),
        False,
        "same_category",
        Verdict("same_material", False, M_POMACE, M_POMACE),
    ),
    # Nothing shared but a possible material the thesaurus knows.
    (
        _profile(SAWDUST, materials={M_SAWDUST, M_STRAW, M_POMACE, M_BARK}),
        _profile(FRUIT, materials={M_SAWDUST}),
        False,
        "possible",
        Verdict("same_material", False, M_SAWDUST, M_SAWDUST),
    ),
]


@pytest.mark.parametrize(("offer", "need", "same_code", "level", "verdict"), THESAURUS_TABLE)
def test_level_when_the_thesaurus_knows_the_materials(offer, need, same_code, level, verdict):
    offer_row = _row(OFFER, category=min(offer.categories), ewc_id=7)
    need_row = _row(NEED, category=min(need.categories), ewc_id=7 if same_code else 8)
    found = relate(offer_row, need_row, offer, need, Materials(TREE, CONCEPTS))
    back = relate(need_row, offer_row, need, offer, Materials(TREE, CONCEPTS))
    assert (found.level, found.verdict) == (back.level, back.verdict) == (level, verdict)
