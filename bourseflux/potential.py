""" "Potential" candidates: companies whose activity (NACE) typically gives off or takes what a
flow is, from the table of typical flows per activity (ActivityFlowProfile). They are estimates,
shown after the real candidates with a badge, until the company confirms one as its own flow."""

import math
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, FloatField, Q, Value

from bourseflux.matching.reasons import Reason
from bourseflux.matching.rules import MAX_USEFUL_KM, W_DISTANCE, names, road_km
from bourseflux.matching.search import opposite
from bourseflux.models import ActivityFlowProfile, Flow
from circuito.accounts.models import Organisation
from circuito.audit.services import record
from circuito.geo.distance import bounding_box, haversine_km

RADIUS_KM = 150  # great-circle radius searched for companies with a matching activity
ROWS = 60  # nearest companies examined (a handful is shown)
# Estimates never outrank a real flow of the same kind: their match part is scaled down.
ESTIMATE_WEIGHT = {"same_ewc": 40, "same_category": 30, "same_root": 15}
GUESSED_STATE = {Flow.Nature.WATER: Flow.State.LIQUID}


@dataclass
class PotentialCandidate:
    organisation: Organisation
    profile: ActivityFlowProfile
    score: int
    distance_km: float
    cross_border: bool
    reasons: list[Reason] = field(default_factory=list)
    is_estimate: bool = True


def _level(flow: Flow, profile: ActivityFlowProfile) -> str:
    if flow.ewc_id and profile.ewc_id == flow.ewc_id:
        return "same_ewc"
    if profile.category_id == flow.category_id:
        return "same_category"
    return "same_root"


def _nace_filter(codes: set[str]) -> Q:
    """Organisations whose NACE class falls under one of the profile codes (division "10",
    group "10.3" or class "10.32")."""
    condition = Q()
    for code in codes:
        condition |= (
            Q(nace__code=code) if len(code) == 5 else Q(nace__code__startswith=code + ("." if len(code) == 2 else ""))
        )
    return condition


def potential_candidates(
    flow: Flow, limit: int = 10, exclude_organisations: set[int] | None = None
) -> list[PotentialCandidate]:
    """Companies nearby whose activity typically is the other side of `flow`, best first.

    `exclude_organisations`: companies already shown with a real flow. Two queries."""
    if flow.latitude is None:
        return []
    root = flow.category_root_id
    profiles = list(
        ActivityFlowProfile.objects.filter(direction=opposite(flow.direction))
        .filter(
            Q(category_id=flow.category_id)
            | Q(category_id=root)
            | Q(category__parent_id=root)
            | (Q(ewc_id=flow.ewc_id) if flow.ewc_id else Q(pk__in=[]))
        )
        .select_related("category__parent")
    )
    if not profiles:
        return []
    best: dict[str, tuple[int, ActivityFlowProfile]] = {}
    for profile in profiles:
        level = _level(flow, profile)
        weight = ESTIMATE_WEIGHT[level]
        if profile.nace_code not in best or weight > best[profile.nace_code][0]:
            best[profile.nace_code] = (weight, profile)
    min_lat, max_lat, min_lon, max_lon = bounding_box(flow.latitude, flow.longitude, RADIUS_KM)
    k = Value(math.cos(math.radians(flow.latitude)), output_field=FloatField())
    dlat = F("latitude") - Value(flow.latitude, output_field=FloatField())
    dlon = (F("longitude") - Value(flow.longitude, output_field=FloatField())) * k
    organisations = (
        Organisation.objects.filter(_nace_filter(set(best)))
        .filter(commune__isnull=False, latitude__gte=min_lat, latitude__lte=max_lat)
        .filter(longitude__gte=min_lon, longitude__lte=max_lon)
        .exclude(pk=flow.organisation_id)
        .exclude(pk__in=exclude_organisations or ())
        .select_related("commune", "nace")
        .only("legal_name", "country", "latitude", "longitude", "commune__name", "nace__code")
        .annotate(_d2=dlat * dlat + dlon * dlon)
        .order_by("_d2", "pk")[:ROWS]
    )
    result = []
    for organisation in organisations:
        matching = [
            best[c]
            for c in best
            if organisation.nace.code == c or organisation.nace.code.startswith(c + ("." if len(c) == 2 else ""))
        ]
        weight, profile = max(matching, key=lambda pair: pair[0])
        distance = road_km(haversine_km(flow.latitude, flow.longitude, organisation.latitude, organisation.longitude))
        score = round(weight + W_DISTANCE * max(0.0, 1 - distance / MAX_USEFUL_KM))
        across = organisation.country != flow.country
        reasons = [
            Reason("estimate"),
            Reason("activity", {"activity": names(profile), "nace": organisation.nace.code}),
            Reason(
                "same_category" if profile.category_id == flow.category_id else "same_root",
                {
                    "category": names(
                        profile.category
                        if profile.category_id == flow.category_id
                        else (profile.category.parent or profile.category)
                    )
                },
            ),
            Reason("cross_border" if across else "distance", {"km": round(distance, 1)}),
        ]
        result.append(PotentialCandidate(organisation, profile, score, round(distance, 1), across, reasons))
    result.sort(key=lambda c: (-c.score, c.distance_km, c.organisation.pk))
    return result[:limit]


@transaction.atomic
def create_estimate(*, actor, organisation: Organisation, profile: ActivityFlowProfile) -> Flow:
    """A draft flow of `organisation` from a typical flow of its activity, marked as an estimate
    for the company to check and confirm (`bourseflux.services.flows.confirm_estimate`)."""
    from bourseflux.permissions import can_act_for
    from bourseflux.services.flows import create_flow

    if not can_act_for(actor, organisation):
        raise PermissionDenied
    nature = profile.nature
    data = {
        "direction": profile.direction,
        "nature": nature,
        "category": profile.category_id,
        "ewc": profile.ewc_id if nature == Flow.Nature.WASTE else None,
        "nace": organisation.nace_id,
        "title_fr": profile.name_fr or profile.name_it,
        "title_it": profile.name_it or profile.name_fr,
        "physical_state": GUESSED_STATE.get(
            nature, "" if nature in (Flow.Nature.ENERGY, Flow.Nature.CAPACITY) else Flow.State.SOLID
        ),
    }
    flow = create_flow(actor=actor, organisation=organisation, data=data, publish=False)
    flow.is_estimate = True
    flow.save(update_fields=["is_estimate"])
    record(actor, "flow.create_estimate", flow, {"profile": profile.pk, "nace": profile.nace_code})
    return flow
