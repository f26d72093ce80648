"""Writes on flows: post (for one's company, or as a facilitator on its behalf), change, publish,
archive, confirm an estimate. Every rule of a valid flow is a small named function listed in
`FLOW_RULES` and run by `validate_flow_data`, shared by the form, the API and imports; its
messages say what to fix."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bourseflux.confirmation import invite_company
from bourseflux.models import EwcCode, Flow, FlowAttachment, MaterialCategory, Site
from bourseflux.permissions import can_act_for, can_edit_flow, member_organisation_ids
from bourseflux.quantities import months_mask, yearly
from bourseflux.reference_lookup import category_for_ewc, format_ewc_code, profiles_for_nace
from bourseflux.services.attachments import files_removed_on_error, save_attachments
from bourseflux.services.sites import ensure_default_site
from bourseflux.uploads import check_uploads
from circuito.accounts.models import Organisation
from circuito.audit.services import diff, record
from circuito.nace.lookup import resolve_code
from circuito.nace.models import NaceActivity

FLOW_FIELDS = [
    "direction",
    "nature",
    "category",
    "ewc",
    "nace",
    "commercial_name",
    "title_fr",
    "title_it",
    "description_fr",
    "description_it",
    "physical_state",
    "quantity",
    "unit",
    "frequency",
    "season_mask",
    "packaging",
    "logistics",
    "price_kind",
    "price_eur",
    "price_unit",
    "quantity_visibility",
    "hide_company",
    "recovery_operation",
    "expires_on",
    "site",
]
OPERATIONS = [f"R{n}" for n in range(1, 14)] + [f"D{n}" for n in range(1, 16)]
# Above these yearly amounts (in the base unit) a single site's flow is a typing mistake.
MAX_YEARLY = {"t": 5e6, "m3": 5e7, "MWh": 1e7, "piece": 1e9, "pallet": 1e7, "h": 1e6, "m2": 1e8}
MAX_LENGTHS = {"title_fr": 150, "title_it": 150, "commercial_name": 150, "packaging": 150, "logistics": 250}
CHOICES = {
    "direction": Flow.Direction,
    "nature": Flow.Nature,
    "physical_state": Flow.State,
    "unit": Flow.Unit,
    "frequency": Flow.Frequency,
    "price_kind": Flow.Price,
    "quantity_visibility": Flow.Visibility,
    "price_unit": Flow.Unit,
}
DEFAULTS = {
    "price_kind": Flow.Price.UNSAID,
    "quantity_visibility": Flow.Visibility.MEMBERS,
    "season_mask": 4095,
    "hide_company": False,
}
STATE_BY_NATURE = {Flow.Nature.ENERGY: Flow.State.NOT_MATERIAL, Flow.Nature.CAPACITY: Flow.State.NOT_MATERIAL}


class _Errors(dict):
    def add(self, field: str, message: str) -> None:
        self.setdefault(field, []).append(message)


def _instance(model, value, errors: _Errors, field: str, message: str):
    if value in (None, ""):
        return None
    if isinstance(value, model):
        return value
    obj = model.objects.filter(pk=value).first() if str(value).isdigit() else None
    if obj is None:
        errors.add(field, message)
    return obj


def _ewc(value, errors: _Errors) -> EwcCode | None:
    if value in (None, "") or isinstance(value, EwcCode):
        return value or None
    digits = re.sub(r"\D", "", str(value))
    code = format_ewc_code(digits[:6]) if len(digits) >= 6 else str(value)
    ewc = EwcCode.objects.filter(code=code).first() if len(digits) == 6 else None
    if ewc is None and str(value).isdigit() and len(digits) != 6:
        ewc = EwcCode.objects.filter(pk=value).first()
    if ewc is None:
        errors.add(
            "ewc",
            _("The code %(code)s is not in the European List of Waste: pick a six-digit code from the list.")
            % {"code": code},
        )
    elif ewc.level != EwcCode.Level.ENTRY:
        errors.add(
            "ewc", _("%(code)s is a chapter or sub-chapter: pick a six-digit waste code in it.") % {"code": ewc.code}
        )
        return None
    return ewc


def _nace(value, errors: _Errors) -> NaceActivity | None:
    if value in (None, "") or isinstance(value, NaceActivity):
        return value or None
    activity = resolve_code(str(value)) or (
        NaceActivity.objects.filter(pk=value).first() if str(value).isdigit() else None
    )
    if activity is None:
        errors.add(
            "nace",
            _("The activity code %(code)s is unknown: pick the activity from the list (NACE, NAF or ATECO code).")
            % {"code": value},
        )
    return activity


def _category(value, errors: _Errors) -> MaterialCategory | None:
    if value in (None, "") or isinstance(value, MaterialCategory):
        return value or None
    category = MaterialCategory.objects.filter(code=str(value)).first() or (
        MaterialCategory.objects.filter(pk=value).first() if str(value).isdigit() else None
    )
    if category is None:
        errors.add("category", _("The category %(code)s does not exist: pick one from the list.") % {"code": value})
    return category


def _quantity(value, errors: _Errors) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        quantity = Decimal(str(value).replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        errors.add("quantity", _("Enter the quantity as a number, e.g. 12.5."))
        return None
    if not quantity.is_finite() or quantity <= 0:
        errors.add("quantity", _("The quantity must be more than zero: leave it empty if you do not know it yet."))
        return None
    return quantity.quantize(Decimal("0.001")) if quantity < Decimal("1e10") else quantity


def _price(value, errors: _Errors) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        price = Decimal(str(value).replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        errors.add("price_eur", _("Enter the price in euros as a number, e.g. 35 or 12.50."))
        return None
    if not price.is_finite() or price < 0:
        errors.add(
            "price_eur", _("A price cannot be negative: enter 0 or choose “Free”, and explain in the description.")
        )
        return None
    if price >= Decimal("1e10"):
        errors.add("price_eur", _("This price is too high to be right: check the amount and the unit."))
        return None
    return price.quantize(Decimal("0.01"))


def _check_choices(data: dict[str, Any], errors: _Errors) -> None:
    for field, choices in CHOICES.items():
        value = data.get(field)
        if value not in (None, "") and value not in choices.values:
            errors.add(
                field,
                _("“%(value)s” is not one of the choices: %(choices)s.")
                % {"value": value, "choices": ", ".join(str(label) for label in choices.labels)},
            )


@dataclass
class FlowDraft:
    """A flow being checked: the data as submitted, the values cleaned so far (rules normalise
    them in place) and the errors found, for `organisation` and the `flow` being changed (None
    when it is new)."""

    data: dict[str, Any]
    cleaned: dict[str, Any]
    errors: _Errors
    organisation: Organisation
    flow: Flow | None = None


def draft_flow(data: dict[str, Any], *, organisation: Organisation, flow: Flow | None = None) -> FlowDraft:
    """The flow's fields with their defaults and texts trimmed, before any rule runs."""
    cleaned: dict[str, Any] = {f: data.get(f) for f in FLOW_FIELDS}
    for field, default in DEFAULTS.items():
        if cleaned[field] in (None, ""):
            cleaned[field] = default
    for field in ("commercial_name", "title_fr", "title_it", "description_fr", "description_it", "packaging"):
        cleaned[field] = (cleaned[field] or "").strip()
    cleaned["logistics"] = (cleaned["logistics"] or "").strip()
    cleaned["hide_company"] = bool(cleaned["hide_company"])
    for field in ("unit", "frequency", "price_unit", "physical_state"):
        cleaned[field] = cleaned[field] or ""
    return FlowDraft(data=data, cleaned=cleaned, errors=_Errors(), organisation=organisation, flow=flow)


def validate_flow_data(data: dict[str, Any], *, organisation: Organisation, flow: Flow | None = None) -> dict:
    """The flow's fields, checked and normalised (codes resolved, category inferred, months as a
    mask, files checked under "attachments"), or ValidationError({field: [messages]}). The rules
    run in the order of FLOW_RULES, which is the order of the messages."""
    draft = draft_flow(data, organisation=organisation, flow=flow)
    for rule in FLOW_RULES:
        rule(draft)
    if draft.errors:
        raise ValidationError(dict(draft.errors))
    return draft.cleaned


def choices_known(draft: FlowDraft) -> None:
    _check_choices(draft.cleaned, draft.errors)


def direction_given(draft: FlowDraft) -> None:
    if not draft.cleaned["direction"]:
        draft.errors.add("direction", _("Say whether you offer this flow or need it."))


def nature_given(draft: FlowDraft) -> None:
    if not draft.cleaned["nature"]:
        draft.errors.add(
            "nature", _("Pick the nature of the flow: by-product, waste, material, energy, water or capacity.")
        )


def title_given(draft: FlowDraft) -> None:
    """One language at least, either one."""
    if not (draft.cleaned["title_fr"] or draft.cleaned["title_it"]):
        draft.errors.add("title_fr", _("Give a title in French or in Italian (or both)."))


def texts_within_limits(draft: FlowDraft) -> None:
    for field, limit in MAX_LENGTHS.items():
        length = len(draft.cleaned[field])
        if length > limit:
            draft.errors.add(
                field,
                _("This text has %(length)d characters: keep it to %(limit)d.") % {"length": length, "limit": limit},
            )


def ewc_code_known(draft: FlowDraft) -> None:
    draft.cleaned["ewc"] = _ewc(draft.cleaned["ewc"], draft.errors)


def activity_code_known(draft: FlowDraft) -> None:
    draft.cleaned["nace"] = _nace(draft.cleaned["nace"], draft.errors)


def waste_has_ewc_code(draft: FlowDraft) -> None:
    """Waste is described by its EWC code (an unknown code already has its message)."""
    if draft.cleaned["nature"] == Flow.Nature.WASTE and draft.cleaned["ewc"] is None and "ewc" not in draft.errors:
        draft.errors.add(
            "ewc",
            _("A waste needs its EWC code (European List of Waste): type its six digits or words of its label."),
        )


def by_product_has_no_ewc_code(draft: FlowDraft) -> None:
    """By-products are not waste, so they carry no waste code (a hazardous one even less)."""
    ewc = draft.cleaned["ewc"]
    if draft.cleaned["nature"] != Flow.Nature.BY_PRODUCT or ewc is None:
        return
    if ewc.hazardous:
        draft.errors.add(
            "ewc",
            _(
                "%(code)s* is a hazardous waste code: a by-product cannot be hazardous waste. "
                "Declare the flow as waste, or remove the code."
            )
            % {"code": ewc.code},
        )
    else:
        draft.errors.add(
            "ewc",
            _(
                "By-products carry no EWC code: remove it and describe the by-product by the activity "
                "that produces it and its commercial name (or declare the flow as waste)."
            ),
        )


def no_ewc_code_without_matter(draft: FlowDraft) -> None:
    nature = draft.cleaned["nature"]
    if nature in (Flow.Nature.ENERGY, Flow.Nature.WATER, Flow.Nature.CAPACITY) and draft.cleaned["ewc"] is not None:
        draft.errors.add(
            "ewc", _("Only waste and materials carry an EWC code: remove it for energy, water or capacity.")
        )


def _by_product_offer(draft: FlowDraft) -> bool:
    return draft.cleaned["nature"] == Flow.Nature.BY_PRODUCT and draft.cleaned["direction"] == Flow.Direction.OFFER


def by_product_offer_has_activity(draft: FlowDraft) -> None:
    """The list describes offered by-products by the producing activity: the organisation's own
    activity when none is given."""
    if not _by_product_offer(draft) or "nace" in draft.errors:
        return
    if draft.cleaned["nace"] is None:
        draft.cleaned["nace"] = draft.organisation.nace
    if draft.cleaned["nace"] is None:
        draft.errors.add(
            "nace",
            _(
                "Pick the activity that produces this by-product (NACE, NAF or ATECO code): the list describes "
                "by-products by it."
            ),
        )


def by_product_offer_named(draft: FlowDraft) -> None:
    """An offered by-product's commercial name defaults to its title."""
    if _by_product_offer(draft) and not draft.cleaned["commercial_name"]:
        draft.cleaned["commercial_name"] = draft.cleaned["title_fr"] or draft.cleaned["title_it"]


def operation_known_for_waste(draft: FlowDraft) -> None:
    operation = re.sub(r"\s", "", str(draft.cleaned["recovery_operation"] or "")).upper()
    draft.cleaned["recovery_operation"] = operation
    if operation and draft.cleaned["nature"] != Flow.Nature.WASTE:
        draft.errors.add(
            "recovery_operation", _("The recovery or disposal operation (R/D) applies to waste only: leave it empty.")
        )
    elif operation and operation not in OPERATIONS:
        draft.errors.add(
            "recovery_operation",
            _("%(value)s is not an operation: pick R1 to R13 or D1 to D15.") % {"value": operation},
        )


def category_known_or_inferred(draft: FlowDraft) -> None:
    """Required; inferred from the waste code, else from the activity's typical flows."""
    cleaned = draft.cleaned
    category = cleaned["category"] = _category(cleaned["category"], draft.errors)
    if category is not None or "category" in draft.errors:
        return
    if cleaned["ewc"] is not None:
        category = category_for_ewc(cleaned["ewc"])
    elif cleaned["nace"] is not None and cleaned["direction"]:
        profile = profiles_for_nace(cleaned["nace"].code).filter(direction=cleaned["direction"]).first()
        category = profile.category if profile else None
    cleaned["category"] = category
    if category is None:
        draft.errors.add("category", _("Pick the category that best describes the material."))


def physical_state_given(draft: FlowDraft) -> None:
    """Energy and capacity are not material; other natures need their state."""
    if draft.cleaned["physical_state"]:
        return
    draft.cleaned["physical_state"] = STATE_BY_NATURE.get(draft.cleaned["nature"], "")
    if not draft.cleaned["physical_state"]:
        draft.errors.add("physical_state", _("Pick the physical state: solid, powder, paste, liquid or gas."))


def quantity_plausible(draft: FlowDraft) -> None:
    """A quantity, when given, has its unit and frequency and a yearly amount one site can handle."""
    cleaned, errors = draft.cleaned, draft.errors
    quantity = cleaned["quantity"] = _quantity(cleaned["quantity"], errors)
    if quantity is None:
        return
    if not cleaned["unit"]:
        errors.add("unit", _("Choose the unit of the quantity (tonnes, m³, MWh…)."))
    if not cleaned["frequency"]:
        errors.add("frequency", _("Say how often this quantity comes: once, per day, per week, per month or per year."))
    if "unit" in errors or "frequency" in errors:
        return
    per_year, base = yearly(quantity, cleaned["unit"], cleaned["frequency"])
    if quantity >= Decimal("1e10") or (per_year is not None and per_year > MAX_YEARLY.get(base, 1e9)):
        errors.add(
            "quantity",
            _(
                "%(quantity)s %(unit)s %(frequency)s makes about %(yearly)s %(base)s a year, far more than one site "
                "handles: check the quantity, the unit (kilograms or tonnes?) and the frequency."
            )
            % {
                "quantity": f"{quantity.normalize():f}",
                "unit": Flow.Unit(cleaned["unit"]).label,
                "frequency": Flow.Frequency(cleaned["frequency"]).label,
                "yearly": f"{per_year:,.0f}".replace(",", " ") if per_year is not None else "?",
                "base": base,
            },
        )


def price_consistent(draft: FlowDraft) -> None:
    """A priced flow has its amount and what it is per; other price options carry no amount."""
    cleaned, errors = draft.cleaned, draft.errors
    price = _price(cleaned["price_eur"], errors)
    if cleaned["price_kind"] == Flow.Price.PRICED:
        if price is None and "price_eur" not in errors:
            errors.add("price_eur", _("Enter the price in euros, or choose another price option."))
        cleaned["price_unit"] = cleaned["price_unit"] or cleaned["unit"]
        if not cleaned["price_unit"] and "price_eur" not in errors:
            errors.add("price_unit", _("Say what the price is per (tonne, m³, piece…)."))
        cleaned["price_eur"] = price
    else:  # a price given with "free" or "to negotiate" would contradict it
        cleaned["price_eur"], cleaned["price_unit"] = None, ""


def months_ticked(draft: FlowDraft) -> None:
    months = draft.data.get("months")
    if months is not None:
        draft.cleaned["season_mask"] = months_mask([int(m) for m in months])
    mask = draft.cleaned["season_mask"]
    if not isinstance(mask, int) or not 1 <= mask <= 4095:
        draft.errors.add("months", _("Tick the months when the flow is available (none ticked means all year)."))


def expiry_in_future(draft: FlowDraft) -> None:
    """A date, in the future unless it is the one the flow already has."""
    expires_on = draft.cleaned["expires_on"]
    if isinstance(expires_on, str) and expires_on:
        try:
            expires_on = datetime.date.fromisoformat(expires_on)
        except ValueError:
            draft.errors.add("expires_on", _("Enter the expiry date as a date, e.g. 2026-12-31."))
            expires_on = None
    expires_on = draft.cleaned["expires_on"] = expires_on or None
    unchanged = draft.flow is not None and draft.flow.expires_on == expires_on
    if expires_on and expires_on <= timezone.localdate() and not unchanged:
        draft.errors.add(
            "expires_on",
            _("The expiry date %(date)s is not in the future: pick a later date, or leave it empty.")
            % {"date": expires_on.isoformat()},
        )


def site_of_organisation(draft: FlowDraft) -> None:
    """The site is one of the organisation's; without one, the organisation must be placed somewhere."""
    organisation, errors = draft.organisation, draft.errors
    site = draft.cleaned["site"] = _instance(
        Site, draft.cleaned["site"], errors, "site", _("Pick one of the sites in the list.")
    )
    if site is not None and site.organisation_id != organisation.pk:
        errors.add(
            "site",
            _("This site belongs to another organisation: pick one of the sites of %(name)s.")
            % {"name": organisation.legal_name},
        )
    elif site is None and "site" not in errors and organisation.commune_id is None and not organisation.sites.exists():
        errors.add(
            "site",
            _("%(name)s has no site yet and no commune: add a site first (its commune places the flow on the map).")
            % {"name": organisation.legal_name},
        )


def attachments_accepted(draft: FlowDraft) -> None:
    """Photos and documents of accepted types and sizes, within the count left for the flow."""
    photos, documents = draft.data.get("photos") or [], draft.data.get("documents") or []
    flow = draft.flow
    already = flow.attachments.count() if flow is not None and flow.pk else 0
    try:
        draft.cleaned["attachments"] = check_uploads(photos, documents, already=already)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            for message in messages:
                draft.errors.add(field, message)


# The order of the rules is the order of the messages; a rule may rely on the values cleaned by
# the rules before it (the codes resolved before the checks on them and the category inference).
FLOW_RULES: tuple[Callable[[FlowDraft], None], ...] = (
    choices_known,
    direction_given,
    nature_given,
    title_given,
    texts_within_limits,
    ewc_code_known,
    activity_code_known,
    waste_has_ewc_code,
    by_product_has_no_ewc_code,
    no_ewc_code_without_matter,
    by_product_offer_has_activity,
    by_product_offer_named,
    operation_known_for_waste,
    category_known_or_inferred,
    physical_state_given,
    quantity_plausible,
    price_consistent,
    months_ticked,
    expiry_in_future,
    site_of_organisation,
    attachments_accepted,
)


def _model_fields(cleaned: dict[str, Any]) -> dict[str, Any]:
    return {f: cleaned[f] for f in FLOW_FIELDS if f != "site"}


@transaction.atomic
def create_flow(*, actor, organisation: Organisation, data: dict, publish: bool = False, invite: bool = True) -> Flow:
    """Post a flow for `organisation`: by one of its members, or by a facilitator on its behalf
    (the facilitator is the actor and recorded as the author). Flow and files are saved together.
    `invite=False` when the caller groups the company's invitations itself (bulk imports)."""
    if not can_act_for(actor, organisation):
        raise PermissionDenied
    cleaned = validate_flow_data(data, organisation=organisation)
    stored: list[FlowAttachment] = []
    with files_removed_on_error(stored):
        site = cleaned["site"] or ensure_default_site(organisation)
        flow = Flow(organisation=organisation, site=site, created_by=actor, **_model_fields(cleaned))
        if organisation.pk in member_organisation_ids(actor):
            # Entered by the company itself: nothing to confirm.
            flow.company_confirmed_at, flow.company_confirmed_by = timezone.now(), actor
        if publish:
            flow.status, flow.published_at = Flow.Status.PUBLISHED, timezone.now()
        flow.save()
        save_attachments(flow, cleaned["attachments"], actor=actor, stored=stored)
        changes = {f: cleaned[f] for f in FLOW_FIELDS if cleaned[f] not in (None, "")}
        changes["organisation"] = organisation.pk
        if organisation.pk not in member_organisation_ids(actor):
            changes["on_behalf_of"] = organisation.legal_name
            # The company is asked to confirm or correct what was entered for it.
            if invite:
                transaction.on_commit(lambda: invite_company(flow.pk, actor.pk))
        record(actor, "flow.create", flow, changes)
        if publish:
            record(actor, "flow.publish", flow, {"status": [Flow.Status.DRAFT, Flow.Status.PUBLISHED]})
    return flow


def _locked(flow: Flow, actor) -> Flow:
    if not can_edit_flow(actor, flow):
        raise PermissionDenied
    return (
        Flow.objects.select_for_update(of=("self",))
        .select_related("organisation", "site__commune__department", "category", "ewc", "nace")
        .get(pk=flow.pk)
    )


@transaction.atomic
def update_flow(flow: Flow, *, actor, data: dict) -> Flow:
    """Change the fields given in `data` (the others keep their values); files are added."""
    flow = _locked(flow, actor)
    before = {f: getattr(flow, f) for f in FLOW_FIELDS}
    cleaned = validate_flow_data({**before, **data}, organisation=flow.organisation, flow=flow)
    stored: list[FlowAttachment] = []
    with files_removed_on_error(stored):
        for field in FLOW_FIELDS:
            setattr(flow, field, cleaned[field])
        if cleaned["site"] is None:
            flow.site = before["site"]
        changes = diff(flow, before, FLOW_FIELDS)
        if changes:
            flow.save(update_fields=[*changes, "updated_at"])
            record(actor, "flow.update", flow, changes)
        save_attachments(flow, cleaned["attachments"], actor=actor, stored=stored)
    return flow


@transaction.atomic
def publish_flow(flow: Flow, *, actor) -> Flow:
    flow = _locked(flow, actor)
    if flow.status == Flow.Status.PUBLISHED:
        return flow
    if flow.expires_on and flow.expires_on <= timezone.localdate():
        raise ValidationError(
            {
                "expires_on": _("This flow expired on %(date)s: change its expiry date before publishing it again.")
                % {"date": flow.expires_on.isoformat()}
            }
        )
    if flow.nature == Flow.Nature.WASTE and flow.ewc_id is None:
        raise ValidationError({"ewc": _("A waste needs its EWC code before it is published: edit the flow first.")})
    old = flow.status
    flow.status, flow.published_at = Flow.Status.PUBLISHED, timezone.now()
    flow.save(update_fields=["status", "published_at", "updated_at"])
    record(actor, "flow.publish", flow, {"status": [old, flow.status]})
    return flow


@transaction.atomic
def archive_flow(flow: Flow, *, actor) -> Flow:
    flow = _locked(flow, actor)
    if flow.status == Flow.Status.ARCHIVED:
        return flow
    old = flow.status
    flow.status = Flow.Status.ARCHIVED
    flow.save(update_fields=["status", "updated_at"])
    record(actor, "flow.archive", flow, {"status": [old, flow.status]})
    return flow


@transaction.atomic
def confirm_estimate(flow: Flow, *, actor) -> Flow:
    """The company confirms a flow inferred from its activity: it stops being an estimate."""
    flow = _locked(flow, actor)
    if not flow.is_estimate:
        return flow
    flow.is_estimate = False
    flow.save(update_fields=["is_estimate", "updated_at"])
    record(actor, "flow.confirm_estimate", flow, {"is_estimate": [True, False]})
    return flow
