"""Pages of the company inventory: the company's inventories, the guided form (save, resume,
add a process or a row, suggest codes, create the drafts) and the review of the drafts.
Only the company's members and facilitators get in (bourseflux.permissions.can_act_for)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from bourseflux.forms_inventory import (
    InventoryForm,
    ProcessForm,
    RowFormSet,
    data_from_snapshot,
    grown,
    suggest_codes,
)
from bourseflux.models import Flow, Inventory
from bourseflux.permissions import can_act_for
from bourseflux.services import inventory as services
from bourseflux.views.flows import annotate_titles
from circuito.accounts.models import Organisation


def _organisation(request: HttpRequest, org_id: int) -> Organisation:
    organisation = get_object_or_404(Organisation, pk=org_id)
    if not can_act_for(request.user, organisation):
        raise PermissionDenied
    return organisation


def _inventory(request: HttpRequest, pk: int) -> Inventory:
    inventory = get_object_or_404(Inventory.objects.select_related("organisation"), pk=pk)
    if not can_act_for(request.user, inventory.organisation):
        raise PermissionDenied
    return inventory


@login_required
def inventory_list(request: HttpRequest, org_id: int) -> HttpResponse:
    """The company's inventories (to resume or review) and the button to start one."""
    organisation = _organisation(request, org_id)
    if request.method == "POST":
        language = request.POST.get("language")
        language = language if language in dict(settings.LANGUAGES) else None
        inventory = services.start_inventory(actor=request.user, organisation=organisation, language=language)
        return redirect("bourseflux:inventory_form", inventory.pk)
    inventories = organisation.inventories.select_related("created_by").order_by("-updated_at")
    return render(
        request,
        "bourseflux/inventory/inventory_list.html",
        {
            "organisation": organisation,
            "inventories": inventories,
            "languages": settings.LANGUAGES,
            "default_language": services.language_of(organisation),
        },
    )


def _row_errors_on_forms(form: InventoryForm, errors: list[services.RowError]) -> list[str]:
    """Each error put on its row's field, and the summary lines "Process, row n: message"."""
    summary = []
    for error in errors:
        row, shown = form.place(error.process, error.row)
        field = error.field if error.field in row.fields else None
        row.add_error(field, error.message)
        summary.append(
            _("%(process)s, row %(row)d: %(message)s")
            % {"process": error.process_name, "row": shown, "message": error.message}
        )
    return summary


def _act(request: HttpRequest, inventory: Inventory, form: InventoryForm) -> HttpResponse | list[str] | None:
    """Run the button pressed; a response when done, else the error summary to show."""
    if "save" in request.POST:
        services.save_inventory(inventory, actor=request.user, processes=form.snapshot())
        messages.success(request, _("The inventory is saved: you can come back to it at any time."))
        return redirect("bourseflux:inventory_form", inventory.pk)
    if "draft" not in request.POST or not form.is_valid():
        return None if "draft" not in request.POST else [_("Some rows need changes: see the messages below.")]
    with translation.override(inventory.language):  # "Process 2" for an unnamed one, in the drafts' language
        processes = form.cleaned()
    try:
        flows = services.draft_inventory(inventory, actor=request.user, processes=processes, snapshot=form.snapshot())
    except services.InventoryInvalid as exc:
        return _row_errors_on_forms(form, exc.errors)
    except ValidationError as exc:
        return exc.messages
    count = len(flows)
    messages.success(
        request,
        ngettext(
            "%(count)d draft flow is created: check it, then publish it.",
            "%(count)d draft flows are created: check them, then publish them.",
            count,
        )
        % {"count": count},
    )
    return redirect("bourseflux:inventory_review", inventory.pk)


@login_required
def inventory_form(request: HttpRequest, pk: int) -> HttpResponse:
    inventory = _inventory(request, pk)
    if inventory.status != Inventory.Status.OPEN:
        return redirect("bourseflux:inventory_review", inventory.pk)
    summary: list[str] = []
    org = inventory.organisation
    if request.method != "POST":
        form = InventoryForm(
            data_from_snapshot(inventory.processes, new_rows=2) if inventory.processes else None, organisation=org
        )
    elif "add_process" in request.POST or "add_row" in request.POST:
        row = request.POST.get("add_row", "")
        form = InventoryForm(
            grown(request.POST, add_process="add_process" in request.POST, add_row=_int(row)), organisation=org
        )
    elif "suggest" in request.POST:
        data, count = suggest_codes(InventoryForm(request.POST, organisation=org))
        form = InventoryForm(data, organisation=org)
        messages.info(
            request,
            ngettext(
                "Codes suggested for %(count)d row: check them.",
                "Codes suggested for %(count)d rows: check them.",
                count,
            )
            % {"count": count},
        )
    else:
        form = InventoryForm(request.POST, organisation=org)
        try:
            done = _act(request, inventory, form)
        except ValidationError as exc:
            done = exc.messages
        if isinstance(done, HttpResponse):
            return done
        summary = done or []
    empty_rows = RowFormSet(prefix="p__proc__-rows")
    return render(
        request,
        "bourseflux/inventory/inventory_form.html",
        {
            "inventory": inventory,
            "organisation": inventory.organisation,
            "form": form,
            "summary": summary,
            # Blank process and row, cloned in the page by static/js/inventory.js.
            "empty_process": ProcessForm(prefix="p__proc__", organisation=org, several_sites=form.several_sites),
            "empty_rows": empty_rows,
            "empty_row": empty_rows.empty_form,
        },
    )


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None


@login_required
def inventory_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The drafts of an inventory, by process: edit each (the flow form), discard it, or publish
    the chosen ones together."""
    inventory = _inventory(request, pk)
    if request.method == "POST":
        return _review_action(request, inventory)
    drafts = list(
        inventory.drafts.select_related("flow__category", "flow__ewc", "flow__site__commune").order_by("position")
    )
    annotate_titles([d.flow for d in drafts])
    groups: dict[str, list] = {}
    for draft in drafts:
        groups.setdefault(draft.process, []).append(draft)
    return render(
        request,
        "bourseflux/inventory/inventory_review.html",
        {
            "inventory": inventory,
            "organisation": inventory.organisation,
            "groups": groups.items(),
            "has_drafts": any(d.flow.status == Flow.Status.DRAFT for d in drafts),
        },
    )


def _review_action(request: HttpRequest, inventory: Inventory) -> HttpResponse:
    try:
        if request.POST.get("discard", "").isdigit():
            services.discard_inventory_draft(inventory, actor=request.user, flow_id=int(request.POST["discard"]))
            messages.success(request, _("The draft is discarded."))
        else:
            ids = [int(v) for v in request.POST.getlist("flows") if v.isdigit()]
            published = services.publish_inventory_drafts(inventory, actor=request.user, flow_ids=ids)
            if published:
                count = len(published)
                messages.success(
                    request,
                    ngettext("%(count)d flow is published.", "%(count)d flows are published.", count)
                    % {"count": count},
                )
            else:
                messages.info(request, _("Tick the drafts to publish first."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("bourseflux:inventory_review", inventory.pk)
