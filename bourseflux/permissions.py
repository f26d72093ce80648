"""Who may see and change flows and synergies: the one place, used by pages and the API.

- A flow is edited by the active members of its organisation, by facilitators (who enter flows
  on behalf of companies) and by superusers.
- A published flow is seen by everyone; drafts and archived flows only by those who edit them.
- Quantities and prices follow the flow's `quantity_visibility`; the owner and facilitators
  always see them.
- A synergy is seen by the members of the two organisations, its facilitator, facilitators in
  general and superusers.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from bourseflux.models import Flow, Synergy, SynergySupplier
from circuito.accounts import roles
from circuito.accounts.models import Membership


def member_organisation_ids(user) -> set[int]:
    if not user.is_authenticated:
        return set()
    cached = getattr(user, "_bourseflux_orgs", None)
    if cached is None:
        cached = set(
            Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values_list(
                "organisation_id", flat=True
            )
        )
        user._bourseflux_orgs = cached
    return cached


def is_facilitator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or roles.is_facilitator(user))


def can_edit_flow(user, flow: Flow) -> bool:
    return is_facilitator(user) or flow.organisation_id in member_organisation_ids(user)


def can_see_quantities(user, flow: Flow) -> bool:
    if flow.quantity_visibility == Flow.Visibility.PUBLIC:
        return True
    if flow.quantity_visibility == Flow.Visibility.MEMBERS and user.is_authenticated:
        return True
    return can_edit_flow(user, flow)


@dataclass(frozen=True)
class FlowAccess:
    flow: Flow
    can_edit: bool
    can_see_quantities: bool


def visible_flows(user) -> QuerySet[Flow]:
    """Published flows, plus every flow of the user's organisations (and all, for facilitators)."""
    if is_facilitator(user):
        return Flow.objects.all()
    return Flow.objects.filter(Q(status=Flow.Status.PUBLISHED) | Q(organisation_id__in=member_organisation_ids(user)))


def get_flow(pk: int, user, *, edit: bool = False) -> FlowAccess:
    """404 for a flow the user may not see (drafts do not leak), 403 for editing without right."""
    flow = (
        Flow.objects.select_related("organisation", "site__commune__department", "category", "ewc", "nace")
        .filter(pk=pk)
        .first()
    )
    if flow is None:
        raise Http404
    editable = can_edit_flow(user, flow)
    if flow.status != Flow.Status.PUBLISHED and not editable:
        raise Http404
    if edit and not editable:
        raise PermissionDenied
    return FlowAccess(flow=flow, can_edit=editable, can_see_quantities=editable or can_see_quantities(user, flow))


def can_see_synergy(user, synergy: Synergy) -> bool:
    if not user.is_authenticated:
        return False
    if is_facilitator(user) or synergy.facilitator_id == user.pk:
        return True
    orgs = member_organisation_ids(user)
    if synergy.offer.organisation_id in orgs or synergy.need.organisation_id in orgs:
        return True
    # The other suppliers of a pooled synergy take part too.
    return bool(orgs) and synergy.supplier_links.filter(offer__organisation_id__in=orgs).exists()


def get_synergy(pk: int, user) -> Synergy:
    synergy = (
        Synergy.objects.select_related("offer__organisation", "need__organisation", "facilitator").filter(pk=pk).first()
    )
    if synergy is None or not can_see_synergy(user, synergy):
        raise Http404
    return synergy


def visible_synergies(user) -> QuerySet[Synergy]:
    if not user.is_authenticated:
        return Synergy.objects.none()
    if is_facilitator(user):
        return Synergy.objects.all()
    orgs = member_organisation_ids(user)
    pooled = SynergySupplier.objects.filter(offer__organisation_id__in=orgs).values("synergy_id")
    return Synergy.objects.filter(
        Q(offer__organisation_id__in=orgs) | Q(need__organisation_id__in=orgs) | Q(facilitator=user) | Q(pk__in=pooled)
    )


def can_act_for(user, organisation) -> bool:
    """Members of the organisation and facilitators enter its flows and sites."""
    return is_facilitator(user) or organisation.pk in member_organisation_ids(user)


def is_partner_staff(user) -> bool:
    """Partner staff (and superusers): they see pilot zones and record awareness meetings."""
    return user.is_authenticated and (user.is_superuser or roles.is_partner_staff(user))
