"""Compatibility rules and the score (0–100) of an offer–need pair, on codes, categories and the
concepts of the bilingual thesaurus. A title counts only through the concepts it names, so flows
written in different languages meet (materials.py).

One scale whatever the material:

- ≥ 70 strong: a certain link (same EWC code, same material, a use the need names and the
  thesaurus records, same category) and a practical side (state, quantities, season, distance)
  that mostly fits;
- 50–69 plausible: a certain link with practical obstacles, or a possible one (a use only some
  materials of the offer's kind serve, or that the need's category is usually for: at most 69);
- < 50 weak: only the family is shared (top-level category or EWC sub-chapter), or codes and
  categories agree but the thesaurus says the materials differ (at most 40).

Each match level has its band, `base + span × practical fit` (fit from 0 to 1, LEVELS): a certain
link never falls below 50, and a family-only pair (15–40) never reaches a possible use (≥ 42)."""

from dataclasses import dataclass

from bourseflux.matching.materials import UNKNOWN, Materials, Profile, Verdict
from bourseflux.matching.reasons import ALL_YEAR, Reason, months_of
from bourseflux.models import Flow

# Road distance estimated from the great-circle distance. Road/straight-line ratios measured in
# Europe are ~1.2–1.4, higher in the Alps (valleys and passes); 1.3 is a middle value. The figure
# is always shown as an estimate.
DETOUR_FACTOR = 1.3
# Beyond this road distance the distance part of the score is zero (transport rarely pays off).
MAX_USEFUL_KM = 400.0

N = Flow.Nature
# Natures that can meet: materials interchange (a need for a by-product can take a waste or a
# secondary raw material of the same category); energy, water and capacity only meet themselves.
MATERIAL_NATURES = (N.BY_PRODUCT, N.WASTE, N.MATERIAL)
NATURE_GROUPS = dict.fromkeys(MATERIAL_NATURES, MATERIAL_NATURES) | {
    N.ENERGY: (N.ENERGY,),
    N.WATER: (N.WATER,),
    N.CAPACITY: (N.CAPACITY,),
}

S = Flow.State
# (offered state, needed state) -> how well it fits: 1 same, between 0 and 1 convertible with
# ordinary handling (grinding, drying, dilution), 0 not usable as is. Symmetric; missing = 0.
_STATE_PAIRS = {
    (S.SOLID, S.GRANULAR): 0.6,
    (S.SOLID, S.PASTE): 0.3,
    (S.GRANULAR, S.PASTE): 0.3,
    (S.PASTE, S.LIQUID): 0.5,
    (S.GRANULAR, S.LIQUID): 0.1,
    (S.SOLID, S.LIQUID): 0.1,
}
STATE_FIT: dict[tuple[str, str], float] = {}
for (a, b), value in _STATE_PAIRS.items():
    STATE_FIT[(a, b)] = STATE_FIT[(b, a)] = value
for state in S.values:
    STATE_FIT[(state, state)] = 1.0

# The scale's thresholds.
STRONG = 70
PLAUSIBLE = 50
# Match level -> (base, span): the score is base + span × practical fit. Strongest level first.
LEVELS: dict[str, tuple[int, int]] = {
    "same_ewc": (60, 40),  # 60–100
    "same_material": (56, 40),  # 56–96: the thesaurus says both are the same material
    "uses": (55, 40),  # 55–95: the offer can be used as what the need is for
    "same_subchapter": (52, 40),  # 52–92: same category and same EWC sub-chapter
    "same_category": (50, 40),  # 50–90
    "possible": (42, 27),  # 42–69: some materials of this kind serve the need
    "same_root": (15, 25),  # 15–40: the family only
}
FAMILY = "same_root"
# Parts of the practical fit; they add up to 1.
W_STATE = 0.2
W_QUANTITY = 0.3
W_SEASON = 0.2
W_DISTANCE_FIT = 0.3
# Points of distance in an estimate's score (bourseflux.potential), on the same 0–100 scale.
W_DISTANCE = 15


@dataclass(frozen=True)
class Relation:
    level: str
    verdict: Verdict = UNKNOWN
    shared_category: int | None = None


def road_km(great_circle_km: float) -> float:
    return great_circle_km * DETOUR_FACTOR


def state_fit(offered: str, needed: str) -> float:
    if not offered or not needed:
        return 0.5
    return STATE_FIT.get((offered, needed), 0.0)


def names(category) -> dict:
    return {"fr": category.name_fr or "", "it": category.name_it or ""}


def strength(score: int) -> str:
    """The band of a score: strong, plausible or weak."""
    return "strong" if score >= STRONG else ("plausible" if score >= PLAUSIBLE else "weak")


def relate(
    flow: dict, other: dict, flow_profile: Profile, other_profile: Profile, materials: Materials
) -> Relation | None:
    """The match level of two flows given as dicts of columns with their profiles, or None when
    they cannot meet (incompatible natures, or nothing in common). No query."""
    if other["nature"] not in NATURE_GROUPS.get(flow["nature"], ()):
        return None
    is_offer = flow["direction"] == Flow.Direction.OFFER
    offer, need = (flow_profile, other_profile) if is_offer else (other_profile, flow_profile)
    verdict = materials.verdict(offer, need)
    different = verdict.kind == "different"
    shared = flow_profile.categories & other_profile.categories
    need_row, offer_profile = (other, flow_profile) if is_offer else (flow, other_profile)
    if materials.tree.parent.get(need_row["category_id"], 0) is None and need_row["category_id"] in offer_profile.roots:
        # A need posted under a top-level category ("Bois") takes whatever falls under it.
        shared = shared | {need_row["category_id"]}
    shared_category = other["category_id"] if other["category_id"] in shared else (min(shared) if shared else None)
    same_subchapter = bool(flow["ewc_subchapter"]) and flow["ewc_subchapter"] == other["ewc_subchapter"]
    # Where both flows name their material, the thesaurus knows more than a shared category (used
    # cooking oil and mineral oil are both used oils): the category then says only "one family".
    both_named = flow_profile.named and other_profile.named and verdict.kind != "unknown"
    if flow["ewc_id"] and flow["ewc_id"] == other["ewc_id"]:
        level = FAMILY if different else "same_ewc"
    elif verdict.certain:
        level = verdict.kind
    elif shared and not both_named:
        level = FAMILY if different else ("same_subchapter" if same_subchapter else "same_category")
    elif verdict.kind in ("uses", "same_material"):
        level = "possible"
    elif same_subchapter or flow_profile.roots & other_profile.roots:
        level = FAMILY
    else:
        return None
    return Relation(level, verdict, shared_category)


def score_pair(flow: dict, other: dict, level: str) -> int:
    """The score of two flows given as dicts of columns (with the other's `distance_km`)."""
    offer, need = (flow, other) if flow["direction"] == Flow.Direction.OFFER else (other, flow)
    fit = (
        W_STATE * state_fit(offer["physical_state"], need["physical_state"])
        + W_QUANTITY * quantity_fit(offer, need)
        + W_SEASON * season_fit(offer["season_mask"], need["season_mask"])
        + W_DISTANCE_FIT * max(0.0, 1 - other["distance_km"] / MAX_USEFUL_KM)
    )
    base, span = LEVELS[level]
    return round(base + span * fit)


def quantity_fit(offer: dict, need: dict) -> float:
    """1 when the offer covers the need (or the need covers the offer), down to 0 for a ratio near
    0; 0.5 (neutral) when a quantity is unknown or in another dimension."""
    q_offer, q_need = offer["yearly_quantity"], need["yearly_quantity"]
    if not q_offer or not q_need or offer["base_unit"] != need["base_unit"]:
        return 0.5
    return min(q_offer, q_need) / max(q_offer, q_need)


def season_fit(offer_mask: int, need_mask: int) -> float:
    """Share of the needed months when the offer is available (0 when they never overlap)."""
    needed = bin(need_mask or ALL_YEAR).count("1")
    return bin((offer_mask or ALL_YEAR) & (need_mask or ALL_YEAR)).count("1") / needed


def _concept(materials: Materials, concept_id: int) -> dict:
    index = materials.concepts
    return {"fr": index.label(concept_id, "fr"), "it": index.label(concept_id, "it")}


def _material_reasons(relation: Relation, materials: Materials) -> list[Reason]:
    """What the thesaurus says, as reasons."""
    verdict = relation.verdict
    if verdict.kind == "uses":
        code = "uses" if verdict.certain else "possible_use"
        return [Reason(code, {"use": _concept(materials, verdict.wanted)})]
    if verdict.kind == "same_material":
        code = "same_material" if verdict.certain else "possible_material"
        return [Reason(code, {"material": _concept(materials, verdict.wanted)})]
    if verdict.kind == "different" and verdict.offered is not None:
        return [Reason("different_material", {"material": _concept(materials, verdict.offered)})]
    return []


def reasons_for(
    flow: Flow,
    other: Flow,
    relation: Relation,
    materials: Materials,
    distance_km: float,
    cross_border: bool,
    show_quantities: bool,
):
    """The reasons shown with a candidate, strongest first."""
    offer, need = (flow, other) if flow.direction == Flow.Direction.OFFER else (other, flow)
    level, tree = relation.level, materials.tree
    about_material = _material_reasons(relation, materials)
    reasons = []
    if level in ("same_material", "uses", "possible"):
        reasons += about_material
    if flow.ewc_id and flow.ewc_id == other.ewc_id:
        reasons.append(Reason("same_ewc", {"ewc": other.ewc.code}))
    elif level == "same_subchapter":
        reasons.append(Reason("same_subchapter", {"subchapter": other.ewc_subchapter}))
    if relation.shared_category is not None:
        reasons.append(Reason("same_category", {"category": tree.names[relation.shared_category]}))
    elif level == FAMILY:
        root = other.category.parent or other.category
        reasons.append(Reason("same_root", {"category": names(root)}))
    if level not in ("same_material", "uses", "possible"):
        # A use behind a code or category match, or the thesaurus's doubt behind a family match.
        reasons += about_material
    if offer.physical_state != need.physical_state:
        fit = state_fit(offer.physical_state, need.physical_state)
        code = "state_convertible" if fit > 0 else "state_mismatch"
        reasons.append(Reason(code, {"offered": offer.physical_state, "needed": need.physical_state}))
    if offer.yearly_quantity and need.yearly_quantity and offer.base_unit == need.base_unit:
        ratio = min(offer.yearly_quantity, need.yearly_quantity) / max(offer.yearly_quantity, need.yearly_quantity)
        fits = offer.yearly_quantity >= need.yearly_quantity or ratio >= 0.5
        if show_quantities:
            params = {"offered": offer.yearly_quantity, "needed": need.yearly_quantity, "unit": offer.base_unit}
            reasons.append(Reason("quantity_fit" if fits else "quantity_partial", params))
        else:
            reasons.append(Reason("quantity_fit_hidden" if fits else "quantity_partial_hidden"))
    if offer.season_mask != ALL_YEAR or need.season_mask != ALL_YEAR:
        common = offer.season_mask & need.season_mask
        if not common:
            params = {"offered": months_of(offer.season_mask), "needed": months_of(need.season_mask)}
            reasons.append(Reason("season_mismatch", params))
        elif common == need.season_mask:
            reasons.append(Reason("season_overlap", {"months": months_of(common)}))
        else:
            reasons.append(Reason("season_partial", {"months": months_of(common)}))
    reasons.append(Reason("cross_border" if cross_border else "distance", {"km": round(distance_km, 1)}))
    return reasons
