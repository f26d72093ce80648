"""Compatibility rules and the score (0–100) of an offer–need pair, on codes and categories only:
nothing here reads a title or a description, so flows written in different languages meet."""

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

# Weights of the parts of the score; they add up to 100.
W_MATCH = {"same_ewc": 50, "same_subchapter": 42, "same_category": 35, "same_root": 20}
W_STATE = 10
W_QUANTITY = 15
W_SEASON = 10
W_DISTANCE = 15


def road_km(great_circle_km: float) -> float:
    return great_circle_km * DETOUR_FACTOR


def state_fit(offered: str, needed: str) -> float:
    if not offered or not needed:
        return 0.5
    return STATE_FIT.get((offered, needed), 0.0)


def names(category) -> dict:
    return {"fr": category.name_fr or "", "it": category.name_it or ""}


def score_pair(flow: dict, other: dict) -> tuple[int, str] | None:
    """(score, match level) of two flows given as dicts of columns, or None when they cannot
    meet (incompatible natures or categories). Used on hundreds of rows: no query, no object."""
    if other["nature"] not in NATURE_GROUPS.get(flow["nature"], ()):
        return None
    if flow["ewc_id"] and flow["ewc_id"] == other["ewc_id"]:
        level = "same_ewc"
    elif flow["ewc_subchapter"] and flow["ewc_subchapter"] == other["ewc_subchapter"]:
        level = "same_subchapter"
    elif flow["category_id"] == other["category_id"]:
        level = "same_category"
    elif flow["category_root_id"] == other["category_root_id"]:
        level = "same_root"
    else:
        return None
    offer, need = (flow, other) if flow["direction"] == Flow.Direction.OFFER else (other, flow)
    score = W_MATCH[level]
    score += W_STATE * state_fit(offer["physical_state"], need["physical_state"])
    score += W_QUANTITY * quantity_fit(offer, need)
    score += W_SEASON * season_fit(offer["season_mask"], need["season_mask"])
    score += W_DISTANCE * max(0.0, 1 - other["distance_km"] / MAX_USEFUL_KM)
    return round(score), level


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


def reasons_for(flow: Flow, other: Flow, level: str, distance_km: float, cross_border: bool, show_quantities: bool):
    """The reasons shown with a candidate, strongest first."""
    offer, need = (flow, other) if flow.direction == Flow.Direction.OFFER else (other, flow)
    reasons = []
    if level == "same_ewc":
        reasons.append(Reason("same_ewc", {"ewc": other.ewc.code}))
    elif level == "same_subchapter":
        reasons.append(Reason("same_subchapter", {"subchapter": other.ewc_subchapter}))
    if level in ("same_ewc", "same_subchapter", "same_category"):
        reasons.append(Reason("same_category", {"category": names(other.category)}))
    else:
        root = other.category.parent or other.category
        reasons.append(Reason("same_root", {"category": names(root)}))
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
