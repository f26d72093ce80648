import logging

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from circuito.celery import app as celery_app
from circuito.page_cache import public_page

logger = logging.getLogger(__name__)


@public_page("portal", timeout=3600)  # no data on it: only a new release changes it
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


def legal(request: HttpRequest) -> HttpResponse:
    return render(request, "legal.html")


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_cache() -> None:
    check = getattr(cache, "health_check", None)  # the fail-open Redis cache hides errors otherwise
    if check is not None:
        check()
        return
    cache.set("healthz", "ok", 5)
    if cache.get("healthz") != "ok":
        raise RuntimeError("the cache did not keep a value")


def _check_broker() -> str:
    if celery_app.conf.task_always_eager:
        return "eager"  # tasks run in-process: there is no broker to reach
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0, timeout=2)
    return "ok"


def healthz(request: HttpRequest) -> JsonResponse:
    """Health of each service the portal uses, for the orchestrator and the people on call. Only
    the database makes the portal unusable (503); without the cache or the broker pages still
    work (rate limits are off, jobs wait), so the answer is 200 with "degraded"."""
    components: dict[str, dict[str, str]] = {}
    for name, check in (("database", _check_database), ("cache", _check_cache), ("broker", _check_broker)):
        try:
            components[name] = {"status": check() or "ok"}
        except Exception as exc:  # any failure of that service is its status
            logger.warning("Health check of the %s failed: %s", name, exc)
            components[name] = {"status": "down", "error": type(exc).__name__}
    if components["database"]["status"] == "down":
        status, code = "down", 503
    elif any(c["status"] == "down" for c in components.values()):
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    response = JsonResponse({"status": status, "components": components}, status=code)
    response["Cache-Control"] = "no-store"
    return response
