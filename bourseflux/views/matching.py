"""Candidates of a flow: an htmx fragment (loaded by the flow page) and the same list as a page.

Published flows are public, so their candidates are shown to whoever may see the flow; the
"I'm interested" button is offered only to those who act for the flow's company (login needed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bourseflux import pooling
from bourseflux.anonymity import reveal
from bourseflux.caching import NAMESPACE, PAGE_SECONDS
from bourseflux.logistics import estimate, exchanged_tonnes
from bourseflux.matching import Candidate, candidates
from bourseflux.models import ActivityFlowProfile, Flow
from bourseflux.permissions import FlowAccess, can_act_for, can_see_quantities, get_flow, is_facilitator
from bourseflux.potential import create_estimate, potential_candidates
from circuito.accounts.models import Organisation
from circuito.page_cache import public_page

LIMIT = 20
ESTIMATES = 5


def _context(request: HttpRequest, access: FlowAccess) -> dict:
    flow = access.flow
    found: list[Candidate] = []
    estimates = []
    pools = []
    if flow.status == Flow.Status.PUBLISHED:
        found = with_logistics(candidates(flow, limit=LIMIT, user=request.user), access, request.user)
        reveal(request.user, [c.flow for c in found])  # anonymous listings, decided once
        visible = {c.flow.pk: can_see_quantities(request.user, c.flow) for c in found}
        pools = pooling.pools(flow, found, visible) if access.can_see_quantities else []
        shown = {c.flow.organisation_id for c in found}
        estimates = potential_candidates(flow, limit=ESTIMATES, exclude_organisations=shown)
    is_offer = flow.direction == Flow.Direction.OFFER
    return {
        "flow": flow,
        "access": access,
        "candidates": found,
        "estimates": estimates,
        "pools": pools,
        "is_offer": is_offer,
        "can_contact": access.can_edit and request.user.is_authenticated,
        "can_draft_estimates": is_facilitator(request.user),
    }


def with_logistics(found: list[Candidate], access: FlowAccess, user, **options) -> list[Candidate]:
    """Each candidate with its transport estimate (`logistics`); tonnes per year only from the
    quantities the reader may see."""
    for c in found:
        tonnes = None
        if access.can_see_quantities:
            tonnes = exchanged_tonnes(access.flow, c.flow, other_visible=can_see_quantities(user, c.flow))
        c.logistics = estimate(c.distance_km, tonnes_per_year=tonnes, **options)
    return found


# Visitors all see the same candidates (published flows, quantities and companies as their
# confidentiality says for anyone): kept until the next write to the flux exchange.
@public_page(NAMESPACE, timeout=PAGE_SECONDS)
def flow_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate cards of a flow, as an HTML fragment for htmx."""
    access = get_flow(pk, request.user)
    return render(request, "bourseflux/matching/candidates_fragment.html", _context(request, access))


@public_page(NAMESPACE, timeout=PAGE_SECONDS)
def flow_candidates_page(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_flow(pk, request.user)
    return render(request, "bourseflux/matching/candidates_page.html", _context(request, access))


@login_required
@require_POST
def estimate_draft(request: HttpRequest) -> HttpResponse:
    """A facilitator turns an estimate (a typical flow of a company's activity) into a draft flow
    of that company, to complete with it and have it confirmed."""
    organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation"))
    profile = get_object_or_404(ActivityFlowProfile, pk=request.POST.get("profile"))
    if not can_act_for(request.user, organisation):
        raise PermissionDenied
    flow = create_estimate(actor=request.user, organisation=organisation, profile=profile)
    messages.success(
        request,
        _("A draft was created for %(company)s from its activity. Complete it with the company, then publish it.")
        % {"company": organisation.legal_name},
    )
    return redirect("bourseflux:flow_edit", flow.pk)
