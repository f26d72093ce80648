"""The Celery tasks that run jobs and clean up their files.

`run_job` takes only the job's primary key and is safe to run twice: it claims the row under a
row lock (CREATED → RUNNING) and does nothing when somebody else already has.
"""

from __future__ import annotations

import logging
import os
from datetime import timedelta

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import OperationalError, close_old_connections, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from circuito.jobs import registry
from circuito.jobs import services as job_services
from circuito.jobs.models import Job
from circuito.jobs.registry import JobError, JobResult

logger = logging.getLogger(__name__)

#: Errors worth another try later: the database or another service was briefly unreachable.
TRANSIENT_ERRORS: tuple[type[BaseException], ...] = (OperationalError, ConnectionError, TimeoutError)
#: Seconds before the first retry; doubled at each further one.
RETRY_BASE_SECONDS = 10
MESSAGE_MAX_LENGTH = Job._meta.get_field("message").max_length
#: Runs of one job whose worker died (killed, out of memory): then the job fails rather than being
#: given to yet another worker.
MAX_INTERRUPTED_RUNS = 3


@shared_task(bind=True, name="circuito.jobs.tasks.run_job", max_retries=3)
def run_job(self, job_id: str) -> str:
    """Run the handler of job `job_id`. Returns what happened ("done", "failed", "skipped")."""
    try:
        job = _claim(job_id, redelivered=bool((self.request.delivery_info or {}).get("redelivered")))
    except TRANSIENT_ERRORS as exc:
        if self.request.retries < self.max_retries:
            logger.warning("Could not claim job %s (%s); retrying", job_id, exc)
            raise self.retry(exc=exc, countdown=_countdown(self.request.retries)) from exc
        raise
    if job is None:
        return "skipped"

    try:
        entry = registry.get_kind(job.kind)
        with translation.override(job.language):
            result = entry.handler(job, _progress_callback(job))
        if not isinstance(result, JobResult):
            raise TypeError(f"Handler of {job.kind!r} returned {type(result).__name__}, not JobResult")
        _finish(job, result)
    except TRANSIENT_ERRORS as exc:
        _reset_broken_connection()
        if self.request.retries < self.max_retries:
            logger.warning("Job %s (%s) hit a transient error (%s); retrying", job.pk, job.kind, exc)
            _release(job)
            raise self.retry(exc=exc, countdown=_countdown(self.request.retries)) from exc
        logger.exception("Job %s (%s) failed after %d attempts", job.pk, job.kind, job.attempts)
        _fail(job, _("a service it needs is temporarily unavailable. Please try again later."))
        return "failed"
    except JobError as exc:
        logger.info("Job %s (%s) failed: %s", job.pk, job.kind, exc)
        _fail(job, exc.args[0] if exc.args else _("the data could not be processed."))
        return "failed"
    except SoftTimeLimitExceeded:
        logger.error("Job %s (%s) ran past the time limit", job.pk, job.kind)
        _fail(job, _("it took longer than the portal allows. Try again with less data, or ask an administrator."))
        return "failed"
    except registry.UnknownJobKind:
        logger.error("Job %s has kind %r, which no handler is registered for", job.pk, job.kind)
        _fail(job, _("this kind of job is no longer available."))
        return "failed"
    except Exception:
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        _fail(
            job,
            _(
                "an unexpected error occurred. Please try again; if it happens again, "
                "contact the portal's administrators."
            ),
        )
        return "failed"
    return "done"


@shared_task(name="circuito.jobs.tasks.delete_expired_files")
def delete_expired_files() -> int:
    """Hourly: delete the files of expired jobs (the rows stay) and fail jobs a dead worker left."""
    job_services.fail_stale_jobs()
    return job_services.delete_expired_files()


def _countdown(retries: int) -> int:
    return RETRY_BASE_SECONDS * 2**retries


def _claim(job_id: str, *, redelivered: bool = False) -> Job | None:
    """The job, now RUNNING, or None when there is nothing to do. A redelivered message (its
    worker died, or the broker's visibility timeout, longer than any run, passed) takes over a
    RUNNING job: the run that claimed it is over."""
    with transaction.atomic():
        job = Job.objects.select_for_update().filter(pk=job_id).first()
        if job is None:
            logger.warning("Job %s does not exist (deleted before it ran?)", job_id)
            return None
        if job.status == Job.Status.RUNNING and redelivered and job.attempts >= MAX_INTERRUPTED_RUNS:
            logger.error("Job %s was interrupted %d times; giving up", job.pk, job.attempts)
            with translation.override(job.language):
                reason = gettext(
                    "the worker running it stopped %(n)d times. Try again with less data, or ask an administrator."
                ) % {"n": job.attempts}
            _fail(job, reason)
            return None
        if job.status == Job.Status.RUNNING and redelivered:
            logger.warning("Job %s was interrupted (attempt %d); running it again", job.pk, job.attempts)
        elif job.status != Job.Status.CREATED:
            logger.info("Job %s is already %s; nothing to do", job.pk, job.status)
            return None
        job.status = Job.Status.RUNNING
        job.attempts += 1
        job.started_at = timezone.now()
        job.progress = 0
        job.message = ""
        job.save(update_fields=["status", "attempts", "started_at", "progress", "message"])
    return job


def _progress_callback(job: Job):
    last: dict[str, int | None] = {"percent": None}

    def progress(percent: int, message: str = "") -> None:
        percent = max(0, min(100, int(percent)))
        if percent == last["percent"]:
            return  # throttle: one write per percentage step
        last["percent"] = percent
        job.progress = percent
        job.message = str(message)[:MESSAGE_MAX_LENGTH]
        job.save(update_fields=["progress", "message"])

    return progress


def _finish(job: Job, result: JobResult) -> None:
    shown_name = os.path.basename(str(result.filename).replace("\\", "/")).strip() or "result"
    # Stored under a random name (the field's upload_to); downloaded under `shown_name`.
    job.result_file.save(shown_name, ContentFile(result.content), save=False)
    now = timezone.now()
    job.result_name = shown_name[: Job._meta.get_field("result_name").max_length]
    job.result_content_type = (result.content_type or "application/octet-stream")[:100]
    job.status = Job.Status.DONE
    job.progress = 100
    job.finished_at = now
    job.expires_at = now + timedelta(days=settings.JOB_FILE_LIFETIME_DAYS)
    job.save(
        update_fields=[
            "result_file",
            "result_name",
            "result_content_type",
            "status",
            "progress",
            "finished_at",
            "expires_at",
        ]
    )


def _release(job: Job) -> None:
    """Back to CREATED so that the retry can claim it again."""
    with translation.override(job.language):
        job.message = gettext("A temporary problem occurred; trying again shortly.")
    job.status = Job.Status.CREATED
    job.progress = 0
    job.save(update_fields=["status", "progress", "message"])


def _fail(job: Job, reason) -> None:
    with translation.override(job.language):
        message = gettext("The export failed: %(reason)s") % {"reason": str(reason)}
    job.status = Job.Status.FAILED
    job.message = message[:MESSAGE_MAX_LENGTH]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "finished_at"])


def _reset_broken_connection() -> None:
    # After a lost database connection, let Django open a new one for the bookkeeping writes.
    # Never inside an atomic block (eager runs inside a request or a test transaction).
    if not connection.in_atomic_block:
        close_old_connections()
