"""Writes on company inventories: start one, save it as typed (to resume it later), turn it into
draft flows in one transaction (every row or none), then publish or discard the drafts.

Each row becomes a flow through `create_flow`, so the flow rules (`validate_flow_data`) are those
of any other flow; drafts entered on a company's behalf go to the company to confirm
(bourseflux.confirmation), all of an inventory's in one e-mail per member."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bourseflux.confirmation import invite_company_flows
from bourseflux.models import Flow, Inventory, InventoryDraft
from bourseflux.permissions import can_act_for, member_organisation_ids
from bourseflux.services.flows import create_flow, publish_flow
from circuito.accounts.models import Organisation
from circuito.audit.services import record

OUTPUT, INPUT = "output", "input"
DIRECTIONS = {OUTPUT: Flow.Direction.OFFER, INPUT: Flow.Direction.NEED}


@dataclass
class RowError:
    """What is wrong with one row: its place (0-based) in the form, the row field at fault
    (None for the row as a whole) and the message."""

    process: int
    row: int
    process_name: str
    field: str | None
    message: str


@dataclass
class InventoryInvalid(Exception):
    """Some rows cannot become flows; nothing was saved."""

    errors: list[RowError] = field(default_factory=list)


def language_of(organisation: Organisation) -> str:
    """The language a company writes in: Italian for Italian companies, else French."""
    return "it" if organisation.country == "IT" else "fr"


def _check(actor, inventory: Inventory) -> None:
    if not can_act_for(actor, inventory.organisation):
        raise PermissionDenied


@transaction.atomic
def start_inventory(*, actor, organisation: Organisation, language: str | None = None) -> Inventory:
    if not can_act_for(actor, organisation):
        raise PermissionDenied
    inventory = Inventory.objects.create(
        organisation=organisation, language=language or language_of(organisation), created_by=actor
    )
    record(actor, "inventory.start", inventory, {"organisation": organisation.legal_name})
    return inventory


def _open(inventory: Inventory, actor) -> Inventory:
    _check(actor, inventory)
    locked = Inventory.objects.select_for_update().select_related("organisation").get(pk=inventory.pk)
    if locked.status != Inventory.Status.OPEN:
        raise ValidationError(_("The drafts of this inventory are already created: review them instead."))
    return locked


@transaction.atomic
def save_inventory(inventory: Inventory, *, actor, processes: list[dict[str, Any]]) -> Inventory:
    """Keep the form as typed (rows may still be incomplete) so that it can be resumed."""
    inventory = _open(inventory, actor)
    inventory.processes = processes
    inventory.save(update_fields=["processes", "updated_at"])
    record(actor, "inventory.save", inventory, {"processes": len(processes)})
    return inventory


def flow_data(row: dict[str, Any], *, process: str, language: str, site: Any = None) -> dict[str, Any]:
    """The fields of `create_flow` for one row, its texts in the inventory's language."""
    with translation.override(language):
        origin = _("From the process “%(process)s” (company inventory).") % {"process": process}
    return {
        "direction": DIRECTIONS.get(row.get("direction"), ""),
        "nature": row.get("nature"),
        f"title_{language}": row.get("what"),
        f"description_{language}": origin,
        "ewc": row.get("ewc"),
        "category": row.get("category"),
        "physical_state": row.get("physical_state"),
        "quantity": row.get("quantity"),
        "unit": row.get("unit"),
        "frequency": row.get("frequency"),
        "months": row.get("months"),
        "site": site,
    }


# The flow's fields that a row of the inventory form shows under another name.
ROW_FIELD = {"title_fr": "what", "title_it": "what", "description_fr": None, "description_it": None}


def _row_errors(exc: ValidationError, p: int, r: int, name: str) -> list[RowError]:
    if not hasattr(exc, "error_dict"):
        return [RowError(p, r, name, None, message) for message in exc.messages]
    return [
        RowError(p, r, name, ROW_FIELD.get(flow_field, flow_field), message)
        for flow_field, messages in exc.message_dict.items()
        for message in messages
    ]


@transaction.atomic
def draft_inventory(
    inventory: Inventory, *, actor, processes: list[dict[str, Any]], snapshot: list[dict[str, Any]] | None = None
) -> list[Flow]:
    """Create a draft flow for every row of every process (outputs are offers, inputs needs), or
    none: InventoryInvalid lists each row's errors and the transaction is rolled back. Drafts a
    facilitator entered are sent to the company to confirm, after the commit only."""
    inventory = _open(inventory, actor)
    organisation, language = inventory.organisation, inventory.language
    errors: list[RowError] = []
    drafts: list[InventoryDraft] = []
    for p, process in enumerate(processes):
        for r, row in enumerate(process["rows"]):
            data = flow_data(row, process=process["name"], language=language, site=process.get("site"))
            try:
                with transaction.atomic():  # a failed row leaves the others usable for the check
                    flow = create_flow(actor=actor, organisation=organisation, data=data, invite=False)
            except ValidationError as exc:
                errors.extend(_row_errors(exc, p, r, process["name"]))
                continue
            drafts.append(InventoryDraft(inventory=inventory, flow=flow, process=process["name"], position=len(drafts)))
    if errors:
        raise InventoryInvalid(errors)
    if not drafts:
        raise ValidationError(_("Describe at least one input or output of a process before creating the drafts."))
    InventoryDraft.objects.bulk_create(drafts)
    inventory.processes = snapshot if snapshot is not None else inventory.processes
    inventory.status, inventory.drafted_at = Inventory.Status.DRAFTED, timezone.now()
    inventory.save(update_fields=["processes", "status", "drafted_at", "updated_at"])
    flow_ids = [d.flow_id for d in drafts]
    record(actor, "inventory.draft", inventory, {"flows": flow_ids})
    if organisation.pk not in member_organisation_ids(actor):
        # Entered on the company's behalf: its members are asked to confirm, in one e-mail for all.
        transaction.on_commit(lambda: invite_company_flows(flow_ids, actor.pk))
    return [d.flow for d in drafts]


def _draft_of(inventory: Inventory, flow_id: int) -> InventoryDraft:
    draft = InventoryDraft.objects.select_related("flow").filter(inventory=inventory, flow_id=flow_id).first()
    if draft is None:
        raise ValidationError(_("This flow is not one of the inventory’s drafts."))
    return draft


@transaction.atomic
def publish_inventory_drafts(inventory: Inventory, *, actor, flow_ids: list[int]) -> list[Flow]:
    """Publish the chosen drafts together: all of them, or none if one cannot be published."""
    _check(actor, inventory)
    published = []
    for flow_id in flow_ids:
        draft = _draft_of(inventory, flow_id)
        if draft.flow.status == Flow.Status.DRAFT:
            published.append(publish_flow(draft.flow, actor=actor))
    return published


@transaction.atomic
def discard_inventory_draft(inventory: Inventory, *, actor, flow_id: int) -> None:
    """Delete a draft the company does not want; a published flow is archived instead."""
    _check(actor, inventory)
    draft = _draft_of(inventory, flow_id)
    flow = Flow.objects.select_for_update().get(pk=draft.flow_id)
    if flow.status != Flow.Status.DRAFT:
        raise ValidationError(_("This flow is already published: archive it from its page instead."))
    record(actor, "inventory.discard", inventory, {"flow": flow.pk, "title": flow.title})
    flow.delete()
