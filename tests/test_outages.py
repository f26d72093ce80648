"""Outages: with Redis down, logins, pages and the API work (the cache fails open, with a logged
warning); /healthz reports the database, the cache and the broker separately; Celery gives a
killed worker's job back and bounds every job's time."""

import logging

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client, override_settings
from redis.exceptions import ConnectionError as RedisConnectionError

from circuito import views
from circuito.cache import FailOpenRedisCache
from circuito.celery import app as celery_app
from circuito.jobs.models import Job
from circuito.jobs.tasks import _claim
from tests.factories import UserFactory

CLOSED = "redis://127.0.0.1:1/0"  # nothing listens on port 1
PASSWORD = "correct-horse-battery"


def redis_cache(backend: str = "circuito.cache.FailOpenRedisCache"):
    return override_settings(CACHES={"default": {"BACKEND": backend, "LOCATION": CLOSED}})


@pytest.fixture(autouse=True)
def warn_again(monkeypatch):
    monkeypatch.setattr(FailOpenRedisCache, "_last_warning", 0.0)


@pytest.mark.django_db
def test_login_pages_and_api_work_with_redis_down(caplog):
    user = UserFactory()
    client = Client()
    with redis_cache(), caplog.at_level(logging.WARNING, logger="circuito.cache"):
        response = client.post("/fr/accounts/login/", {"login": user.email, "password": PASSWORD})
        assert response.status_code == 302
        assert client.get("/fr/").status_code == 200
        assert client.get("/api/v1/territories/").status_code == 200  # throttled through the cache
    assert any("Cache unavailable" in r.getMessage() for r in caplog.records)


@pytest.mark.django_db
def test_without_the_wrapper_a_redis_outage_breaks_login():
    """What the fail-open backend is for: Django's own Redis cache raises on the login page."""
    user = UserFactory()
    with redis_cache("django.core.cache.backends.redis.RedisCache"), pytest.raises(RedisConnectionError):
        Client().post("/fr/accounts/login/", {"login": user.email, "password": PASSWORD})


def test_fail_open_cache_answers_as_an_empty_cache():
    with redis_cache():
        from django.core.cache import cache

        assert cache.get("k", "default") == "default"
        assert cache.get_many(["a", "b"]) == {}
        assert cache.add("k", 1) is True  # a lock taken with add() is granted
        assert cache.incr("k", 3) == 3
        cache.set("k", 1)
        cache.delete("k")
        with pytest.raises(RedisConnectionError):
            cache.health_check()


@pytest.mark.django_db
def test_healthz_reports_each_component(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "components": {"database": {"status": "ok"}, "cache": {"status": "ok"}, "broker": {"status": "eager"}},
    }


@pytest.mark.django_db
def test_healthz_cache_down_is_degraded_not_down(client):
    with redis_cache():
        data = client.get("/healthz").json()
    assert data["status"] == "degraded"
    assert data["components"]["cache"]["status"] == "down" and data["components"]["database"]["status"] == "ok"


@pytest.mark.django_db
def test_healthz_broker_down_is_degraded(client):
    conf = celery_app.conf
    previous = conf.task_always_eager, conf.broker_url, conf.broker_write_url
    conf.task_always_eager, conf.broker_url, conf.broker_write_url = False, CLOSED, None
    try:
        response = client.get("/healthz")
    finally:
        conf.task_always_eager, conf.broker_url, conf.broker_write_url = previous
    assert response.status_code == 200
    assert response.json()["components"]["broker"]["status"] == "down"


def test_healthz_database_down_is_503(client, monkeypatch):
    class Down:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(views, "connection", Down())
    response = client.get("/healthz")
    assert response.status_code == 503
    data = response.json()
    assert data["status"] == "down"
    assert data["components"]["database"] == {"status": "down", "error": "OperationalError"}
    assert data["components"]["cache"]["status"] == "ok"


def test_celery_gives_lost_jobs_back_and_bounds_their_time():
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_TASK_SOFT_TIME_LIMIT < settings.CELERY_TASK_TIME_LIMIT
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] > settings.CELERY_TASK_TIME_LIMIT
    assert celery_app.conf.task_reject_on_worker_lost is True
    assert celery_app.conf.task_time_limit == settings.CELERY_TASK_TIME_LIMIT


@pytest.mark.django_db
def test_redelivered_job_takes_over_the_run_that_died(user):
    job = Job.objects.create(kind="test.kind", owner=user, status=Job.Status.RUNNING, attempts=1)
    assert _claim(str(job.pk)) is None  # a duplicate message: the run may still be going
    claimed = _claim(str(job.pk), redelivered=True)
    assert claimed is not None and claimed.attempts == 2 and claimed.status == Job.Status.RUNNING
