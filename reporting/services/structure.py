"""Writes to the project structure: targets and due months edited by lead partner staff, and
evidence of deliverables recorded by partner staff."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from circuito import indicators
from circuito.audit.services import diff, record, snapshot
from reporting import periods, permissions
from reporting.models import Deliverable, DeliverableEvidence, Indicator
from reporting.uploads import check_document

DELIVERABLE_FIELDS = ["target_count", "due_month", "responsible", "source"]
INDICATOR_FIELDS = ["target", "source"]


def _duration() -> int:
    return periods.semesters()[-1].last_month if periods.semesters() else periods.DEFAULT_DURATION


def _check_source(key: str, errors: dict[str, str], *, allowed: tuple[str, ...]) -> None:
    if key not in allowed and not indicators.is_registered(key):
        errors["source"] = _("Choose one of the portal's indicators: “%(key)s” is not one of them.") % {"key": key}


@transaction.atomic
def update_deliverable(
    deliverable: Deliverable,
    *,
    target_count: int,
    due_month: int | None,
    responsible,
    source: str | None = None,
    actor,
):
    """Lead partner staff set a deliverable's target, due month, responsible partner and where its
    achieved count comes from (manual evidence or a registered indicator)."""
    permissions.require_lead(actor)
    source = source or deliverable.source
    errors = {}
    _check_source(source, errors, allowed=(Deliverable.MANUAL,))
    if target_count is None or target_count < 1:
        errors["target_count"] = _("The target must be at least 1.")
    duration = _duration()
    if due_month is not None and not 1 <= due_month <= duration:
        errors["due_month"] = _("The due month must be between 1 and %(last)d (the project's last month).") % {
            "last": duration
        }
    if responsible is not None and not responsible.is_project_partner:
        errors["responsible"] = _("Choose a project partner as responsible.")
    if errors:
        raise ValidationError(errors)
    before = snapshot(deliverable, DELIVERABLE_FIELDS)
    deliverable.target_count = target_count
    deliverable.due_month = due_month
    deliverable.responsible = responsible
    deliverable.source = source
    deliverable.edited_at = timezone.now()
    deliverable.save(update_fields=[*DELIVERABLE_FIELDS, "edited_at"])
    record(actor, "reporting.deliverable_update", deliverable, diff(deliverable, before, DELIVERABLE_FIELDS))
    return deliverable


@transaction.atomic
def update_indicator(indicator: Indicator, *, target: int, source: str | None = None, actor) -> Indicator:
    """Lead partner staff set an indicator's target and the registered indicator its achieved
    value is computed from ("" for none)."""
    permissions.require_lead(actor)
    source = indicator.source if source is None else source
    errors: dict[str, str] = {}
    if target is None or target < 0:
        errors["target"] = _("The target cannot be negative.")
    _check_source(source, errors, allowed=("",))
    if errors:
        raise ValidationError(errors)
    before = snapshot(indicator, INDICATOR_FIELDS)
    indicator.target = target
    indicator.source = source
    indicator.edited_at = timezone.now()
    indicator.save(update_fields=[*INDICATOR_FIELDS, "edited_at"])
    record(actor, "reporting.indicator_update", indicator, diff(indicator, before, INDICATOR_FIELDS))
    return indicator


@transaction.atomic
def add_evidence(
    deliverable: Deliverable,
    *,
    date: date,
    count: int,
    partner,
    file=None,
    link: str = "",
    note: str = "",
    actor,
) -> DeliverableEvidence:
    errors: dict[str, str] = {}
    if not deliverable.is_manual:
        raise ValidationError(
            _("This deliverable is counted from the portal's records: there is no evidence to enter by hand.")
        )
    if partner is None or partner.pk not in set(
        permissions.evidence_partner_choices(actor).values_list("pk", flat=True)
    ):
        errors["partner"] = _("You can record evidence only for the partner you work for.")
    semesters = periods.semesters()
    if date is None:
        errors["date"] = _("Enter the date the deliverable was produced.")
    elif date > periods.today():
        errors["date"] = _("The date is in the future: enter the date the deliverable was actually produced.")
    elif semesters and date < semesters[0].start:
        errors["date"] = _("The date is before the project started (%(start)s).") % {"start": semesters[0].start}
    if count is None or count < 1:
        errors["count"] = _("The count must be at least 1.")
    file_name = ""
    if file:
        try:
            file_name = check_document(file)
        except ValidationError as exc:
            errors["file"] = exc.messages[0]
    if not file and not link and "file" not in errors:
        errors["file"] = _("Attach a file or give a link that proves the deliverable.")
    if errors:
        raise ValidationError(errors)
    evidence = DeliverableEvidence(
        deliverable=deliverable,
        date=date,
        count=count,
        partner=partner,
        link=link,
        note=note,
        file_name=file_name,
        created_by=actor,
    )
    if file:
        evidence.file.save(file_name, file, save=False)
    evidence.save()
    record(
        actor,
        "reporting.evidence_add",
        evidence,
        {"deliverable": deliverable.pk, "count": count, "partner": partner.pk, "date": str(date)},
    )
    return evidence


@transaction.atomic
def delete_evidence(evidence: DeliverableEvidence, *, actor) -> None:
    record(
        actor,
        "reporting.evidence_delete",
        evidence,
        {"deliverable": evidence.deliverable_id, "count": evidence.count, "partner": evidence.partner_id},
    )
    stored = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage if evidence.file else None
    evidence.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))
