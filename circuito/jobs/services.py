"""Starting jobs, finding them for a user, and cleaning up their files."""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from circuito.jobs import registry
from circuito.jobs.models import Job

logger = logging.getLogger(__name__)


def _job_language(language: str | None) -> str:
    available = {code for code, _name in settings.LANGUAGES}
    candidate = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2].lower()
    return candidate if candidate in available else settings.LANGUAGE_CODE[:2]


def enqueue_job(
    kind: str,
    *,
    owner: Any,
    organisation: Any = None,
    params: dict | None = None,
    language: str | None = None,
    dedupe_key: str = "",
) -> Job:
    """Create a job of a registered `kind` for `owner` and queue its task once the surrounding
    transaction commits. `language` defaults to the active language (the one of the request).
    `params` must be JSON-serialisable: primary keys and plain values, not model instances.
    With a `dedupe_key`, the database refuses a second unfinished job with the same key
    (IntegrityError): see `unfinished_job`."""
    registry.get_kind(kind)  # raises UnknownJobKind
    if owner is None or not getattr(owner, "pk", None):
        raise ValueError("A job needs a saved owner")
    with transaction.atomic():
        job = Job.objects.create(
            kind=kind,
            owner=owner,
            organisation=organisation,
            params=params or {},
            language=_job_language(language),
            dedupe_key=dedupe_key,
        )
        job_id = str(job.pk)
        transaction.on_commit(lambda: _send(job_id))
    return job


def unfinished_job(dedupe_key: str) -> Job | None:
    """The job with this key that is still waiting or running, if any."""
    if not dedupe_key:
        return None
    return Job.objects.filter(dedupe_key=dedupe_key, status__in=[Job.Status.CREATED, Job.Status.RUNNING]).first()


def _send(job_id: str) -> None:
    from circuito.jobs.tasks import run_job

    options: dict[str, Any] = {}
    queue = getattr(settings, "JOBS_QUEUE", None)
    if queue:
        options["queue"] = queue
    try:
        run_job.apply_async(args=[job_id], **options)
    except Exception:
        # The broker is unreachable: say so on the job instead of leaving it waiting forever.
        logger.exception("Could not queue job %s", job_id)
        language = Job.objects.filter(pk=job_id).values_list("language", flat=True).first()
        with translation.override(language or settings.LANGUAGE_CODE):
            message = str(_("The job could not be started. Please try again in a few minutes."))
        Job.objects.filter(pk=job_id, status=Job.Status.CREATED).update(
            status=Job.Status.FAILED, message=message[:300], finished_at=timezone.now()
        )


def get_job_for_user(job_id: Any, user: Any) -> Job:
    """The job, if `user` may see it. Unknown ids and other people's jobs both raise Http404, so
    that the existence of a job does not leak. The one place this permission is checked."""
    try:
        pk = job_id if isinstance(job_id, uuid.UUID) else uuid.UUID(str(job_id))
    except (ValueError, TypeError, AttributeError):
        raise Http404("No such job") from None
    try:
        job = Job.objects.select_related("owner", "organisation").get(pk=pk)
    except (Job.DoesNotExist, ValidationError):
        raise Http404("No such job") from None
    if not registry.user_can_access(user, job):
        raise Http404("No such job")
    return job


def recent_jobs_for_user(user: Any, *, limit: int = 50):
    """The user's own most recent jobs, newest first (one query)."""
    return Job.objects.filter(owner=user).select_related("organisation").order_by("-created_at")[:limit]


def delete_expired_files(now: datetime | None = None) -> int:
    """Delete the files of jobs whose expiry date has passed. The job rows stay (status DONE,
    `is_expired` true) so their owners see that the file is gone. Returns the number of files."""
    now = now or timezone.now()
    deleted = 0
    expired = Job.objects.filter(expires_at__lte=now).exclude(result_file="").only("pk", "result_file")
    for job in expired.iterator():
        name = job.result_file.name
        # Clear the row first (only if nobody changed it meanwhile), then remove the file.
        if Job.objects.filter(pk=job.pk, result_file=name).update(result_file="") == 0:
            continue
        try:
            job.result_file.storage.delete(name)
        except OSError:
            logger.exception("Could not delete the file %s of job %s", name, job.pk)
            continue
        deleted += 1
    if deleted:
        logger.info("Deleted %d expired job file(s)", deleted)
    return deleted


STALE_AFTER = timedelta(hours=6)


def fail_stale_jobs(now: datetime | None = None) -> int:
    """Mark as failed the jobs left RUNNING by a worker that died (longer than STALE_AFTER), so
    their owners are not left watching a progress bar that never moves."""
    now = now or timezone.now()
    count = 0
    for job in Job.objects.filter(status=Job.Status.RUNNING, started_at__lt=now - STALE_AFTER).only("pk", "language"):
        with translation.override(job.language):
            message = str(_("The work was interrupted. Please start it again."))
        count += Job.objects.filter(pk=job.pk, status=Job.Status.RUNNING).update(
            status=Job.Status.FAILED, finished_at=now, message=message
        )
    if count:
        logger.warning("Marked %d stale running job(s) as failed", count)
    return count
