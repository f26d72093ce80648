"""Public pages kept whole in the shared cache (Redis in production, failing open: circuito/cache.py).

A page is kept per language, path with its query (the filters) and htmx-ness, under the version of
a namespace ("tierslieux", "portal"); the writes that change what a namespace shows bump its
version after they commit (each app connects its signals), so nobody is served a page older than
the last write. Visitors still get their own CSRF token and CSP nonce: the stored copy holds
markers in their place, filled in when it is served. Logged-in users (unless the view says its
answer is the same for everyone), requests with messages to show and anything but GET/HEAD always
get a fresh page; so does everyone when settings.PAGE_CACHE is off (development, where templates
change under one's feet, and the test suite, whose tests read the views' context).

    @public_page("tierslieux", timeout=60)
    def directory(request): ...

    changed_on_commit("tierslieux")   # in a signal receiver of a model the pages show
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Callable
from functools import cache, wraps
from pathlib import Path

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import cache as shared_cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.utils.functional import cached_property
from django.utils.translation import get_language

CSRF_MARKER = b"\x00csrf\x00"
NONCE_MARKER = b"\x00nonce\x00"
_MASKED_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
VERSION_TIMEOUT = None  # versions are kept until bumped (or lost with the cache: a new one is made)


@cache
def release() -> str:
    """Changes with each deployment (static files' manifest, compiled catalogues, or RELEASE), so
    pages stored by the previous one, with its asset names and wording, are not served again."""
    paths = [Path(settings.STATIC_ROOT) / "staticfiles.json", *Path(settings.BASE_DIR).glob("locale/*/*/*.mo")]
    stamp = getattr(settings, "RELEASE", "") + "|".join(f"{p}:{p.stat().st_mtime_ns}" for p in paths if p.exists())
    return hashlib.sha1(stamp.encode()).hexdigest()[:10]


def _version_key(namespace: str) -> str:
    return f"pagever:{release()}:{namespace}"


def namespace_version(namespace: str) -> str:
    """The current version of `namespace`: the time (ns) of its last change as far as the cache
    knows; a cache that lost it (or is down) starts a new one, never one that could be stale."""
    key = _version_key(namespace)
    version = shared_cache.get(key)
    if version is None:
        version = str(time.time_ns())
        if not shared_cache.add(key, version, VERSION_TIMEOUT):
            version = shared_cache.get(key) or version
    return version


def version_time(version: str) -> float:
    """Seconds since the epoch of a version (for Last-Modified)."""
    return int(version) / 1e9


def bump(namespace: str) -> None:
    shared_cache.set(_version_key(namespace), str(time.time_ns()), VERSION_TIMEOUT)


def changed_on_commit(namespace: str) -> None:
    """Mark `namespace` changed now and once the current transaction commits: a page rendered
    between the two from the old rows is stored under a version nobody reads after the commit."""
    bump(namespace)
    transaction.on_commit(lambda: bump(namespace))


def page_key(namespace: str, request: HttpRequest) -> str:
    what = f"{get_language()}|{request.headers.get('HX-Request', '')}|{request.get_full_path()}"
    digest = hashlib.sha1(what.encode()).hexdigest()
    return f"page:{release()}:{namespace}:{namespace_version(namespace)}:{digest}"


def cacheable(request: HttpRequest, *, anonymous_only: bool = True) -> bool:
    if not settings.PAGE_CACHE or request.method not in ("GET", "HEAD"):
        return False
    if anonymous_only and request.user.is_authenticated:
        return False
    return not len(get_messages(request))  # a message is for one visitor, once


def _freeze(request: HttpRequest, response: HttpResponse) -> dict | None:
    if response.status_code != 200 or response.streaming or response.cookies or response.has_header("Vary"):
        return None
    content = response.content
    secret = request.META.get("CSRF_COOKIE")
    if secret:
        content = _MASKED_TOKEN.sub(
            lambda m: CSRF_MARKER if _unmask_cipher_token(m.group().decode()) == secret else m.group(), content
        )
    nonce = getattr(request, "_csp_nonce", None)
    if isinstance(nonce, str):
        content = content.replace(nonce.encode(), NONCE_MARKER)
    headers = {k: v for k, v in response.items() if k.lower() not in ("content-length", "set-cookie")}
    return {"content": content, "headers": headers}


def _thaw(request: HttpRequest, stored: dict) -> HttpResponse:
    content = stored["content"]
    if CSRF_MARKER in content:
        content = content.replace(CSRF_MARKER, get_token(request).encode())
    if NONCE_MARKER in content:
        content = content.replace(NONCE_MARKER, str(request.csp_nonce).encode())
    response = HttpResponse(content)
    for name, value in stored["headers"].items():
        response[name] = value
    return response


def public_page(namespace: str, *, timeout: int, anonymous_only: bool = True, when: Callable | None = None):
    """Serve the view's page from the cache when it may be (see the module's note); `when(request)`
    false keeps a request out (e.g. time-dependent filters). `timeout` bounds what no write
    changes: the time passing ("open now", upcoming events)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not cacheable(request, anonymous_only=anonymous_only) or (when and not when(request)):
                return view(request, *args, **kwargs)
            key = page_key(namespace, request)
            stored = shared_cache.get(key)
            if stored is not None:
                return _thaw(request, stored)
            response = view(request, *args, **kwargs)
            frozen = _freeze(request, response)
            if frozen is not None:
                shared_cache.set(key, frozen, timeout)
            return response

        return wrapper

    return decorator


COUNT_SECONDS = 600


def cached_count(namespace: str, queryset: QuerySet, *, limit: int | None = None, vary: str = "") -> int:
    """`queryset.count()` (at most `limit` + 1 rows counted when given), kept under the
    namespace's version (until the next write that changes it): the key is the SQL itself, so it
    carries every filter, the search and the reader; `vary` adds what the SQL does not say (the
    day, for lists that expire at midnight). Counted afresh without PAGE_CACHE."""
    counted = queryset.order_by()
    try:
        sql, params = counted.query.sql_with_params()
    except EmptyResultSet:  # queryset.none(): nothing to count
        return 0
    if not settings.PAGE_CACHE:  # development and tests count afresh, as they render afresh
        return bounded_count(counted, limit=limit)
    digest = hashlib.sha1(f"{vary}|{limit}|{sql}|{params!r}".encode()).hexdigest()
    key = f"count:{release()}:{namespace}:{namespace_version(namespace)}:{digest}"
    found = shared_cache.get(key)
    if found is None:
        found = bounded_count(counted, limit=limit)
        shared_cache.set(key, found, COUNT_SECONDS)
    return found


def bounded_count(queryset: QuerySet, *, limit: int | None = None) -> int:
    """The count, or at most `limit` + 1. On PostgreSQL the matches are planned as if all were
    wanted (a materialised CTE, read lazily): under a LIMIT the planner likes to read the table
    in order until enough rows match, which for a full-text condition computes a tsvector per row
    (50 µs each: 0.8 s to find 1,000 matches among 100,000 rows)."""
    if limit is None:
        return queryset.count()
    if connection.vendor != "postgresql":
        return queryset.values("pk")[: limit + 1].count()
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH matches AS MATERIALIZED ({sql}) SELECT count(*) FROM (SELECT 1 FROM matches LIMIT %s) AS bounded",
            [*params, limit + 1],
        )
        return cursor.fetchone()[0]


class CachedCountPaginator(Paginator):
    """A paginator whose count is `cached_count` under `namespace` (subclasses set it) and, with
    `limit`, bounded: past `limit` matches it says so (`capped`) and pages stop there, whatever
    the volume."""

    namespace = ""

    def __init__(self, object_list, per_page: int, *, limit: int | None = None, **kwargs) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.limit = limit

    def vary(self) -> str:
        """What the count depends on besides the SQL (nothing by default)."""
        return ""

    @cached_property
    def counted(self) -> int:
        return cached_count(self.namespace, self.object_list, limit=self.limit, vary=self.vary())

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.limit) if self.limit is not None else self.counted

    @property
    def capped(self) -> bool:
        return self.limit is not None and self.counted > self.limit


def cached_data(namespace: str, request: HttpRequest, build: Callable[[], object], *, timeout: int) -> object:
    """What `build()` returns (an API page's data: the same for every reader), kept under the
    namespace's version per language and full address (host, path and query: links in it are
    absolute); built afresh without PAGE_CACHE. `None` is never kept (an error to answer)."""
    if not settings.PAGE_CACHE:
        return build()
    what = f"{get_language()}|{request.build_absolute_uri()}"
    key = f"data:{release()}:{namespace}:{namespace_version(namespace)}:{hashlib.sha1(what.encode()).hexdigest()}"
    found = shared_cache.get(key)
    if found is None:
        found = build()
        if found is not None:
            shared_cache.set(key, found, timeout)
    return found
