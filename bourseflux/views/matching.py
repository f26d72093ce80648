"""Candidates of a flow: an htmx fragment (loaded by the flow page) and the same list as a page.

Published flows are public, so their candidates are shown to whoever may see the flow; the
"I'm interested" button is offered only to those who act for the flow's company (login needed)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from bourseflux.matching import Candidate, candidates
from bourseflux.models import Flow
from bourseflux.permissions import FlowAccess, get_flow
from bourseflux.potential import potential_candidates

LIMIT = 20
ESTIMATES = 5


def _context(request: HttpRequest, access: FlowAccess) -> dict:
    flow = access.flow
    found: list[Candidate] = []
    estimates = []
    if flow.status == Flow.Status.PUBLISHED:
        found = candidates(flow, limit=LIMIT, user=request.user)
        shown = {c.flow.organisation_id for c in found}
        estimates = potential_candidates(flow, limit=ESTIMATES, exclude_organisations=shown)
    is_offer = flow.direction == Flow.Direction.OFFER
    return {
        "flow": flow,
        "access": access,
        "candidates": found,
        "estimates": estimates,
        "is_offer": is_offer,
        "can_contact": access.can_edit and request.user.is_authenticated,
    }


def flow_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """The candidate cards of a flow, as an HTML fragment for htmx."""
    access = get_flow(pk, request.user)
    return render(request, "bourseflux/matching/candidates_fragment.html", _context(request, access))


def flow_candidates_page(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_flow(pk, request.user)
    return render(request, "bourseflux/matching/candidates_page.html", _context(request, access))
