"""Writes on the deal a synergy leads to: its record, its documents, the quantities actually
exchanged. Each checks who acts (the two parties and facilitators), validates with messages that
say what to fix, saves inside one transaction and writes the audit entry."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bourseflux import impact
from bourseflux.models import ActualQuantity, EwcCode, Flow, Synergy, Transaction, TransactionDocument
from bourseflux.permissions import can_see_synergy
from bourseflux.quantities import UNIT_BASE
from bourseflux.services.attachments import files_removed_on_error
from bourseflux.uploads import PHOTO_TYPES, CheckedFile, check_document, check_photo
from circuito.audit.services import diff, record
from circuito.files import file_kind

# A deal is recorded once the companies try or carry out the exchange.
RECORDABLE_STAGES = (Synergy.Stage.TRIAL, Synergy.Stage.IMPLEMENTED)
MAX_QUANTITY = Decimal("1e10")
MAX_DOCUMENTS = 20
RECORD_FIELDS = [
    "material",
    "ewc",
    "quantity",
    "unit",
    "period",
    "pricing",
    "price_eur",
    "starts_on",
    "ends_on",
    "logistics",
    "transport",
    "carrier",
]


def can_record(user, synergy: Synergy) -> bool:
    """The parties and facilitators see and write the deal (those who see the synergy)."""
    return can_see_synergy(user, synergy)


def _decimal(value: Any, field: str, message: str, *, places: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ".")).quantize(Decimal(places))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: message}) from None
    if not number.is_finite() or number < 0 or number >= MAX_QUANTITY:
        raise ValidationError({field: message})
    return number


def _date(value: Any, field: str, message: str) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ValidationError({field: message}) from None


def _choice(value: Any, choices, field: str, message: str) -> str:
    if value not in choices.values:
        raise ValidationError({field: message})
    return value


def _ewc(value: Any) -> EwcCode | None:
    if value in (None, ""):
        return None
    if isinstance(value, EwcCode):
        return value
    code = EwcCode.objects.filter(code=str(value).strip(), level=3).first()
    if code is None:
        raise ValidationError({"ewc": _("Unknown EWC code: give a six-digit code such as 02 03 04.")})
    return code


def validate_transaction_data(data: dict[str, Any]) -> dict[str, Any]:
    """The record's fields, cleaned; a ValidationError lists every field to fix at once."""
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, Any] = {}

    def take(field: str, clean) -> None:
        try:
            cleaned[field] = clean()
        except ValidationError as exc:
            errors.setdefault(field, []).extend(exc.messages)

    material = str(data.get("material") or "").strip()
    if not material or len(material) > 200:
        errors["material"] = [_("Name the material exchanged (up to 200 characters).")]
    cleaned["material"] = material
    take("ewc", lambda: _ewc(data.get("ewc")))
    take(
        "quantity",
        lambda: _decimal(
            data.get("quantity"), "quantity", _("Enter the agreed quantity as a number above 0."), places="0.001"
        ),
    )
    if "quantity" in cleaned and not cleaned["quantity"]:
        errors.setdefault("quantity", []).append(_("Enter the agreed quantity as a number above 0."))
    take("unit", lambda: _choice(data.get("unit"), Flow.Unit, "unit", _("Choose the unit of the quantity.")))
    take(
        "period",
        lambda: _choice(
            data.get("period"), Transaction.Period, "period", _("Choose the period the quantity is agreed for.")
        ),
    )
    take(
        "pricing",
        lambda: _choice(data.get("pricing"), Transaction.Pricing, "pricing", _("Say whether the material is free.")),
    )
    take(
        "price_eur",
        lambda: _decimal(
            data.get("price_eur"), "price_eur", _("Enter the price per unit in euros, e.g. 12.50."), places="0.01"
        ),
    )
    if cleaned.get("pricing") == Transaction.Pricing.PRICED and cleaned.get("price_eur") is None:
        errors.setdefault("price_eur", []).append(_("Enter the price per unit, or choose “Free of charge”."))
    if cleaned.get("pricing") == Transaction.Pricing.FREE:
        cleaned["price_eur"] = None
    take("starts_on", lambda: _date(data.get("starts_on"), "starts_on", _("Enter the start date as YYYY-MM-DD.")))
    if "starts_on" in cleaned and cleaned["starts_on"] is None:
        errors.setdefault("starts_on", []).append(_("Enter the date the exchange starts."))
    take("ends_on", lambda: _date(data.get("ends_on"), "ends_on", _("Enter the end date as YYYY-MM-DD.")))
    if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
        errors.setdefault("ends_on", []).append(_("The end comes before the start: correct one of the two dates."))
    take(
        "logistics",
        lambda: _choice(data.get("logistics"), Transaction.Logistics, "logistics", _("Say who carries the material.")),
    )
    take(
        "transport",
        lambda: _choice(data.get("transport"), Synergy.Transport, "transport", _("Choose how the material travels.")),
    )
    carrier = str(data.get("carrier") or "").strip()
    if len(carrier) > 150:
        errors["carrier"] = [_("Keep the carrier's name under 150 characters.")]
    elif not carrier and cleaned.get("logistics") == Transaction.Logistics.CARRIER:
        errors["carrier"] = [_("Name the carrier that carries the material.")]
    cleaned["carrier"] = carrier
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def record_transaction(synergy: Synergy, *, actor, data: dict[str, Any]) -> Transaction:
    """Record the deal of `synergy`, or correct it (its actual quantities are recomputed)."""
    if not can_record(actor, synergy):
        raise PermissionDenied
    synergy = Synergy.objects.select_for_update().select_related("offer", "need").get(pk=synergy.pk)
    if synergy.stage not in RECORDABLE_STAGES:
        raise ValidationError(
            _("The deal is recorded once the synergy reaches the trial or is implemented: move it there first.")
        )
    cleaned = validate_transaction_data(data)
    deal = Transaction.objects.filter(synergy=synergy).first()
    if deal is None:
        deal = Transaction(
            synergy=synergy,
            supplier_id=synergy.offer.organisation_id,
            receiver_id=synergy.need.organisation_id,
            nace_id=synergy.offer.nace_id,
            created_by=actor,
            **cleaned,
        )
        try:
            with transaction.atomic():  # two parties saving at once: the second corrects the first
                deal.save()
        except IntegrityError:
            deal = Transaction.objects.get(synergy=synergy)
        else:
            record(actor, "transaction.create", deal, {f: cleaned[f] for f in RECORD_FIELDS if cleaned[f] is not None})
            return deal
    before = {f: getattr(deal, f) for f in RECORD_FIELDS}
    for name, value in cleaned.items():
        setattr(deal, name, value)
    changes = diff(deal, before, RECORD_FIELDS)
    if changes:
        deal.save(update_fields=[*changes, "updated_at"])
        for actual in deal.actuals.all():
            _derive(actual, deal)
            actual.save(update_fields=["tonnes", "amount_eur", "co2e_avoided_t"])
        record(actor, "transaction.update", deal, changes)
    return deal


def _derive(actual: ActualQuantity, deal: Transaction) -> None:
    """Tonnes (for a mass unit), euros at the agreed price and CO2e avoided by one period's quantity."""
    base, factor = UNIT_BASE.get(deal.unit, ("", 0.0))
    actual.tonnes = float(actual.quantity) * factor if base == "t" else None
    actual.amount_eur = (
        (actual.quantity * deal.price_eur).quantize(Decimal("0.01")) if deal.price_eur is not None else Decimal("0")
    )
    synergy = deal.synergy
    category = synergy.offer.category_root.code if synergy.offer.category_root_id else None
    actual.co2e_avoided_t = (
        impact.co2e_avoided_t(actual.tonnes, category, deal.transport, synergy.distance_km) if actual.tonnes else 0.0
    )


@transaction.atomic
def record_actual_quantity(
    deal: Transaction, *, actor, period_start: Any, period_end: Any, quantity: Any
) -> ActualQuantity:
    """Record (or correct) what was exchanged over one period of the deal."""
    if not can_record(actor, deal.synergy):
        raise PermissionDenied
    deal = Transaction.objects.select_for_update().select_related("synergy__offer__category_root").get(pk=deal.pk)
    start = _date(period_start, "period_start", _("Enter the first day of the period as YYYY-MM-DD."))
    end = _date(period_end, "period_end", _("Enter the last day of the period as YYYY-MM-DD."))
    amount = _decimal(quantity, "quantity", _("Enter the quantity exchanged as a number of 0 or more."), places="0.001")
    errors: dict[str, str] = {}
    if start is None:
        errors["period_start"] = _("Enter the first day of the period.")
    if end is None:
        errors["period_end"] = _("Enter the last day of the period.")
    if amount is None:
        errors["quantity"] = _("Enter the quantity exchanged (0 if nothing was exchanged).")
    if not errors:
        if end < start:
            errors["period_end"] = _("The period ends before it starts: correct one of the two dates.")
        elif start < deal.starts_on or (deal.ends_on and end > deal.ends_on):
            errors["period_start"] = _("The period lies outside the deal (%(start)s – %(end)s): check the dates.") % {
                "start": deal.starts_on.isoformat(),
                "end": deal.ends_on.isoformat() if deal.ends_on else "…",
            }
        elif start > timezone.localdate():
            errors["period_start"] = _("The period has not started yet: record it once the material is exchanged.")
        elif deal.actuals.exclude(period_start=start).filter(period_start__lte=end, period_end__gte=start).exists():
            errors["period_start"] = _("This period overlaps one already recorded: correct that one instead.")
    if errors:
        raise ValidationError(errors)
    actual = ActualQuantity.objects.filter(transaction=deal, period_start=start).first()
    action = "transaction.actual_update" if actual else "transaction.actual_create"
    before = {"period_end": actual.period_end, "quantity": actual.quantity} if actual else {}
    actual = actual or ActualQuantity(transaction=deal, period_start=start)
    actual.period_end, actual.quantity, actual.entered_by = end, amount, actor
    _derive(actual, deal)
    actual.save()
    changes = diff(actual, before, ["period_end", "quantity"]) if before else {"quantity": amount, "period_end": end}
    record(actor, action, deal, {"period_start": start, **changes})
    return actual


def check_transaction_document(file: UploadedFile) -> CheckedFile:
    """A PDF (up to 10 MB) or a photo of a paper document (JPEG, PNG, WebP up to 5 MB)."""
    return check_photo(file) if file_kind(file) in PHOTO_TYPES else check_document(file)


def add_document(deal: Transaction, *, actor, kind: str, file: UploadedFile) -> TransactionDocument:
    if not can_record(actor, deal.synergy):
        raise PermissionDenied
    if kind not in TransactionDocument.Kind.values:
        raise ValidationError({"kind": _("Choose what the document is: contract, transport document or declaration.")})
    try:
        checked = check_transaction_document(file)
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from None
    stored: list[TransactionDocument] = []
    with files_removed_on_error(stored), transaction.atomic():
        if TransactionDocument.objects.select_for_update().filter(transaction=deal).count() >= MAX_DOCUMENTS:
            message = _("A deal holds at most %(max)d documents: remove some before adding others.")
            raise ValidationError({"file": message % {"max": MAX_DOCUMENTS}})
        document = TransactionDocument(
            transaction=deal,
            kind=kind,
            name=checked.name[:200],
            content_type=checked.content_type,
            size=checked.size,
            uploaded_by=actor,
        )
        checked.file.seek(0)
        document.file.save(checked.name, checked.file, save=False)
        stored.append(document)
        document.save()
        record(actor, "transaction.document", deal, {"kind": kind, "file": document.name})
    return document
