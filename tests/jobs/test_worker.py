"""A job run by a real Celery worker process, through the real broker, on the test database.

Skipped unless REDIS_URL is set (CI sets it). The worker listens on a queue of its own, so that
parallel test processes (pytest-xdist, each with its own test database) never steal each
other's tasks.
"""

import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import connection

from circuito.jobs.models import Job
from circuito.jobs.services import enqueue_job
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.worker,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a real broker: set REDIS_URL"),
]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT = 60
JOB_TIMEOUT = 60


@dataclass
class WorkerProcess:
    queue: str
    private_root: Path
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def _database_url(db: dict) -> str:
    engine, name = db["ENGINE"], db["NAME"]
    if engine.endswith("sqlite3"):
        if not name or name == ":memory:" or "mode=memory" in str(name):
            pytest.skip("the worker cannot share an in-memory SQLite test database: set DATABASE_URL")
        return f"sqlite:///{name}"
    scheme = {"postgresql": "postgres", "mysql": "mysql"}.get(engine.rsplit(".", 1)[-1], "postgres")
    credentials = quote(db.get("USER") or "", safe="")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or "localhost"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"{scheme}://{credentials}{'@' if credentials else ''}{host}{port}/{quote(name, safe='')}"


def _forget_queue(queue: str) -> None:
    """Remove what the broker keeps about our throwaway queue."""
    try:
        import redis

        client = redis.Redis.from_url(os.environ["REDIS_URL"])
        client.delete(queue, f"_kombu.binding_permanent.{queue}")
        for key in client.scan_iter("_kombu.binding.*"):
            for member in client.smembers(key):
                if queue.encode() in member:
                    client.srem(key, member)
    except Exception:  # cleanup is best effort
        pass


@pytest.fixture(scope="module")
def celery_worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock():
        database_url = _database_url(connection.settings_dict)
    queue = f"circuito-tests-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    private_root = tmp_path_factory.mktemp("worker-private")
    log_path = tmp_path_factory.mktemp("worker-log") / "worker.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PRIVATE_ROOT": str(private_root),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "circuito",
        "worker",
        "--pool=solo",
        "--concurrency=1",
        "-Q",
        queue,
        "-n",
        f"{queue}@%h",
        "--include",
        "tests.jobs.handlers",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    worker = WorkerProcess(queue, private_root, process, log_path)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while " ready." not in worker.log():
            if process.poll() is not None:
                pytest.fail(f"The Celery worker exited with {process.returncode}:\n{worker.log()}")
            if time.monotonic() > deadline:
                pytest.fail(f"The Celery worker was not ready after {READY_TIMEOUT} s:\n{worker.log()}")
            time.sleep(0.2)
        yield worker
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        _forget_queue(queue)


def test_real_worker_runs_the_job_and_reports_progress(celery_worker_process, transactional_db, settings, monkeypatch):
    worker = celery_worker_process
    settings.JOBS_QUEUE = worker.queue
    monkeypatch.setattr(
        Job._meta.get_field("result_file"),
        "storage",
        FileSystemStorage(location=str(worker.private_root), base_url=None),
    )
    user = UserFactory()

    job = enqueue_job("tests.worker_progress", owner=user, params={"rows": 5}, language="it")

    seen_progress = set()
    deadline = time.monotonic() + JOB_TIMEOUT
    while True:
        job.refresh_from_db()
        seen_progress.add(job.progress)
        if job.is_finished:
            break
        if time.monotonic() > deadline:
            pytest.fail(f"Job still {job.status} after {JOB_TIMEOUT} s. Worker log:\n{worker.log()}")
        time.sleep(0.05)

    assert job.status == Job.Status.DONE, f"{job.message}\n{worker.log()}"
    assert job.attempts == 1
    assert job.progress == 100
    assert job.message == "Step 5 of 5"  # the last progress report, written by the worker
    assert seen_progress <= {0, 20, 40, 60, 80, 100}
    assert job.expires_at is not None
    with job.result_file.open("rb") as fh:
        assert fh.read() == b"rows=5\nlanguage=it"
    assert "Task circuito.jobs.tasks.run_job[" in worker.log()
