"""What the flux exchange's lists, maps and counts show, and the writes that change it: any save
or delete of a flow, a site, a company, a category, a waste code or a synergy, and a reload of
the thesaurus, mark the "bourseflux" namespace changed (circuito.page_cache). Counts of flow
lists and the maps' ETags are kept under its version.

Signals rather than calls in each service: the admin, imports and loaders write these rows too."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.functional import cached_property

from circuito.page_cache import changed_on_commit, namespace_version

NAMESPACE = "bourseflux"
COUNT_TIMEOUT = 600  # seconds; writes replace counts sooner (a new version)
# Anonymous pages are kept whole until the next write; the bound is for what no write changes:
# flows reaching their expiry date.
PAGE_SECONDS = 300


def _changed(sender, **kwargs) -> None:
    changed_on_commit(NAMESPACE)


def connect() -> None:
    from bourseflux.models import EwcCode, Flow, MaterialCategory, Site, Synergy
    from circuito.accounts.models import Organisation
    from circuito.search.thesaurus import thesaurus_loaded

    for model in (Flow, Site, Organisation, MaterialCategory, EwcCode, Synergy):
        uid = f"bourseflux-pages-{model.__name__}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}-delete")
    thesaurus_loaded.connect(_changed, dispatch_uid="bourseflux-pages-thesaurus")


def cached_count(queryset: QuerySet, *, limit: int | None = None) -> int:
    """`queryset.count()` (at most `limit` + 1 rows counted when given), kept until the next write
    to the flux exchange or the next day (expiry dates), where pages are cached
    (settings.PAGE_CACHE). The key is the SQL itself: it carries the filters, the search and the
    reader's own organisations."""
    counted = queryset.order_by()
    try:
        sql, params = counted.query.sql_with_params()
    except EmptyResultSet:  # queryset.none(): nothing to count
        return 0
    if not settings.PAGE_CACHE:  # development and tests count afresh, as they render afresh
        return _count(counted, limit=limit)
    what = f"{timezone.localdate()}|{limit}|{sql}|{params!r}"
    key = f"fluxcount:{namespace_version(NAMESPACE)}:{hashlib.sha1(what.encode()).hexdigest()}"
    found = cache.get(key)
    if found is None:
        found = _count(counted, limit=limit)
        cache.set(key, found, COUNT_TIMEOUT)
    return found


def _count(queryset: QuerySet, *, limit: int | None) -> int:
    """The count, or at most `limit` + 1. On PostgreSQL the matches are planned as if all were
    wanted (a materialised CTE, read lazily): under a LIMIT the planner likes to read the table
    in order until enough rows match, which for a full-text condition computes a tsvector per row
    (50 µs each: 0.8 s to find 1,000 matches among 100,000 flows)."""
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


class CountedPaginator(Paginator):
    """A paginator whose count is kept until the next write (`cached_count`) and, with `limit`, bounded: past
    `limit` matches it says so (`capped`) and pages stop there, whatever the volume."""

    def __init__(self, object_list, per_page: int, *, limit: int | None = None) -> None:
        super().__init__(object_list, per_page)
        self.limit = limit

    @cached_property
    def counted(self) -> int:
        return cached_count(self.object_list, limit=self.limit)

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.limit) if self.limit is not None else self.counted

    @property
    def capped(self) -> bool:
        return self.limit is not None and self.counted > self.limit
