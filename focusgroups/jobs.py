"""Long work of the analysis area run as background jobs (circuito.jobs): the answers export and the
territorial synthesis. Only the study's coordinator (and superusers) may follow and download them."""

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from circuito.jobs.registry import JobError, JobResult, register
from focusgroups import exports, synthesis
from focusgroups.models import Study
from focusgroups.selectors_analysis import study_for_job

EXPORT_ANSWERS = "focusgroups.export_answers"
SYNTHESIS = "focusgroups.synthesis"


def _study(job) -> Study:
    study = Study.objects.filter(pk=(job.params or {}).get("study")).first()
    if study is None:
        raise JobError(_("The study of this job no longer exists."))
    return study


@register(EXPORT_ANSWERS, title=gettext_lazy("Export of focus-group answers"), can_access=study_for_job)
def export_answers(job, progress) -> JobResult:
    """params: {"study": pk, "format": "csv"|"xlsx"}."""
    study = _study(job)
    fmt = job.params.get("format")
    progress(20, _("Reading the answers"))
    name = f"focus-groups-{slugify(study.code)}-{job.language}"
    if fmt == "csv":
        return JobResult(exports.answers_csv(study, job.language), f"{name}.csv", exports.CSV)
    if fmt == "xlsx":
        return JobResult(exports.answers_xlsx(study, job.language), f"{name}.xlsx", exports.XLSX)
    raise JobError(_("This export format is not available. Choose CSV or XLSX."))


@register(SYNTHESIS, title=gettext_lazy("Territorial synthesis of focus groups"), can_access=study_for_job)
def territorial_synthesis(job, progress) -> JobResult:
    """params: {"study": pk, "region": pk or None}; written in the job's language."""
    study = _study(job)
    progress(5, _("Gathering the results"))
    content = synthesis.render(study, job.language, job.params.get("region"), progress)
    progress(95, _("Saving the file"))
    return JobResult(content, f"synthesis-{slugify(study.code)}-{job.language}.pdf", "application/pdf")
