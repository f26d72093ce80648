"""Long work of the reporting app run as background jobs (circuito.jobs)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from circuito.jobs.registry import JobError, JobResult, register
from reporting.models import Report
from reporting.permissions_reports import can_access_job
from reporting.services import reports as services


@register(services.JOB_KIND, title=gettext_lazy("Report generation"), can_access=can_access_job)
def generate_report(job, progress) -> JobResult:
    """params: {"report": pk}. Collects the figures, renders the PDF and the XLSX, stores them on
    the report; the job's own file is the PDF."""
    report = Report.objects.filter(pk=job.params.get("report")).first()
    if report is None:
        raise JobError(_("The report was deleted before it could be generated."))
    if report.status == Report.Status.READY and report.figures:
        # Run twice (a redelivered task): the figures are frozen, never collected again.
        services.ensure_files(report)
        with report.pdf.open("rb") as handle:
            content = handle.read()
    else:
        content = services.build_report(report, progress)
    return JobResult(content=content, filename=services.file_name(report, "pdf"), content_type=services.PDF_TYPE)
