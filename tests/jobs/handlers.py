"""Job kinds used only by the tests. Imported by the test modules and, through Celery's
`--include` option, by the real worker started in test_worker.py."""

import os
import time
from collections import Counter

from django.utils import translation

from circuito.jobs.models import Job
from circuito.jobs.registry import JobError, JobResult, register

CALLS: Counter = Counter()  # handler runs, per job id (eager mode: same process)
SEEN: dict = {}  # what handlers observed while running, per job id


def _org_members(user, job) -> bool:
    return (
        job.organisation_id is not None
        and user.memberships.filter(organisation_id=job.organisation_id, status="active").exists()
    )


@register("tests.demo", title="Demo export")
def demo(job: Job, progress) -> JobResult:
    CALLS[str(job.pk)] += 1
    progress(10, "Reading")
    progress(40, "Half way")
    SEEN[str(job.pk)] = Job.objects.values("status", "progress", "message").get(pk=job.pk)
    progress(90, "Writing")
    text = f"{job.params.get('text', '')}|{translation.get_language()}"
    return JobResult(content=text.encode(), filename="démo export.csv", content_type="text/csv")


@register("tests.shared", title="Shared export", can_access=_org_members)
def shared(job: Job, progress) -> JobResult:
    return JobResult(content=b"shared", filename="shared.txt", content_type="text/plain")


@register("tests.failing", title="Failing export")
def failing(job: Job, progress) -> JobResult:
    CALLS[str(job.pk)] += 1
    progress(30, "About to fail")
    raise ValueError("internal detail: column 42 of table secret_stuff")


@register("tests.user_error", title="Export with a user error")
def user_error(job: Job, progress) -> JobResult:
    raise JobError("There is nothing to export for this period.")


@register("tests.flaky", title="Flaky export")
def flaky(job: Job, progress) -> JobResult:
    CALLS[str(job.pk)] += 1
    if CALLS[str(job.pk)] <= job.params.get("fail_times", 0):
        raise ConnectionError("mail server unreachable")
    return JobResult(content=b"finally", filename="flaky.txt", content_type="text/plain")


@register("tests.chatty", title="Chatty export")
def chatty(job: Job, progress) -> JobResult:
    for percent in (0, 0, 0, 50, 50, 50, 100, 100):
        progress(percent, f"step {percent}")
    return JobResult(content=b"ok", filename="chatty.txt")


@register("tests.worker_progress", title="Worker export")
def worker_progress(job: Job, progress) -> JobResult:
    for step in range(1, 6):
        time.sleep(0.1)
        progress(step * 20, f"Step {step} of 5")
    lines = [f"rows={job.params.get('rows')}", f"language={translation.get_language()}"]
    return JobResult(content="\n".join(lines).encode(), filename="worker.txt", content_type="text/plain")


@register("tests.worker_interruptible", title="Interruptible export")
def worker_interruptible(job: Job, progress) -> JobResult:
    """Slow on its first run, saying which process runs it (the drill kills that process); quick
    when it runs again."""
    steps = 1 if job.attempts > 1 else 300
    for step in range(1, steps + 1):
        progress(min(99, step), f"pid {os.getpid()} attempt {job.attempts}")
        time.sleep(0.1)
    return JobResult(content=f"attempt {job.attempts}".encode(), filename="interruptible.txt")
