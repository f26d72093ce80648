"""SWOT per territory (region): the coordinator adds, edits and orders items in the four quadrants,
each linked to its evidence; partner staff read it; a cross-border view puts French and Italian
regions side by side. Only the coordinator sees the quotes given as evidence."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from circuito.forms import add_service_errors
from circuito.geo.models import Territory
from focusgroups.forms_analysis import SwotItemForm
from focusgroups.models import SwotItem
from focusgroups.selectors_analysis import get_study, swot, swot_regions
from focusgroups.services import analysis as services


def _quadrants(items: dict[str, list[SwotItem]]) -> list[dict]:
    return [{"code": code, "label": label, "items": items.get(code, [])} for code, label in SwotItem.Quadrant.choices]


@require_safe
@login_required
def swot_overview(request: HttpRequest, code: str) -> HttpResponse:
    access = get_study(code, request.user)
    if request.GET.get("region", "").isdigit():  # the region picker
        return redirect("focusgroups:swot_region", code=access.study.code, region=int(request.GET["region"]))
    regions = swot_regions(access.study)
    items = swot(access.study, regions)
    columns = []
    for country in ("FR", "IT"):
        columns.append(
            {
                "country": country,
                "regions": [
                    {"region": r, "quadrants": _quadrants(items[r.pk])} for r in regions if r.country == country
                ],
            }
        )
    all_regions = Territory.objects.filter(level=Territory.Level.REGION, in_alcotra=True).order_by("country", "name")
    return render(
        request,
        "focusgroups/analysis/swot.html",
        {"access": access, "study": access.study, "columns": columns, "all_regions": all_regions},
    )


def _region(pk: int) -> Territory:
    region = Territory.objects.filter(pk=pk, level=Territory.Level.REGION).first()
    if region is None:
        raise Http404
    return region


def _form_data(form: SwotItemForm) -> dict:
    return {
        k: form.cleaned_data.get(k) for k in ["quadrant", "text_fr", "text_it", "evidence_sessions", "evidence_quotes"]
    }


@login_required
def swot_region(request: HttpRequest, code: str, region: int) -> HttpResponse:
    """A region's SWOT; for the coordinator, with the form that adds an item."""
    access = get_study(code, request.user, coordinator=request.method == "POST")
    study, territory = access.study, _region(region)
    form = None
    if access.is_coordinator:
        form = SwotItemForm(
            request.POST or None, study=study, region=territory, initial={"quadrant": request.GET.get("quadrant")}
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.create_swot_item(study, territory, _form_data(form), actor=request.user)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("The item was added to the SWOT."))
                return redirect("focusgroups:swot_region", code=study.code, region=territory.pk)
    items = swot(study, [territory])[territory.pk]
    return render(
        request,
        "focusgroups/analysis/swot_region.html",
        {"access": access, "study": study, "region": territory, "quadrants": _quadrants(items), "form": form},
    )


def _item_for_edit(pk: int, user) -> SwotItem:
    item = SwotItem.objects.select_related("study", "territory").filter(pk=pk).first()
    if item is None:
        raise Http404
    get_study(item.study.code, user, coordinator=True)
    return item


@login_required
def swot_item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for_edit(pk, request.user)
    form = SwotItemForm(request.POST or None, instance=item, study=item.study, region=item.territory)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_swot_item(item, _form_data(form), actor=request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The SWOT item was saved."))
            return redirect("focusgroups:swot_region", code=item.study.code, region=item.territory_id)
    return render(
        request,
        "focusgroups/analysis/swot_item_form.html",
        {"form": form, "item": item, "study": item.study, "region": item.territory},
    )


@require_POST
@login_required
def swot_item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for_edit(pk, request.user)
    services.delete_swot_item(item, actor=request.user)
    messages.success(request, _("The SWOT item was deleted."))
    return redirect("focusgroups:swot_region", code=item.study.code, region=item.territory_id)


@require_POST
@login_required
def swot_item_move(request: HttpRequest, pk: int, direction: str) -> HttpResponse:
    item = _item_for_edit(pk, request.user)
    if direction not in ("up", "down"):
        raise Http404
    services.move_swot_item(item, -1 if direction == "up" else 1, actor=request.user)
    return redirect("focusgroups:swot_region", code=item.study.code, region=item.territory_id)
