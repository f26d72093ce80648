"""Generating reports: lead partner staff ask for a report (kind, period, language); a job
collects its figures (the frozen snapshot stored on the Report) and renders the PDF and XLSX
from them. A file rendered again later comes from the same stored figures."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from circuito.audit.services import record
from circuito.jobs.services import enqueue_job
from reporting import figures as report_figures
from reporting import periods
from reporting.exporters import pdf, xlsx
from reporting.exporters.labels import kind_label, period_title
from reporting.models import Report
from reporting.permissions_reports import require_reports

JOB_KIND = "reporting.generate_report"
LANGUAGES = ("fr", "it")
PDF_TYPE = "application/pdf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Progress = Callable[[int, str], None]


def _validate(kind: str, period_index: int | None, language: str) -> report_figures.ReportPeriod:
    errors: dict[str, str] = {}
    if kind not in Report.Kind.values:
        errors["kind"] = _("Choose the kind of report: semestrial, annual, intermediate or final.")
    if language not in LANGUAGES:
        errors["language"] = _("Choose the language of the report: French or Italian.")
    if errors:
        raise ValidationError(errors)
    period = report_figures.report_period(kind, period_index)
    if period is None:
        if kind == Report.Kind.ANNUAL:
            raise ValidationError({"year": _("Choose a year of the project.")})
        raise ValidationError({"semester": _("Choose a semester of the project.")})
    today = periods.today()
    if period.start > today:
        raise ValidationError(
            _(
                "This period starts on %(date)s and has not started yet: a report can only be made "
                "for a period that has started. Choose an earlier period."
            )
            % {"date": date_format(period.start, "DATE_FORMAT")}
        )
    return period


@transaction.atomic
def request_report(kind: str, period_index: int | None, language: str, *, actor) -> Report:
    """Create the Report row and queue its job (after commit). Lead partner staff only."""
    require_reports(actor)
    period = _validate(kind, period_index, language)
    report = Report.objects.create(
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        period_index=period.index,
        language=language,
        created_by=actor,
    )
    job = enqueue_job(JOB_KIND, owner=actor, params={"report": report.pk}, language=language)
    report.job = job
    report.save(update_fields=["job"])
    record(
        actor,
        "reporting.report_request",
        report,
        {"kind": kind, "period": period.index, "start": period.start, "end": period.end, "language": language},
    )
    return report


def title(report_or_figures) -> str:
    """ "Semestrial progress report — Semester 2 (months 7–12)" in the active language."""
    figures = report_or_figures if isinstance(report_or_figures, dict) else report_or_figures.figures
    return f"{kind_label(figures['period']['kind'])} — {period_title(figures)}"


def file_name(report: Report, extension: str) -> str:
    index = f"-{report.period_index}" if report.period_index else ""
    return f"circuito-{report.kind}{index}-{report.language}.{extension}"


def render(figures: dict, language: str) -> tuple[bytes, bytes]:
    """(PDF bytes, XLSX bytes) from stored figures, in `language`."""
    with translation.override(language):
        heading = title(figures)
        return pdf.render(figures, heading), xlsx.render(figures, heading)


def _store_files(report: Report, content_pdf: bytes, content_xlsx: bytes) -> None:
    # Stored under the report's id; downloaded under the readable name (file_name).
    report.pdf.save(f"report-{report.pk}.pdf", ContentFile(content_pdf), save=False)
    report.xlsx.save(f"report-{report.pk}.xlsx", ContentFile(content_xlsx), save=False)


def build_report(report: Report, progress: Progress) -> bytes:
    """The job's work: collect the figures once, render both files from them, store all on the
    report. Returns the PDF (the job keeps a copy as its own result file)."""
    try:
        with translation.override(report.language):
            progress(5, _("Collecting the figures from the records"))
            frozen = report_figures.collect(report.kind, report.period_index, report.language)
            report.figures = frozen
            report.save(update_fields=["figures"])
            progress(50, _("Writing the PDF"))
            heading = title(frozen)
            content_pdf = pdf.render(frozen, heading)
            progress(80, _("Writing the spreadsheet"))
            content_xlsx = xlsx.render(frozen, heading)
            progress(95, _("Saving the files"))
        _store_files(report, content_pdf, content_xlsx)
        report.status = Report.Status.READY
        report.save(update_fields=["pdf", "xlsx", "status"])
    except Exception:
        Report.objects.filter(pk=report.pk).update(status=Report.Status.FAILED)
        raise
    return content_pdf


def ensure_files(report: Report) -> Report:
    """Render the files again from the stored figures when they are missing (deleted storage,
    restored database): the same numbers as when the report was made."""
    if report.status != Report.Status.READY or not report.figures:
        return report
    missing = [f for f in (report.pdf, report.xlsx) if not f or not f.storage.exists(f.name)]
    if missing:
        content_pdf, content_xlsx = render(report.figures, report.language)
        _store_files(report, content_pdf, content_xlsx)
        report.save(update_fields=["pdf", "xlsx"])
    return report


def effective_status(report: Report) -> str:
    """The report's status, FAILED as soon as its job failed (before the handler could say so)."""
    if report.status == Report.Status.PENDING and report.job_id and report.job and report.job.status == "failed":
        return Report.Status.FAILED
    return report.status
