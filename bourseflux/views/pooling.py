"""Start a pooled synergy: a need's owner (or a facilitator) contacts several small offers at once."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from bourseflux.models import Flow
from bourseflux.permissions import get_flow
from bourseflux.services.pooling import MAX_SUPPLIERS, start_pooled_synergy


@login_required
@require_POST
def pool_start(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_flow(pk, request.user).flow
    ids = [int(v) for v in request.POST.getlist("offer") if v.isdigit() and len(v) < 12][: MAX_SUPPLIERS + 1]
    offers = list(Flow.objects.filter(pk__in=ids).select_related("organisation"))
    try:
        synergy = start_pooled_synergy(actor=request.user, need=need, offers=offers)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
        return redirect("bourseflux:flow_candidates_page", need.pk)
    return redirect(synergy.get_absolute_url())
