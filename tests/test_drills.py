"""Operations drills, run in CI against the real services (REDIS_URL and a PostgreSQL DATABASE_URL):

- a Celery worker's process is killed (SIGKILL) in the middle of a job: the broker gives the job
  back and a new process runs it to the end, within seconds, not after the broker's visibility
  timeout; a job whose worker keeps dying fails with a message that says so;
- 50 clients at once for LOAD_SECONDS (20 s in CI, to keep the suite's budget; set
  DRILL_LOAD_SECONDS=60 for the full drill) against gunicorn: public pages and API lists, no error;
- Redis down (cache and broker at a closed port) under gunicorn: login, a members' page and
  /healthz work; tests/test_outages.py drills the same in-process, and the API too."""

import http.cookiejar
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.db import connection

from circuito.jobs.models import Job
from circuito.jobs.services import enqueue_job
from circuito.jobs.tasks import MAX_INTERRUPTED_RUNS, _claim
from tests.factories import OrganisationFactory, UserFactory
from tests.jobs import handlers  # noqa: F401  (registers the test job kinds)
from tests.jobs.test_worker import READY_TIMEOUT, WorkerProcess, _database_url, _forget_queue

PROJECT_ROOT = Path(__file__).resolve().parents[1]
needs_services = pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a real broker: set REDIS_URL")
RECOVERY_TIMEOUT = 45  # seconds from the kill to the job done
LOAD_CLIENTS = 50
LOAD_SECONDS = int(os.environ.get("DRILL_LOAD_SECONDS", "20"))
PASSWORD = "correct-horse-battery"  # tests.factories.UserFactory's


def _environment(database_url: str, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": database_url,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(PROJECT_ROOT), os.environ.get("PYTHONPATH")])),
        **extra,
    }


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


@pytest.fixture
def prefork_worker(transactional_db, tmp_path):
    """A worker as in production: a parent process and a pool process that runs the tasks."""
    database_url = _database_url(connection.settings_dict)
    queue = f"circuito-drill-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    log_path = tmp_path / "worker.log"
    command = [
        sys.executable, "-m", "celery", "-A", "circuito", "worker", "--pool=prefork", "--concurrency=1",
        "-Q", queue, "-n", f"{queue}@%h", "--include", "tests.jobs.handlers", "--loglevel=INFO",
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]  # fmt: skip
    env = _environment(database_url, PRIVATE_ROOT=str(tmp_path / "private"))
    with open(log_path, "wb") as log_file:
        process = subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    worker = WorkerProcess(queue, tmp_path / "private", process, log_path)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while " ready." not in worker.log():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"The Celery worker did not start:\n{worker.log()}")
            time.sleep(0.2)
        yield worker
    finally:
        _stop(process)
        _forget_queue(queue)


def _wait(job: Job, until, timeout: float, worker: WorkerProcess) -> None:
    deadline = time.monotonic() + timeout
    while True:
        job.refresh_from_db()
        if until(job):
            return
        if time.monotonic() > deadline:
            pytest.fail(f"Job {job.status} {job.progress}% «{job.message}» after {timeout} s:\n{worker.log()}")
        time.sleep(0.1)


@pytest.mark.worker
@needs_services
def test_a_job_survives_its_worker_process_being_killed(prefork_worker, settings):
    worker = prefork_worker
    settings.JOBS_QUEUE = worker.queue
    job = enqueue_job("tests.worker_interruptible", owner=UserFactory())
    _wait(job, lambda j: j.status == Job.Status.RUNNING and j.message.startswith("pid "), 30, worker)
    pool_process = int(job.message.split()[1])
    assert pool_process != worker.process.pid  # the pool's process, not the worker's parent

    os.kill(pool_process, signal.SIGKILL)
    killed_at = time.monotonic()
    _wait(job, lambda j: j.is_finished, RECOVERY_TIMEOUT, worker)

    assert job.status == Job.Status.DONE, f"{job.message}\n{worker.log()}"
    assert job.attempts == 2 and job.progress == 100
    assert time.monotonic() - killed_at < RECOVERY_TIMEOUT
    assert "was interrupted (attempt 1); running it again" in worker.log()


@pytest.mark.django_db
def test_a_job_whose_worker_keeps_dying_fails_with_a_reason(user):
    job = Job.objects.create(
        kind="tests.worker_interruptible", owner=user, status=Job.Status.RUNNING, attempts=MAX_INTERRUPTED_RUNS
    )
    assert _claim(str(job.pk), redelivered=True) is None
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED and job.finished_at is not None
    assert f"{MAX_INTERRUPTED_RUNS} " in job.message  # "…stopped 3 times…", in the job's language


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def serve(transactional_db, tmp_path):
    """Starts the portal as in production (gunicorn, threads) on the test database, with the
    environment given; returns its address and log."""
    database_url = _database_url(connection.settings_dict)
    started: list[subprocess.Popen] = []

    def start(**env: str) -> tuple[str, Path]:
        port = _free_port()
        command = [
            sys.executable, "-m", "gunicorn", "circuito.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", "2", "--threads", "8", "--timeout", "60", "--access-logfile", "-",
        ]  # fmt: skip
        log_path = tmp_path / f"gunicorn-{port}.log"
        with open(log_path, "wb") as log_file:
            process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=_environment(database_url, **env), stdout=log_file,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + READY_TIMEOUT
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=5):
                    return base, log_path
            except urllib.error.HTTPError:
                return base, log_path  # answering, if not healthy: the test says what it expects
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.3)

    yield start
    for process in started:
        _stop(process)


@pytest.mark.worker
@needs_services
def test_with_redis_down_login_pages_and_healthz_work(serve):
    """Cache and broker at a port where nothing listens: the cache fails open."""
    user = UserFactory()
    base, log_path = serve(REDIS_URL="redis://127.0.0.1:1/0")
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
    login_page = browser.open(f"{base}/fr/accounts/login/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    form = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "login": user.email, "password": PASSWORD})
    with browser.open(f"{base}/fr/accounts/login/", data=form.encode(), timeout=30) as answer:
        assert answer.status == 200 and urllib.parse.urlsplit(answer.url).path != "/fr/accounts/login/"
    with browser.open(f"{base}/fr/organisations/mine/", timeout=30) as answer:  # a page for members only
        assert answer.status == 200 and "/accounts/login/" not in answer.url
    try:
        health = json.load(urllib.request.urlopen(f"{base}/healthz", timeout=30))
    except urllib.error.HTTPError as exc:
        health = json.load(exc)
    assert health["status"] == "degraded", health
    assert health["components"]["database"]["status"] == "ok"
    assert health["components"]["cache"]["status"] == "down"
    assert "Cache unavailable" in log_path.read_text(errors="replace")


LOAD_PATHS = [
    "/fr/",
    "/it/",
    "/fr/tiers-lieux/",
    "/fr/flux/",
    "/fr/organisations/",
    "/api/v1/places/",
    "/api/v1/flows/",
    "/api/v1/organisations/?q=bois",
    "/api/v1/events/",
    "/api/v1/territories/",
    "/healthz",
]


@pytest.mark.worker
@needs_services
def test_fifty_clients_at_once_get_no_error(serve):
    base, log_path = serve()
    for index in range(20):
        OrganisationFactory(legal_name=f"Scierie du bois {index}")
    statuses: Counter = Counter()
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + LOAD_SECONDS

    def client(number: int) -> None:
        index = number
        while time.monotonic() < deadline:
            path = LOAD_PATHS[index % len(LOAD_PATHS)]
            index += 1
            try:
                with urllib.request.urlopen(base + path, timeout=30) as answer:
                    answer.read()
                    status = answer.status
            except urllib.error.HTTPError as exc:
                status = exc.code
            except OSError as exc:
                with lock:
                    errors.append(f"{path}: {exc}")
                continue
            with lock:
                statuses[status] += 1
                if status >= 400:
                    errors.append(f"{path}: {status}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(LOAD_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=LOAD_SECONDS + 60)
    total = sum(statuses.values())
    print(f"\n{LOAD_CLIENTS} clients, {LOAD_SECONDS} s: {total} answers {dict(statuses)}, {len(errors)} errors")
    server_log = log_path.read_text(errors="replace")[-3000:]
    assert not errors, f"{len(errors)} errors, first ones: {errors[:10]}\n{server_log}"
    assert total >= LOAD_CLIENTS * 2
