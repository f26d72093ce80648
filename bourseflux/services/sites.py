"""Writes on the sites of an organisation (where its flows come from or go to)."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bourseflux.models import Site
from bourseflux.models.flows import DEFAULT_SITE_NAME
from bourseflux.permissions import can_act_for
from circuito.accounts.models import Organisation
from circuito.audit.services import diff, record, snapshot
from circuito.geo.address import match_address, unmatched_message
from circuito.geo.distance import haversine_km

# A pin farther than this from the site's commune is a slip of the mouse or the wrong commune
# (the largest communes of the area span about 20 km).
MAX_KM_FROM_COMMUNE = 30.0

SITE_FIELDS = ["name", "address", "commune", "exact_location_public", "latitude", "longitude"]


def _apply(site: Site, data: dict[str, Any]) -> None:
    previous = (site.latitude, site.longitude, site.commune_id)
    for field in ("name", "address", "commune", "exact_location_public"):
        if field in data:
            setattr(site, field, data[field])
    if not site.name:
        raise ValidationError({"name": _("Give the site a name, e.g. “Main plant” or “Warehouse”.")})
    if site.commune_id is None:
        site.commune = _commune_from_address(site.address)
    _place(site, data, previous)


def _commune_from_address(address: str):
    """The commune named by the address (postcode and commune matched against the gazetteer),
    for a site whose commune was not picked; its point then places the site approximately."""
    if not address.strip():
        raise ValidationError(
            {"commune": _("Pick the commune of the site from the list, or type the address with its postcode.")}
        )
    match = match_address(address)
    if match.commune is None:
        raise ValidationError({"address": unmatched_message(match)})
    return match.commune


def _place(site: Site, data: dict[str, Any], previous: tuple[float | None, float | None, int | None]) -> None:
    """Keep the point the company set. The site goes to its commune's point when it has none yet,
    when the point is given empty, or when the commune changed and the pin was left where it was;
    data without latitude/longitude keeps the point (unless the commune changed)."""
    lat, lon = data.get("latitude"), data.get("longitude")
    old_lat, old_lon, old_commune = previous
    commune_changed = old_commune is not None and site.commune_id != old_commune
    cleared = "latitude" in data and (lat is None or lon is None)
    pin_untouched = (lat, lon) == (old_lat, old_lon)
    if lat is None or lon is None or (commune_changed and pin_untouched):
        if cleared or commune_changed or site.latitude is None or site.longitude is None:
            site.latitude, site.longitude = site.commune.latitude, site.commune.longitude
        return
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValidationError({"latitude": _("Latitude and longitude must be in decimal degrees (WGS84).")})
    away = haversine_km(lat, lon, site.commune.latitude, site.commune.longitude)
    if away > MAX_KM_FROM_COMMUNE:
        raise ValidationError(
            {
                "latitude": _(
                    "The point is %(km)d km from %(commune)s: move the pin to the site, or pick the site's commune."
                )
                % {"km": round(away), "commune": site.commune.name}
            }
        )
    site.latitude, site.longitude = lat, lon


def ensure_default_site(organisation: Organisation) -> Site:
    """The organisation's first site, created at its commune when it has none yet."""
    site = organisation.sites.order_by("pk").first()
    if site:
        return site
    if organisation.commune_id is None:
        raise ValidationError(
            {
                "site": _(
                    "%(name)s has no commune yet: add a site (its commune) first, or set the organisation's commune."
                )
                % {"name": organisation.legal_name}
            }
        )
    commune = organisation.commune
    return Site.objects.create(
        organisation=organisation,
        name=DEFAULT_SITE_NAME,
        address=organisation.address,
        commune=commune,
        latitude=commune.latitude,
        longitude=commune.longitude,
    )


@transaction.atomic
def create_site(*, actor, organisation: Organisation, data: dict[str, Any]) -> Site:
    if not can_act_for(actor, organisation):
        raise PermissionDenied
    site = Site(organisation=organisation, latitude=None, longitude=None)
    _apply(site, data)
    site.save()
    record(actor, "site.create", site, {"organisation": organisation.legal_name, "commune": site.commune_id})
    return site


@transaction.atomic
def update_site(site: Site, *, actor, data: dict[str, Any]) -> Site:
    if not can_act_for(actor, site.organisation):
        raise PermissionDenied
    site = Site.objects.select_for_update().select_related("organisation", "commune").get(pk=site.pk)
    before = snapshot(site, SITE_FIELDS)
    _apply(site, data)
    changes = diff(site, before, SITE_FIELDS)
    if changes:
        site.save(update_fields=list(changes))
        record(actor, "site.update", site, changes)
        # Flows copy their site's location: refresh them so maps and matching follow.
        for flow in site.flows.select_related("site__commune__department", "category", "ewc"):
            flow.save(update_fields=["updated_at"])
    return site
