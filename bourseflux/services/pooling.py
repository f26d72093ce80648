"""Writes of pooled synergies: several small offers collected together for one need."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bourseflux.models import Flow, Synergy, SynergySupplier
from bourseflux.notifications_pool import pool_suppliers_told
from bourseflux.permissions import can_edit_flow, is_facilitator
from bourseflux.pooling import Point, collection_route
from bourseflux.services.synergies import _check_pair, express_interest
from circuito.audit.services import record

MAX_SUPPLIERS = 10


@transaction.atomic
def start_pooled_synergy(*, actor, need: Flow, offers: Sequence[Flow], message: str = "") -> Synergy:
    """Open (or extend) the synergy of `need` with several supplier offers, in collection-route
    order; the first stop is the lead offer. Its distance becomes the whole route's (from the
    need, through every supplier, back): transport is counted on the longest way, conservatively."""
    if not actor.is_authenticated or not (can_edit_flow(actor, need) or is_facilitator(actor)):
        raise PermissionDenied
    unique = {o.pk: o for o in offers}
    if not 2 <= len(unique) <= MAX_SUPPLIERS:
        raise ValidationError(
            _("A pool gathers 2 to %(max)d offers: tick the offers to collect together.") % {"max": MAX_SUPPLIERS}
        )
    offers = list(unique.values())
    for offer in offers:
        _check_pair(offer, need)
    route = collection_route(Point(need.latitude, need.longitude), [Point(o.latitude, o.longitude) for o in offers])
    ordered = [offers[i] for i in route.order]
    synergy = express_interest(actor=actor, offer=ordered[0], need=need, message=message)
    synergy = Synergy.objects.select_for_update().get(pk=synergy.pk)
    existing = {link.offer_id: link for link in synergy.supplier_links.all()}
    for position, offer in enumerate(ordered):
        link = existing.get(offer.pk) or SynergySupplier(synergy=synergy, offer=offer)
        link.position = position
        link.save()
    # The lead offer's company hears through `express_interest`; the others are told here.
    added = [o.pk for o in ordered if o.pk not in existing and o.pk != synergy.offer_id]
    if added:
        transaction.on_commit(lambda: pool_suppliers_told(synergy.pk, actor.pk, added))
    synergy.distance_km = round(route.total_km, 1)
    synergy.save(update_fields=["distance_km"])
    record(
        actor,
        "synergy.pool",
        synergy,
        {"offers": [o.pk for o in ordered], "need": need.pk, "route_km": synergy.distance_km},
    )
    return synergy
