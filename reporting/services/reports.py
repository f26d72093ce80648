"""Generating reports: lead partner staff ask for a report (kind, period, language); a job
collects its figures (the frozen snapshot stored on the Report) and renders the PDF and XLSX
from them. A file rendered again later comes from the same stored figures."""

from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from circuito.audit.services import record
from circuito.jobs.services import enqueue_job, unfinished_job
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


def request_report(kind: str, period_index: int | None, language: str, *, actor) -> Report:
    """Create the Report row and queue its job (after commit). Lead partner staff only. While a
    report of the same kind, period and language is being generated, that one is returned: four
    clicks make one report, even when they arrive at the same moment. Once it is finished, asking
    again makes the next version; the earlier versions stay downloadable."""
    require_reports(actor)
    period = _validate(kind, period_index, language)
    key = f"{JOB_KIND}:{kind}:{period.index}:{language}"
    running = _running_report(key)
    if running is not None:
        return running
    try:
        return _create_report(kind, period, language, key, actor=actor)
    except IntegrityError:
        # Another request created it between our check and our insert.
        running = _running_report(key)
        if running is None:
            raise
        return running


def _running_report(key: str) -> Report | None:
    job = unfinished_job(key)
    return Report.objects.filter(job=job).first() if job else None


@transaction.atomic
def _create_report(kind: str, period, language: str, key: str, *, actor) -> Report:
    report = Report.objects.create(
        kind=kind,
        period_start=period.start,
        period_end=period.end,
        period_index=period.index,
        language=language,
        version=next_version(kind, period, language),
        created_by=actor,
    )
    job = enqueue_job(JOB_KIND, owner=actor, params={"report": report.pk}, language=language, dedupe_key=key)
    report.job = job
    report.save(update_fields=["job"])
    record(
        actor,
        "reporting.report_request",
        report,
        {
            "kind": kind,
            "period": period.index,
            "start": period.start,
            "end": period.end,
            "language": language,
            "version": report.version,
        },
    )
    return report


def next_version(kind: str, period, language: str) -> int:
    """The version number the next report of this kind, period and language takes. Two requests
    cannot take the same number: only one unfinished job per kind, period and language exists."""
    made = Report.objects.filter(
        kind=kind, period_start=period.start, period_end=period.end, language=language
    ).aggregate(last=Max("version"))["last"]
    return (made or 0) + 1


def title(report_or_figures) -> str:
    """ "Semestrial progress report — Semester 2 (months 7–12)" in the active language."""
    figures = report_or_figures if isinstance(report_or_figures, dict) else report_or_figures.figures
    return f"{kind_label(figures['period']['kind'])} — {period_title(figures)}"


def file_name(report: Report, extension: str) -> str:
    index = f"-{report.period_index}" if report.period_index else ""
    version = f"-v{report.version}" if report.version > 1 else ""
    return f"circuito-{report.kind}{index}-{report.language}{version}.{extension}"


def render(figures: dict, language: str) -> tuple[bytes, bytes]:
    """(PDF bytes, XLSX bytes) from stored figures, in `language`."""
    with translation.override(language):
        heading = title(figures)
        return pdf.render(figures, heading), xlsx.render(figures, heading)


def _store_files(report: Report, content_pdf: bytes, content_xlsx: bytes) -> None:
    # Stored under random names (the fields' upload_to); downloaded under the readable name
    # (file_name). Files of an earlier rendering are removed once the new ones are saved.
    previous = [(f.storage, f.name) for f in (report.pdf, report.xlsx) if f]
    report.pdf.save(file_name(report, "pdf"), ContentFile(content_pdf), save=False)
    report.xlsx.save(file_name(report, "xlsx"), ContentFile(content_xlsx), save=False)
    for storage, name in previous:
        transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))


def build_report(report: Report, progress: Progress) -> bytes:
    """The job's work: collect the figures once, render both files from them, store all on the
    report. Returns the PDF (the job keeps a copy as its own result file)."""
    try:
        with translation.override(report.language):
            progress(5, _("Collecting the figures from the records"))
            frozen = report_figures.collect(report.kind, report.period_index, report.language, report=report)
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
