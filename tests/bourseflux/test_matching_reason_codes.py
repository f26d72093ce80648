"""Every reason code shown with a candidate, with its parameters (bourseflux.matching.rules
.reasons_for): what links the two flows, then state, quantities, months and distance, whichever of
the two flows the list is shown for. Flows are built in memory: no database."""

import pytest

from bourseflux.matching import Reason
from bourseflux.matching.materials import Materials, Verdict
from bourseflux.matching.rules import Relation, reasons_for
from bourseflux.models import EwcCode, Flow, MaterialCategory
from bourseflux.reference_lookup import CategoryTree
from circuito.search.concepts import ConceptIndex
from circuito.search.thesaurus import ConceptInfo, Thesaurus

OFFER, NEED = Flow.Direction.OFFER, Flow.Direction.NEED
S = Flow.State
JAN, FEB, MAR = 1, 2, 4
FIRST_HALF = 0b111111

WOOD = MaterialCategory(pk=1, code="wood", name_fr="Bois", name_it="Legno")
SAWDUST = MaterialCategory(pk=2, code="sawdust", name_fr="Sciures", name_it="Segatura", parent=WOOD)
PALLETS = MaterialCategory(pk=3, code="pallets", name_fr="Palettes", name_it="Pallet", parent=WOOD)
TREE = CategoryTree(
    parent={1: None, 2: 1, 3: 1},
    slug={1: "wood", 2: "sawdust", 3: "pallets"},
    names={c.pk: {"fr": c.name_fr, "it": c.name_it} for c in (WOOD, SAWDUST, PALLETS)},
    table=[],
)
M_SAWDUST, U_BEDDING = 10, 20
MATERIALS = Materials(
    TREE,
    ConceptIndex(
        "test",
        Thesaurus(
            concepts={
                M_SAWDUST: ConceptInfo("m-sawdust", "sciure", "segatura", serves={U_BEDDING}),
                U_BEDDING: ConceptInfo("u-animal-bedding", "litière", "lettiera"),
            }
        ),
    ),
)
SAWDUST_WORDS = {"fr": "sciure", "it": "segatura"}
BEDDING_WORDS = {"fr": "litière", "it": "lettiera"}
SHAVINGS = EwcCode(pk=7, code="03 01 05")
BARK = EwcCode(pk=8, code="03 01 01")


def _flow(direction, **changes) -> Flow:
    fields = {
        "direction": direction,
        "category": SAWDUST,
        "physical_state": S.SOLID,
        "yearly_quantity": 1000.0,
        "base_unit": "kg",
        "season_mask": 4095,
        **changes,
    }
    return Flow(**fields)


def _reasons(offer=None, need=None, relation=None, km=12.34, cross_border=False, show_quantities=True, asks=OFFER):
    offer = _flow(OFFER, **(offer or {}))
    need = _flow(NEED, **(need or {}))
    relation = relation or Relation("same_category", shared_category=SAWDUST.pk)
    flow, other = (offer, need) if asks == OFFER else (need, offer)
    return reasons_for(flow, other, relation, MATERIALS, km, cross_border, show_quantities)


SAME_CATEGORY = Reason("same_category", {"category": {"fr": "Sciures", "it": "Segatura"}})
QUANTITIES = Reason("quantity_fit", {"offered": 1000.0, "needed": 1000.0, "unit": "kg"})
NEAR = Reason("distance", {"km": 12.3})


def _state(offered, needed, code="state_convertible"):
    return Reason(code, {"offered": offered, "needed": needed})


def _quantity(offered, code="quantity_fit"):
    return Reason(code, {"offered": offered, "needed": 1000.0, "unit": "kg"})


PRACTICAL_TABLE = [
    # (offer changes, need changes, other arguments, every reason after the category's, in order)
    ({}, {}, {}, [QUANTITIES, NEAR]),
    # State: convertible (fit between 0 and 1) or not usable as is; offered/needed keep their roles.
    ({}, {"physical_state": S.GRANULAR}, {}, [_state("solid", "granular"), QUANTITIES, NEAR]),
    ({"physical_state": S.LIQUID}, {}, {}, [_state("liquid", "solid"), QUANTITIES, NEAR]),
    ({}, {"physical_state": S.GAS}, {}, [_state("solid", "gas", "state_mismatch"), QUANTITIES, NEAR]),
    ({"physical_state": ""}, {}, {}, [_state("", "solid"), QUANTITIES, NEAR]),
    # Quantities: enough when the offer covers the need or at least half of it.
    ({"yearly_quantity": 500.0}, {}, {}, [_quantity(500.0), NEAR]),
    ({"yearly_quantity": 499.0}, {}, {}, [_quantity(499.0, "quantity_partial"), NEAR]),
    ({"yearly_quantity": 3000.0}, {}, {}, [_quantity(3000.0), NEAR]),
    ({"yearly_quantity": 500.0}, {}, {"show_quantities": False}, [Reason("quantity_fit_hidden"), NEAR]),
    ({"yearly_quantity": 499.0}, {}, {"show_quantities": False}, [Reason("quantity_partial_hidden"), NEAR]),
    ({"base_unit": "kWh"}, {}, {}, [NEAR]),  # another dimension: nothing said
    ({"yearly_quantity": None}, {}, {}, [NEAR]),
    ({}, {"yearly_quantity": None}, {}, [NEAR]),
    # Months.
    (
        {"season_mask": JAN | FEB},
        {"season_mask": MAR},
        {},
        [QUANTITIES, Reason("season_mismatch", {"offered": [1, 2], "needed": [3]}), NEAR],
    ),
    (
        {"season_mask": FIRST_HALF},
        {"season_mask": JAN | FEB},
        {},
        [QUANTITIES, Reason("season_overlap", {"months": [1, 2]}), NEAR],
    ),
    ({}, {"season_mask": MAR}, {}, [QUANTITIES, Reason("season_overlap", {"months": [3]}), NEAR]),
    (
        {"season_mask": JAN},
        {"season_mask": JAN | FEB},
        {},
        [QUANTITIES, Reason("season_partial", {"months": [1]}), NEAR],
    ),
    ({"season_mask": FIRST_HALF}, {}, {}, [QUANTITIES, Reason("season_partial", {"months": [1, 2, 3, 4, 5, 6]}), NEAR]),
    # Distance, rounded to 100 m, and the border.
    ({}, {}, {"km": 0.04}, [QUANTITIES, Reason("distance", {"km": 0.0})]),
    ({}, {}, {"km": 187.24}, [QUANTITIES, Reason("distance", {"km": 187.2})]),
    ({}, {}, {"km": 187.26, "cross_border": True}, [QUANTITIES, Reason("cross_border", {"km": 187.3})]),
]


@pytest.mark.parametrize(("offer", "need", "other", "expected"), PRACTICAL_TABLE)
@pytest.mark.parametrize("asks", [OFFER, NEED])
def test_practical_reasons_with_their_parameters(offer, need, other, expected, asks):
    assert _reasons(offer, need, asks=asks, **other) == [SAME_CATEGORY, *expected]


def test_a_perfect_pair_says_only_what_links_it_quantities_and_distance():
    assert _reasons() == [SAME_CATEGORY, QUANTITIES, NEAR]
    assert _reasons(asks=NEED) == [SAME_CATEGORY, QUANTITIES, NEAR]


LINK_TABLE = [
    # (relation, offer changes, need changes, the reasons before the practical ones)
    (
        Relation("same_ewc", shared_category=SAWDUST.pk),
        {"ewc": SHAVINGS},
        {"ewc": SHAVINGS},
        [Reason("same_ewc", {"ewc": "03 01 05"}), SAME_CATEGORY],
    ),
    (
        Relation("same_ewc"),
        {"ewc": SHAVINGS},
        {"ewc": SHAVINGS, "category": PALLETS},
        [Reason("same_ewc", {"ewc": "03 01 05"})],
    ),
    (
        Relation("same_subchapter", shared_category=SAWDUST.pk),
        {"ewc": SHAVINGS, "ewc_subchapter": "03 01"},
        {"ewc": BARK, "ewc_subchapter": "03 01"},
        [Reason("same_subchapter", {"subchapter": "03 01"}), SAME_CATEGORY],
    ),
    (
        Relation("same_category", shared_category=SAWDUST.pk),
        {"ewc": SHAVINGS, "ewc_subchapter": "03 01"},
        {"ewc": BARK, "ewc_subchapter": "03 01"},
        [SAME_CATEGORY],
    ),
    # The family only: the other flow's top category is named.
    (
        Relation("same_root"),
        {},
        {"category": PALLETS},
        [Reason("same_root", {"category": {"fr": "Bois", "it": "Legno"}})],
    ),
    (
        Relation("same_root"),
        {"category": PALLETS},
        {"category": WOOD},
        [Reason("same_root", {"category": {"fr": "Bois", "it": "Legno"}})],
    ),
    # What the thesaurus says comes first when it made the link, after the codes otherwise.
    (
        Relation("uses", Verdict("uses", True, M_SAWDUST, U_BEDDING), SAWDUST.pk),
        {},
        {},
        [Reason("uses", {"use": BEDDING_WORDS}), SAME_CATEGORY],
    ),
    (
        Relation("possible", Verdict("uses", False, M_SAWDUST, U_BEDDING)),
        {},
        {"category": PALLETS},
        [Reason("possible_use", {"use": BEDDING_WORDS})],
    ),
    (
        Relation("same_category", Verdict("uses", False, M_SAWDUST, U_BEDDING), SAWDUST.pk),
        {},
        {},
        [SAME_CATEGORY, Reason("possible_use", {"use": BEDDING_WORDS})],
    ),
    (
        Relation("same_material", Verdict("same_material", True, M_SAWDUST, M_SAWDUST), SAWDUST.pk),
        {},
        {},
        [Reason("same_material", {"material": SAWDUST_WORDS}), SAME_CATEGORY],
    ),
    (
        Relation("possible", Verdict("same_material", False, M_SAWDUST, M_SAWDUST)),
        {},
        {"category": PALLETS},
        [Reason("possible_material", {"material": SAWDUST_WORDS})],
    ),
    (
        Relation("same_root", Verdict("different", offered=M_SAWDUST)),
        {},
        {"category": PALLETS},
        [
            Reason("same_root", {"category": {"fr": "Bois", "it": "Legno"}}),
            Reason("different_material", {"material": SAWDUST_WORDS}),
        ],
    ),
    # Different, but the offer stands for too many materials to name one: nothing said.
    (
        Relation("same_root", Verdict("different")),
        {},
        {"category": PALLETS},
        [Reason("same_root", {"category": {"fr": "Bois", "it": "Legno"}})],
    ),
]


@pytest.mark.parametrize(("relation", "offer", "need", "expected"), LINK_TABLE)
def test_link_reasons_with_their_parameters(relation, offer, need, expected):
    # Shown to the offer's company: the other flow is the need.
    reasons = _reasons(offer, need, relation)
    assert reasons[: len(expected)] == expected
    assert reasons[len(expected)].code in ("quantity_fit", "distance")


def test_link_reasons_name_the_other_flows_code_and_family():
    relation = Relation("same_root")
    # Seen from the need, the offer's family (its category is a top one: named as such).
    reasons = _reasons({"category": WOOD}, {"category": PALLETS}, relation, asks=NEED)
    assert reasons[0] == Reason("same_root", {"category": {"fr": "Bois", "it": "Legno"}})
    reasons = _reasons({"ewc": SHAVINGS}, {"ewc": SHAVINGS}, Relation("same_ewc"), asks=NEED)
    assert reasons[0] == Reason("same_ewc", {"ewc": "03 01 05"})


def test_no_code_on_either_side_is_not_the_same_code():
    reasons = _reasons(relation=Relation("same_category", shared_category=SAWDUST.pk))
    assert "same_ewc" not in [r.code for r in reasons]
    reasons = _reasons({"ewc": SHAVINGS}, {"ewc": BARK}, Relation("same_category", shared_category=SAWDUST.pk))
    assert "same_ewc" not in [r.code for r in reasons]
