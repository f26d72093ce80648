"""Writes of the company-in-the-loop e-mails: a member confirms a flow entered for the company,
a member chooses whether to receive the company's flux exchange e-mails."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from bourseflux.models import Flow
from circuito.accounts.models import Membership
from circuito.audit.services import record


@transaction.atomic
def confirm_flow_for_company(flow: Flow, *, actor) -> Flow:
    """An active member of the flow's company confirms it (once; later clicks change nothing)."""
    if not Membership.objects.filter(
        user=actor, organisation_id=flow.organisation_id, status=Membership.Status.ACTIVE
    ).exists():
        raise PermissionDenied
    flow = Flow.objects.select_for_update(of=("self",)).get(pk=flow.pk)
    if flow.company_confirmed_at:
        return flow
    flow.company_confirmed_at, flow.company_confirmed_by = timezone.now(), actor
    # A plain update: confirming changes nothing that the flow derives (site, codes, search text).
    Flow.objects.filter(pk=flow.pk).update(company_confirmed_at=flow.company_confirmed_at, company_confirmed_by=actor)
    record(actor, "flow.company_confirm", flow, {"confirmed_by": actor.pk})
    return flow


@transaction.atomic
def set_flow_mail(membership: Membership, *, actor, receive: bool) -> Membership:
    """The member (only) chooses whether the company's flux exchange e-mails reach them."""
    if membership.user_id != actor.pk:
        raise PermissionDenied
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    if membership.receive_flow_mail != bool(receive):
        before = membership.receive_flow_mail
        membership.receive_flow_mail = bool(receive)
        membership.save(update_fields=["receive_flow_mail"])
        record(actor, "membership.flow_mail", membership, {"receive_flow_mail": [before, bool(receive)]})
    return membership
