"""Long work of the flux exchange run as background jobs (circuito.jobs)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bourseflux import exports
from bourseflux.filters import filtered_flows
from circuito.jobs.registry import JobError, JobResult, register

EXPORT_FLOWS = "bourseflux.export_flows"


@register(EXPORT_FLOWS, title=gettext_lazy("Export of flows"))
def export_flows(job, progress) -> JobResult:
    """params: {"format": "csv"|"xlsx"|"geojson", "filters": {name: value}, "base_url": str}.

    Permissions are those of the job's owner, evaluated now: what they may see when the file is
    made, with quantities blank where they may not see them."""
    fmt = job.params.get("format")
    if fmt not in exports.FORMATS:
        raise JobError(_("This export format is not available. Choose CSV, XLSX or GeoJSON."))
    progress(10, _("Selecting the flows"))
    _flt, queryset = filtered_flows(job.params.get("filters") or {}, job.owner)
    progress(30, _("Writing the file"))
    content, content_type, filename = exports.render(fmt, queryset, job.owner, job.params.get("base_url", ""))
    progress(95, _("Saving the file"))
    return JobResult(content=content, filename=filename, content_type=content_type)


from bourseflux import jobs_import  # noqa: E402, F401  (registers "bourseflux.import_flows")
