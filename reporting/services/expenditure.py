"""Writes to expenditure: partners record draft lines (with a supporting document) and declare a
period's lines in one go; lead partner staff set budgets per cost category and co-financing
rates. A line over the category's budget is saved but flagged (the warning is returned)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from circuito.accounts.models import Organisation
from circuito.audit.services import diff, record, snapshot
from circuito.files import file_kind, megabytes
from reporting import periods, permissions
from reporting.models import CostCategory, ExpenditureLine, PartnerBudget, PartnerFinance
from reporting.permissions_expenditure import entering_organisation
from reporting.selectors_expenditure import category_budget, category_total
from reporting.uploads import MAX_BYTES

RATE_PLACES = Decimal("0.0001")
LINE_FIELDS = ["period", "category", "date_incurred", "description", "amount", "document_name"]


@dataclass(frozen=True)
class SavedLine:
    line: ExpenditureLine
    warning: str  # "" unless the category is now over budget


def started_period(index: int | None, *, field: str = "period") -> periods.Period:
    """The semester `index`, refused when it does not exist or has not started yet."""
    period = periods.semester(index) if index else None
    if period is None:
        raise ValidationError({field: _("Choose one of the project's reporting periods.")})
    if period.start > periods.today():
        raise ValidationError(
            {
                field: _(
                    "%(period)s has not started yet (it starts on %(start)s): it cannot be reported on before then."
                )
                % {"period": period.label, "start": formats.date_format(period.start, "SHORT_DATE_FORMAT")}
            }
        )
    return period


def require_own_partner(actor, partner: Organisation) -> None:
    """Only the partner's staff (or its implementing body's) record its expenditure and forms."""
    permissions.require_staff(actor)
    if partner.pk not in permissions.partner_ids(actor):
        raise PermissionDenied


def _date_label(day: datetime.date) -> str:
    return formats.date_format(day, "SHORT_DATE_FORMAT")


def over_budget_warning(partner: Organisation, category: str) -> str:
    """The warning shown when the partner's declared plus draft amount in `category` exceeds its
    budget; "" otherwise."""
    budget = category_budget(partner.pk, category)
    total = category_total(partner.pk, category)
    if total <= budget:
        return ""
    return _(
        "Over budget: %(partner)s has now recorded %(total)s € in “%(category)s” for a budget of %(budget)s €. "
        "The line is saved; explain the difference to the lead partner or ask for a budget change."
    ) % {
        "partner": partner.partner_code,
        "total": formats.number_format(total, 2, use_l10n=True, force_grouping=True),
        "category": CostCategory(category).label,
        "budget": formats.number_format(budget, 2, use_l10n=True, force_grouping=True),
    }


def check_supporting_document(file) -> str:
    """The file's clean name if it is a PDF, JPEG, PNG or XLSX file (read from its first bytes)
    of at most 10 MB; ValidationError on the "document" field otherwise."""
    name = (file.name or "document").replace("\\", "/").rsplit("/", 1)[-1][:150]
    if file.size > MAX_BYTES:
        raise ValidationError(
            {
                "document": _(
                    "The file %(name)s weighs %(size)s MB: the limit is 10 MB. Reduce its size and attach it again."
                )
                % {"name": name, "size": megabytes(file.size)}
            }
        )
    kind = file_kind(file)
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if kind in ("pdf", "jpeg", "png") or (kind == "zip" and extension == "xlsx"):
        return name
    raise ValidationError(
        {
            "document": _(
                "The file %(name)s is not a PDF, a JPEG or PNG image or an XLSX spreadsheet: "
                "save it in one of these formats and attach it again."
            )
            % {"name": name}
        }
    )


def _validate(period_index, category, date_incurred, description, amount) -> None:
    errors: dict[str, str] = {}
    period = None
    try:
        period = started_period(period_index)
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
    if category not in CostCategory.values:
        errors["category"] = _("Choose a cost category.")
    if amount is None or amount <= 0:
        errors["amount"] = _("Enter an amount greater than zero, in euros: expenditure cannot be negative.")
    if not (description or "").strip():
        errors["description"] = _("Describe the expenditure (what was bought or paid for).")
    if date_incurred is None:
        errors["date_incurred"] = _("Enter the date the expenditure was incurred.")
    elif period is not None and date_incurred not in period:
        errors["date_incurred"] = _(
            "The date %(date)s is outside %(period)s, which runs from %(start)s to %(end)s: "
            "correct the date or choose the period it belongs to."
        ) % {
            "date": _date_label(date_incurred),
            "period": period.label,
            "start": _date_label(period.start),
            "end": _date_label(period.end),
        }
    elif date_incurred > periods.today():
        errors["date_incurred"] = _("The date %(date)s is in the future: only expenditure already incurred counts.") % {
            "date": _date_label(date_incurred)
        }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_line(
    line: ExpenditureLine | None,
    *,
    partner: Organisation,
    period: int,
    category: str,
    date_incurred: datetime.date,
    description: str,
    amount: Decimal,
    document=None,
    actor,
) -> SavedLine:
    """Create (line None) or change a draft line of `partner`. `document`: a new uploaded file
    replacing the current one, or None to keep it."""
    require_own_partner(actor, partner)
    creating = line is None
    if not creating:
        line = ExpenditureLine.objects.select_for_update().get(pk=line.pk)
        if line.partner_id != partner.pk:
            raise PermissionDenied
        if line.status != ExpenditureLine.Status.DRAFT:
            raise ValidationError(_("This line has been declared: it can no longer be changed."))
    _validate(period, category, date_incurred, description, amount)
    document_name = check_supporting_document(document) if document else None
    if creating:
        line = ExpenditureLine(
            partner=partner, entered_by_organisation=entering_organisation(actor, partner), created_by=actor
        )
    before = snapshot(line, LINE_FIELDS)
    line.period = period
    line.category = category
    line.date_incurred = date_incurred
    line.description = description.strip()
    line.amount = amount
    old_file = None
    if document_name:
        old_file = line.document.name if line.document else None
        line.document.save(document_name, document, save=False)
        line.document_name = document_name
    line.save()
    if old_file:
        storage = line.document.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    record(
        actor,
        "reporting.expenditure_create" if creating else "reporting.expenditure_update",
        line,
        diff(line, before, LINE_FIELDS),
    )
    return SavedLine(line, over_budget_warning(partner, category))


@transaction.atomic
def delete_line(line: ExpenditureLine, *, actor) -> None:
    require_own_partner(actor, line.partner)
    line = ExpenditureLine.objects.select_for_update().get(pk=line.pk)
    if line.status != ExpenditureLine.Status.DRAFT:
        raise ValidationError(_("This line has been declared: it can no longer be deleted."))
    record(actor, "reporting.expenditure_delete", line, {"amount": line.amount, "period": line.period})
    name, storage = line.document.name, line.document.storage
    line.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def declare_period(partner: Organisation, period: int, *, actor) -> int:
    """Declare every draft line of the partner in the period (draft → declared), all or none.
    Returns the number of lines declared."""
    require_own_partner(actor, partner)
    semester = started_period(period)
    drafts = list(
        ExpenditureLine.objects.select_for_update()
        .filter(partner=partner, period=period, status=ExpenditureLine.Status.DRAFT)
        .order_by("pk")
    )
    if not drafts:
        raise ValidationError(_("There is no draft line to declare in %(period)s.") % {"period": semester.label})
    wrong = [line for line in drafts if line.date_incurred not in semester or line.amount <= 0]
    if wrong:
        raise ValidationError(
            _("Nothing was declared: correct the lines dated outside %(period)s or with no amount first.")
            % {"period": semester.label}
        )
    now = timezone.now()
    ExpenditureLine.objects.filter(pk__in=[line.pk for line in drafts]).update(
        status=ExpenditureLine.Status.DECLARED, declared_at=now, updated_at=now
    )
    total = sum((line.amount for line in drafts), Decimal("0"))
    record(
        actor,
        "reporting.expenditure_declare",
        partner,
        {"period": period, "lines": [line.pk for line in drafts], "total": str(total)},
    )
    return len(drafts)


@transaction.atomic
def save_budget(
    partner: Organisation,
    *,
    amounts: dict[str, Decimal],
    erdf_rate: Decimal,
    national_rate: Decimal,
    actor,
) -> None:
    """Budgets per cost category and co-financing rates (fractions, 0.85 for 85 %) of a partner.
    Lead partner staff only."""
    permissions.require_lead(actor)
    errors: dict[str, str] = {}
    for category, amount in amounts.items():
        if category not in CostCategory.values:
            errors[category] = _("Unknown cost category.")
        elif amount is None or amount < 0:
            errors[category] = _("A budget cannot be negative: enter 0 or more.")
    for name, value in (("erdf_rate", erdf_rate), ("national_rate", national_rate)):
        if value is None or not Decimal("0") <= value <= Decimal("1"):
            errors[name] = _("Enter a rate between 0 and 100 %.")
    if not errors and erdf_rate + national_rate > 1:
        errors["national_rate"] = _(
            "The ERDF rate and the national counterpart add up to more than 100 %: lower one of them."
        )
    if errors:
        raise ValidationError(errors)
    changes: dict[str, list] = {}
    existing = {b.category: b for b in PartnerBudget.objects.select_for_update().filter(partner=partner)}
    for category, amount in amounts.items():
        budget = existing.get(category)
        if budget is None:
            PartnerBudget.objects.create(partner=partner, category=category, amount=amount)
            changes[category] = [None, str(amount)]
        elif budget.amount != amount:
            changes[category] = [str(budget.amount), str(amount)]
            budget.amount = amount
            budget.save(update_fields=["amount"])
    finance, _created = PartnerFinance.objects.select_for_update().get_or_create(partner=partner)
    before = snapshot(finance, ["erdf_rate", "national_rate"])
    finance.erdf_rate = erdf_rate.quantize(RATE_PLACES)
    finance.national_rate = national_rate.quantize(RATE_PLACES)
    finance.save(update_fields=["erdf_rate", "national_rate"])
    changes.update(diff(finance, before, ["erdf_rate", "national_rate"]))
    record(actor, "reporting.budget_update", partner, changes)
