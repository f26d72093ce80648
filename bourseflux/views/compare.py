"""Candidates of a flow side by side (2 to 4): score, distance, transport cost and CO2e, quantity,
for a transport mode and load factor the reader picks. Same visibility as the candidates list."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from bourseflux import logistics
from bourseflux.matching import candidates
from bourseflux.models import Flow
from bourseflux.permissions import can_see_quantities, get_flow
from bourseflux.views.matching import LIMIT, with_logistics

MIN_COMPARED, MAX_COMPARED = 2, 4


def _ids(request: HttpRequest) -> list[int]:
    ids = []
    for value in request.GET.getlist("c"):
        if value.isdigit() and len(value) < 12 and int(value) not in ids:
            ids.append(int(value))
    return ids


def _load(request: HttpRequest) -> float | None:
    """The load factor in percent from the query string (None: the mode's reference load)."""
    value = request.GET.get("load", "")
    return int(value) / 100 if value.isdigit() and 10 <= int(value) <= 100 else None


@require_safe
def flow_compare(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_flow(pk, request.user)
    flow = access.flow
    ids = _ids(request)
    mode = request.GET.get("mode", "")
    if mode not in logistics.modes():
        mode = logistics.DEFAULT_MODE
    load = _load(request)
    error = ""
    compared = []
    if not MIN_COMPARED <= len(ids) <= MAX_COMPARED:
        error = _("Tick 2 to 4 candidates to compare them (you ticked %(count)d).") % {"count": len(ids)}
    elif flow.status == Flow.Status.PUBLISHED:
        # Only flows that are candidates of this flow for this reader: the ids are not trusted.
        found = {c.flow.pk: c for c in candidates(flow, limit=LIMIT, user=request.user)}
        compared = [found[i] for i in ids if i in found]
        with_logistics(compared, access, request.user, mode=mode, load_factor=load)
        if len(compared) < len(ids):
            error = _("Some ticked flows are no longer candidates of this flow: they are left out.")
    rows = [(c, can_see_quantities(request.user, c.flow)) for c in compared]
    chosen = logistics.modes()[mode]
    return render(
        request,
        "bourseflux/matching/compare.html",
        {
            "flow": flow,
            "rows": rows,
            "error": error,
            "modes": logistics.modes().values(),
            "mode": chosen,
            "load_percent": round((load or chosen.reference_load) * 100),
            "ids": ids,
            "is_offer": flow.direction == Flow.Direction.OFFER,
        },
    )
