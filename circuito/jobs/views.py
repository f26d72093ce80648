"""Following a job and downloading its file. Every view goes through `get_job_for_user`."""

from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from circuito.jobs.models import Job
from circuito.jobs.services import get_job_for_user, recent_jobs_for_user


@require_safe
@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    jobs = recent_jobs_for_user(request.user)
    return render(request, "jobs/job_list.html", {"jobs": jobs})


@require_safe
@login_required
@never_cache
def job_detail(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = get_job_for_user(job_id, request.user)
    return render(request, "jobs/job_detail.html", {"job": job})


@require_safe
@login_required
@never_cache
def job_progress(request: HttpRequest, job_id: UUID) -> HttpResponse:
    """The status block of the detail page; it polls itself until the job has finished."""
    job = get_job_for_user(job_id, request.user)
    return render(request, "jobs/_progress.html", {"job": job})


@require_safe
@login_required
@never_cache
def job_download(request: HttpRequest, job_id: UUID) -> HttpResponse:
    job = get_job_for_user(job_id, request.user)
    if job.status != Job.Status.DONE:
        return render(request, "jobs/unavailable.html", {"job": job, "reason": "not_ready"}, status=404)
    if job.is_expired:
        return render(request, "jobs/unavailable.html", {"job": job, "reason": "expired"}, status=410)
    try:
        handle = job.result_file.open("rb")
    except FileNotFoundError:
        return render(request, "jobs/unavailable.html", {"job": job, "reason": "expired"}, status=410)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=job.result_name or "download",
        content_type=job.result_content_type or "application/octet-stream",
    )
