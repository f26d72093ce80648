"""Starting the analysis exports as background jobs (coordinator only): answers and notes as CSV or
XLSX, and the territorial synthesis (PDF) in French or Italian. The user follows the job's page,
which offers the file through its permission check."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from circuito.jobs.services import enqueue_job
from focusgroups.forms_analysis import ExportForm, SynthesisForm
from focusgroups.jobs import EXPORT_ANSWERS, SYNTHESIS
from focusgroups.selectors_analysis import get_study


@require_POST
@login_required
def export_answers(request: HttpRequest, code: str) -> HttpResponse:
    study = get_study(code, request.user, coordinator=True).study
    form = ExportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose CSV or XLSX."))
        return redirect("focusgroups:analysis_overview", code=study.code)
    job = enqueue_job(
        EXPORT_ANSWERS, owner=request.user, params={"study": study.pk, "format": form.cleaned_data["format"]}
    )
    return redirect(job)


@require_POST
@login_required
def start_synthesis(request: HttpRequest, code: str) -> HttpResponse:
    study = get_study(code, request.user, coordinator=True).study
    form = SynthesisForm(request.POST, study=study)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("focusgroups:analysis_overview", code=study.code)
    region = form.cleaned_data.get("region")
    job = enqueue_job(
        SYNTHESIS,
        owner=request.user,
        params={"study": study.pk, "region": region.pk if region else None},
        language=form.cleaned_data["language"],
    )
    return redirect(job)
