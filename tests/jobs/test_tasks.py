import logging
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from circuito.celery import app as celery_app
from circuito.jobs import tasks
from circuito.jobs.models import Job
from circuito.jobs.registry import UnknownJobKind
from circuito.jobs.services import delete_expired_files, enqueue_job
from circuito.jobs.tasks import run_job
from tests.jobs.handlers import CALLS, SEEN

pytestmark = pytest.mark.django_db


def _failure_prefix(language: str) -> str:
    with translation.override(language):
        return gettext("The export failed: %(reason)s").split("%(reason)s")[0]


def run(kind, django_capture_on_commit_callbacks, **kwargs) -> Job:
    with django_capture_on_commit_callbacks(execute=True):
        job = enqueue_job(kind, **kwargs)
    job.refresh_from_db()
    return job


def test_enqueued_job_runs_to_done_with_its_file(user, django_capture_on_commit_callbacks):
    before = timezone.now()
    job = run("tests.demo", django_capture_on_commit_callbacks, owner=user, params={"text": "ciao"}, language="it")

    assert job.status == Job.Status.DONE
    assert job.progress == 100
    assert job.attempts == 1
    assert job.started_at and job.finished_at and job.finished_at >= job.started_at
    assert job.expires_at - job.finished_at == timedelta(days=7)
    assert job.expires_at > before + timedelta(days=6)
    assert job.result_name == "démo export.csv"
    assert job.result_content_type == "text/csv"
    with job.result_file.open("rb") as fh:
        assert fh.read() == b"ciao|it"  # the handler ran with the job's language active
    assert not job.is_expired and job.is_downloadable
    # Stored under a random name that tells nothing of the job or the file; downloaded as result_name.
    assert re.fullmatch(r"jobs/\d{4}/\d{2}/[0-9a-f]{32}\.csv", job.result_file.name)
    assert job.pk.hex not in job.result_file.name


def test_progress_is_saved_while_the_handler_runs(user, django_capture_on_commit_callbacks):
    job = run("tests.demo", django_capture_on_commit_callbacks, owner=user)
    assert SEEN[str(job.pk)] == {"status": Job.Status.RUNNING, "progress": 40, "message": "Half way"}


def test_task_is_queued_only_after_commit(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        job = enqueue_job("tests.demo", owner=user)
    assert len(callbacks) == 1
    job.refresh_from_db()
    assert job.status == Job.Status.CREATED
    assert CALLS[str(job.pk)] == 0


def test_unknown_kind_is_refused_and_creates_nothing(user):
    with pytest.raises(UnknownJobKind):
        enqueue_job("no.such.kind", owner=user)
    assert not Job.objects.exists()


def test_language_defaults_to_the_active_one(user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False), translation.override("it"):
        assert enqueue_job("tests.demo", owner=user).language == "it"
    with django_capture_on_commit_callbacks(execute=False):
        assert enqueue_job("tests.demo", owner=user, language="de").language == "fr"


def test_running_the_task_twice_runs_the_handler_once(user, django_capture_on_commit_callbacks):
    job = run("tests.demo", django_capture_on_commit_callbacks, owner=user)
    assert CALLS[str(job.pk)] == 1

    assert run_job.apply(args=[str(job.pk)]).get() == "skipped"
    job.refresh_from_db()
    assert CALLS[str(job.pk)] == 1
    assert job.status == Job.Status.DONE
    assert job.attempts == 1


def test_a_running_job_is_not_claimed_again(user):
    job = Job.objects.create(kind="tests.demo", owner=user, status=Job.Status.RUNNING, attempts=1)
    assert run_job.apply(args=[str(job.pk)]).get() == "skipped"
    job.refresh_from_db()
    assert job.status == Job.Status.RUNNING and job.attempts == 1
    assert CALLS[str(job.pk)] == 0


def test_a_deleted_job_is_skipped():
    assert run_job.apply(args=["6f1c1d5e-6c1a-4c55-9a51-3c0b9a9f0c11"]).get() == "skipped"


def test_unexpected_error_gives_a_readable_message_and_logs_the_traceback(
    user, django_capture_on_commit_callbacks, caplog
):
    with caplog.at_level(logging.ERROR, logger="circuito.jobs.tasks"):
        job = run("tests.failing", django_capture_on_commit_callbacks, owner=user)

    assert job.status == Job.Status.FAILED
    assert job.finished_at is not None
    assert job.message.startswith(_failure_prefix(job.language))
    assert "secret_stuff" not in job.message and "Traceback" not in job.message
    assert job.progress == 30  # where it stopped
    assert not job.result_file
    assert CALLS[str(job.pk)] == 1  # not retried
    logged = [r for r in caplog.records if r.exc_info]
    assert logged and "secret_stuff" in str(logged[0].exc_info[1])


def test_job_error_message_is_shown_to_the_user(user, django_capture_on_commit_callbacks):
    job = run("tests.user_error", django_capture_on_commit_callbacks, owner=user)
    assert job.status == Job.Status.FAILED
    assert job.message == _failure_prefix(job.language) + "There is nothing to export for this period."


def test_transient_error_is_retried_then_succeeds(user, django_capture_on_commit_callbacks):
    job = run("tests.flaky", django_capture_on_commit_callbacks, owner=user, params={"fail_times": 2})
    assert job.status == Job.Status.DONE
    assert job.attempts == 3
    assert CALLS[str(job.pk)] == 3
    with job.result_file.open("rb") as fh:
        assert fh.read() == b"finally"


def test_transient_error_fails_once_retries_are_exhausted(user, django_capture_on_commit_callbacks):
    job = run("tests.flaky", django_capture_on_commit_callbacks, owner=user, params={"fail_times": 99})
    assert job.status == Job.Status.FAILED
    assert job.attempts == 1 + run_job.max_retries
    assert job.message.startswith(_failure_prefix(job.language))
    assert "mail server" not in job.message


def test_retry_countdown_grows_exponentially():
    assert [tasks._countdown(n) for n in range(3)] == [
        tasks.RETRY_BASE_SECONDS,
        tasks.RETRY_BASE_SECONDS * 2,
        tasks.RETRY_BASE_SECONDS * 4,
    ]


def test_progress_is_written_only_when_the_percentage_changes(user, django_capture_on_commit_callbacks):
    with CaptureQueriesContext(connection) as ctx:
        job = run("tests.chatty", django_capture_on_commit_callbacks, owner=user)
    assert job.status == Job.Status.DONE
    progress_writes = [
        q["sql"]
        for q in ctx.captured_queries
        if q["sql"].startswith("UPDATE") and "progress" in q["sql"] and "status" not in q["sql"]
    ]
    assert len(progress_writes) == 3  # 0, 50, 100


def test_broker_failure_marks_the_job_failed(user, django_capture_on_commit_callbacks, monkeypatch):
    def refuse(*args, **kwargs):
        raise ConnectionRefusedError("broker down")

    monkeypatch.setattr(run_job, "apply_async", refuse)
    job = run("tests.demo", django_capture_on_commit_callbacks, owner=user)
    assert job.status == Job.Status.FAILED
    assert job.message


def test_expired_files_are_deleted_and_rows_kept(user, django_capture_on_commit_callbacks, private_files):
    old = run("tests.demo", django_capture_on_commit_callbacks, owner=user)
    fresh = run("tests.demo", django_capture_on_commit_callbacks, owner=user)
    old_name = old.result_file.name
    Job.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(minutes=1))

    assert delete_expired_files() == 1
    old.refresh_from_db()
    fresh.refresh_from_db()
    assert not private_files.exists(old_name)
    assert old.status == Job.Status.DONE and old.is_expired and not old.is_downloadable
    assert not old.result_file
    assert private_files.exists(fresh.result_file.name) and not fresh.is_expired
    assert delete_expired_files() == 0  # nothing left to do


def test_management_command_deletes_expired_files(user, django_capture_on_commit_callbacks, capsys):
    job = run("tests.demo", django_capture_on_commit_callbacks, owner=user)
    Job.objects.filter(pk=job.pk).update(expires_at=timezone.now() - timedelta(days=1))
    call_command("delete_expired_job_files")
    assert "Deleted 1 expired job file(s)." in capsys.readouterr().out
    job.refresh_from_db()
    assert job.is_expired


def test_cleanup_task_is_registered_under_the_scheduled_name(settings):
    name = settings.CELERY_BEAT_SCHEDULE["jobs-delete-expired-files"]["task"]
    assert name == "circuito.jobs.tasks.delete_expired_files"
    assert name in celery_app.tasks and tasks.delete_expired_files.name == name
    assert tasks.delete_expired_files.apply().get() == 0


def test_a_job_left_running_by_a_dead_worker_is_failed_with_a_message(db):
    from datetime import timedelta

    from django.utils import timezone

    from circuito.jobs.models import Job
    from circuito.jobs.services import fail_stale_jobs
    from tests.factories import UserFactory

    owner = UserFactory()
    old = Job.objects.create(
        kind="x", owner=owner, status=Job.Status.RUNNING, language="it", started_at=timezone.now() - timedelta(hours=7)
    )
    recent = Job.objects.create(
        kind="x", owner=owner, status=Job.Status.RUNNING, started_at=timezone.now() - timedelta(minutes=5)
    )
    assert fail_stale_jobs() == 1
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.status == Job.Status.FAILED and old.message
    assert recent.status == Job.Status.RUNNING
