"""Pilot zones and workshops: who may see and change them, their writes, and what lies inside.

Partner staff (facilitators included) see zones, workshops and meetings; facilitators change
zones and workshops and enter flows in the workshop grid.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from bourseflux.models import Flow, PilotZone, Workshop
from bourseflux.permissions import is_facilitator, is_partner_staff
from circuito.accounts import roles
from circuito.accounts.models import Organisation
from circuito.audit.services import diff, record, snapshot
from circuito.geo.distance import haversine_km, within_km

ZONE_FIELDS = [
    "name_fr",
    "name_it",
    "description_fr",
    "description_it",
    "latitude",
    "longitude",
    "radius_km",
    "partner",
]
WORKSHOP_FIELDS = ["title", "date", "place", "notes"]
MAX_RADIUS_KM = 200


def can_view_zones(user) -> bool:
    return is_partner_staff(user)


def can_edit_zones(user) -> bool:
    return is_facilitator(user)


def require_view(user) -> None:
    if not can_view_zones(user):
        raise PermissionDenied


def require_edit(user) -> None:
    if not can_edit_zones(user):
        raise PermissionDenied


def partners_for(user) -> QuerySet[Organisation]:
    """The project partners a zone may belong to when `user` creates it."""
    if user.is_superuser:
        return Organisation.objects.filter(kind=Organisation.Kind.PARTNER)
    return roles.partner_of(user)


def _check_zone(zone: PilotZone) -> None:
    errors: dict[str, list[str]] = {}
    if not (zone.name_fr or zone.name_it):
        errors["name_fr"] = [_("Give the zone a name in French or in Italian (or both).")]
    if (
        zone.latitude is None
        or zone.longitude is None
        or not (-90 <= zone.latitude <= 90 and -180 <= zone.longitude <= 180)
    ):
        errors["latitude"] = [_("Pick the centre of the zone on the map, or choose a commune.")]
    if zone.radius_km is None or not 0 < zone.radius_km <= MAX_RADIUS_KM:
        errors["radius_km"] = [_("The radius must be more than 0 and at most %(max)d km.") % {"max": MAX_RADIUS_KM}]
    if errors:
        raise ValidationError(errors)


def _apply(zone: PilotZone, data: dict[str, Any]) -> None:
    for field in ZONE_FIELDS:
        if field in data:
            setattr(zone, field, data[field])
    commune = data.get("commune")
    if commune is not None and (data.get("latitude") is None or data.get("longitude") is None):
        zone.latitude, zone.longitude = commune.latitude, commune.longitude
    for field in ("name_fr", "name_it", "description_fr", "description_it"):
        setattr(zone, field, (getattr(zone, field) or "").strip())
    zone.name = zone.name_fr or zone.name_it


@transaction.atomic
def create_zone(*, actor, data: dict[str, Any]) -> PilotZone:
    require_edit(actor)
    zone = PilotZone(created_by=actor)
    _apply(zone, data)
    if zone.partner_id is None:
        zone.partner = partners_for(actor).first()
    if zone.partner_id is None:
        raise ValidationError({"partner": _("Pick the project partner that runs this zone.")})
    _check_zone(zone)
    zone.save()
    record(actor, "zone.create", zone, {f: getattr(zone, f) for f in ZONE_FIELDS})
    return zone


@transaction.atomic
def update_zone(zone: PilotZone, *, actor, data: dict[str, Any]) -> PilotZone:
    require_edit(actor)
    zone = PilotZone.objects.select_for_update().get(pk=zone.pk)
    before = snapshot(zone, ZONE_FIELDS)
    _apply(zone, data)
    _check_zone(zone)
    changes = diff(zone, before, ZONE_FIELDS)
    if changes:
        zone.save(update_fields=[*changes, "name"] if "name_fr" in changes or "name_it" in changes else list(changes))
        record(actor, "zone.update", zone, changes)
    return zone


@transaction.atomic
def delete_zone(zone: PilotZone, *, actor) -> None:
    require_edit(actor)
    record(actor, "zone.delete", zone, {"name": zone.name})
    zone.delete()


@transaction.atomic
def add_zone_companies(zone: PilotZone, *, actor, companies: list[Organisation]) -> int:
    require_edit(actor)
    already = set(zone.companies.values_list("pk", flat=True))
    new = [c for c in companies if c.pk not in already]
    if new:
        zone.companies.add(*new)
        record(actor, "zone.add_companies", zone, {"companies": [c.pk for c in new]})
    return len(new)


@transaction.atomic
def remove_zone_company(zone: PilotZone, *, actor, company: Organisation) -> None:
    require_edit(actor)
    zone.companies.remove(company)
    record(actor, "zone.remove_company", zone, {"company": company.pk})


def flows_in_zone(zone: PilotZone, queryset: QuerySet[Flow] | None = None) -> QuerySet[Flow]:
    """Flows whose site lies within the zone's radius (bounding box first, then great circle)."""
    queryset = Flow.objects.all() if queryset is None else queryset
    return within_km(queryset, zone.latitude, zone.longitude, zone.radius_km)


def companies_near(zone: PilotZone) -> QuerySet[Organisation]:
    """Companies located within the zone, as suggestions to add."""
    return within_km(
        Organisation.objects.filter(kind=Organisation.Kind.COMPANY, latitude__isnull=False),
        zone.latitude,
        zone.longitude,
        zone.radius_km,
    )


def in_zone(zone: PilotZone, lat: float, lon: float) -> bool:
    return haversine_km(zone.latitude, zone.longitude, lat, lon) <= zone.radius_km


@dataclass
class DetectedSynergy:
    offer: Flow
    need: Flow
    score: int
    distance_km: float
    cross_border: bool
    inside: bool
    reasons: list


def detect_synergies(flows: list[Flow], zone: PilotZone, *, user, per_flow: int = 10) -> list[DetectedSynergy]:
    """Candidate pairs for `flows` (published, in or near the zone): each pair once, best first;
    `inside` when both flows lie in the zone."""
    from bourseflux.matching import candidates

    pairs: dict[tuple[int, int], DetectedSynergy] = {}
    for flow in flows:
        for candidate in candidates(flow, limit=per_flow, user=user):
            other = candidate.flow
            offer, need = (flow, other) if flow.direction == Flow.Direction.OFFER else (other, flow)
            key = (offer.pk, need.pk)
            if key in pairs and pairs[key].score >= candidate.score:
                continue
            pairs[key] = DetectedSynergy(
                offer=offer,
                need=need,
                score=candidate.score,
                distance_km=candidate.distance_km,
                cross_border=candidate.cross_border,
                inside=in_zone(zone, offer.latitude, offer.longitude) and in_zone(zone, need.latitude, need.longitude),
                reasons=candidate.reasons,
            )
    return sorted(pairs.values(), key=lambda s: (-s.score, s.distance_km))


def _check_workshop(workshop: Workshop) -> None:
    errors: dict[str, list[str]] = {}
    if not workshop.title.strip():
        errors["title"] = [_("Give the workshop a title.")]
    if workshop.date is None:
        errors["date"] = [_("Give the date of the workshop.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_workshop(zone: PilotZone, *, actor, data: dict[str, Any]) -> Workshop:
    require_edit(actor)
    workshop = Workshop(
        pilot_zone=zone, created_by=actor, **{f: data.get(f) or "" for f in ("title", "place", "notes")}
    )
    workshop.date = data.get("date")
    _check_workshop(workshop)
    workshop.save()
    participants = list(data.get("participants") or [])
    if participants:
        workshop.participants.set(participants)
        zone.companies.add(*participants)
    record(actor, "workshop.create", workshop, {"zone": zone.pk, "participants": [p.pk for p in participants]})
    return workshop


@transaction.atomic
def update_workshop(workshop: Workshop, *, actor, data: dict[str, Any]) -> Workshop:
    require_edit(actor)
    workshop = Workshop.objects.select_for_update().get(pk=workshop.pk)
    before = snapshot(workshop, WORKSHOP_FIELDS)
    for field in WORKSHOP_FIELDS:
        if field in data:
            setattr(workshop, field, data[field] if data[field] is not None else "")
    _check_workshop(workshop)
    changes = diff(workshop, before, WORKSHOP_FIELDS)
    if changes:
        workshop.save(update_fields=list(changes))
    if "participants" in data:
        old = set(workshop.participants.values_list("pk", flat=True))
        workshop.participants.set(data["participants"])
        workshop.pilot_zone.companies.add(*data["participants"])
        new = {p.pk for p in data["participants"]}
        if old != new:
            changes["participants"] = [sorted(old), sorted(new)]
    if changes:
        record(actor, "workshop.update", workshop, changes)
    return workshop


class GridError(ValidationError):
    """Rows of the grid that cannot be saved: `rows` = {row index: {field: [messages]}}."""

    def __init__(self, rows: dict[int, dict[str, list[str]]]) -> None:
        self.rows = rows
        super().__init__(_("Nothing was saved: correct the rows marked in red, then save again."))


@transaction.atomic
def save_workshop_grid(workshop: Workshop, *, actor, rows: list[dict[str, Any]], publish: bool = True) -> list[Flow]:
    """Create every flow of the grid, or none: GridError lists the problems of each refused row.
    `rows` hold "organisation" plus flow data."""
    from bourseflux.services.flows import create_flow, validate_flow_data

    require_edit(actor)
    participants = set(workshop.participants.values_list("pk", flat=True))
    errors: dict[int, dict[str, list[str]]] = {}
    for index, row in enumerate(rows):
        organisation = row.get("organisation")
        if organisation is None or organisation.pk not in participants:
            errors.setdefault(index, {})["organisation"] = [_("Pick one of the workshop's participating companies.")]
            continue
        try:
            validate_flow_data(_grid_data(row), organisation=organisation)
        except ValidationError as exc:
            errors.setdefault(index, {}).update(exc.message_dict)
    if errors:
        raise GridError(errors)
    flows = [
        create_flow(actor=actor, organisation=row["organisation"], data=_grid_data(row), publish=publish)
        for row in rows
    ]
    record(actor, "workshop.grid", workshop, {"flows": [f.pk for f in flows]})
    return flows


def _grid_data(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "organisation"}


def workshop_flows(workshop: Workshop) -> QuerySet[Flow]:
    """Flows of the workshop's participants in the zone, posted on or after the workshop day."""
    return Flow.objects.filter(
        organisation__in=workshop.participants.all(), created_at__date__gte=workshop.date
    ).select_related("organisation", "category", "ewc", "site__commune")
