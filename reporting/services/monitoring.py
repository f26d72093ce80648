"""Partners' monitoring forms, one per partner and semester: per work package the activities
carried out, the problems met and the corrective actions. Saved as a draft, then submitted
(read-only from then on) unless lead partner staff reopen it; every step is audited."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from circuito.accounts.models import Organisation
from circuito.audit.services import record
from reporting import periods, permissions
from reporting.models import MonitoringEntry, MonitoringReport, WorkPackage
from reporting.services.expenditure import require_own_partner, started_period

TEXT_FIELDS = ("activities", "problems", "corrective_actions")


def work_packages_for(partner: Organisation, period: periods.Period) -> QuerySet[WorkPackage]:
    """Work packages running during the period in which the partner takes part."""
    return (
        WorkPackage.objects.filter(start_month__lte=period.last_month, end_month__gte=period.first_month)
        .exclude(excluded_partners=partner)
        .order_by("order", "code")
    )


@transaction.atomic
def save_monitoring(
    partner: Organisation,
    period: int,
    *,
    entries: dict[int, dict[str, str]],
    submit: bool = False,
    actor,
) -> MonitoringReport:
    """Save the partner's form for the period (`entries`: work package id → texts) as a draft,
    or submit it. Refused once submitted, and for a period that has not started."""
    require_own_partner(actor, partner)
    semester = started_period(period)
    report, created = MonitoringReport.objects.select_for_update().get_or_create(partner=partner, period=period)
    if report.status == MonitoringReport.Status.SUBMITTED:
        raise ValidationError(
            _("This form was submitted on %(date)s: ask the lead partner to reopen it to change it.")
            % {"date": formats.date_format(timezone.localtime(report.submitted_at), "SHORT_DATE_FORMAT")}
        )
    allowed = {wp.pk: wp for wp in work_packages_for(partner, semester)}
    unknown = set(entries) - set(allowed)
    if unknown:
        raise ValidationError(_("The form names a work package that does not run in this period: reload the page."))
    cleaned = {wp_id: {f: (texts.get(f) or "").strip() for f in TEXT_FIELDS} for wp_id, texts in entries.items()}
    if submit and not any(texts["activities"] for texts in cleaned.values()):
        raise ValidationError(
            _("Describe the activities carried out in at least one work package before submitting the form.")
        )
    existing = {e.work_package_id: e for e in report.entries.all()}
    for wp_id, texts in cleaned.items():
        entry = existing.get(wp_id)
        if entry is None:
            if any(texts.values()):
                MonitoringEntry.objects.create(report=report, work_package_id=wp_id, **texts)
            continue
        if any(getattr(entry, f) != texts[f] for f in TEXT_FIELDS):
            for f in TEXT_FIELDS:
                setattr(entry, f, texts[f])
            entry.save(update_fields=list(TEXT_FIELDS))
    changes: dict = {"work_packages": sorted(wp_id for wp_id, t in cleaned.items() if any(t.values()))}
    if submit:
        report.status = MonitoringReport.Status.SUBMITTED
        report.submitted_at = timezone.now()
        report.submitted_by = actor
        changes["status"] = ["draft", "submitted"]
    report.save()
    action = "reporting.monitoring_submit" if submit else "reporting.monitoring_save"
    record(actor, action, report, changes)
    return report


@transaction.atomic
def reopen_monitoring(report: MonitoringReport, *, actor) -> MonitoringReport:
    """Lead partner staff send a submitted form back to draft so that its partner can change it."""
    permissions.require_lead(actor)
    report = MonitoringReport.objects.select_for_update().get(pk=report.pk)
    if report.status != MonitoringReport.Status.SUBMITTED:
        raise ValidationError(_("This form is not submitted: there is nothing to reopen."))
    submitted_at, submitted_by = report.submitted_at, report.submitted_by_id
    report.status = MonitoringReport.Status.DRAFT
    report.submitted_at = None
    report.submitted_by = None
    report.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    record(
        actor,
        "reporting.monitoring_reopen",
        report,
        {"status": ["submitted", "draft"], "submitted_at": str(submitted_at), "submitted_by": submitted_by},
    )
    return report


@dataclass
class MatrixCell:
    period: periods.Period
    status: str  # "submitted", "draft", "missing", "future"
    report_id: int | None = None


@dataclass
class MatrixRow:
    partner: Organisation
    cells: list[MatrixCell]


def matrix(partner_ids: set[int] | None = None) -> list[MatrixRow]:
    """Partners × semesters with each form's state (two queries). Drafts show as "draft" but their
    content stays with their partner."""
    partners = Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("partner_code")
    if partner_ids is not None:
        partners = partners.filter(pk__in=partner_ids)
    states = {
        (r["partner_id"], r["period"]): (r["status"], r["pk"])
        for r in MonitoringReport.objects.filter(Q(partner__in=partners)).values("partner_id", "period", "status", "pk")
    }
    today = periods.today()
    semesters = periods.semesters()
    rows = []
    for partner in partners:
        cells = []
        for semester in semesters:
            status, pk = states.get((partner.pk, semester.index), ("missing", None))
            if status == "missing" and semester.start > today:
                status = "future"
            cells.append(MatrixCell(semester, status, pk))
        rows.append(MatrixRow(partner, cells))
    return rows


def may_reopen(user, report: MonitoringReport) -> bool:
    return permissions.is_lead(user) and report.status == MonitoringReport.Status.SUBMITTED
