"""A parsed query applied to a queryset: the filter (a GIN-indexed full-text match on PostgreSQL,
LIKE on SQLite, giving the same rows) and a rank that both databases compute the same way."""

from django.db import connection
from django.db.models import BooleanField, Case, Expression, F, FloatField, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import RawSQL

from circuito.search.fields import TSVECTOR
from circuito.search.query import Alternative, Query, Slot, Word


class _SearchSQL(Expression):
    """The SQL of a parsed query over one text column, written as one string with parameters.

    Built by hand rather than from Q/When objects: a query expanded by the thesaurus has dozens
    of alternatives, and Django's expression trees cost more to compile than the SQL costs to
    run. Keys are [a-z0-9] only (see analysis.py), so LIKE patterns need no escaping."""

    def __init__(self, column, query: Query, *, require_all: bool = False, output_field=None) -> None:
        super().__init__(output_field=output_field)
        self.column, self.query, self.require_all = column, query, require_all

    @property
    def identity(self) -> tuple:
        # Equal when built from the same parsed query over the same column.
        return (self.__class__, id(self.query), self.require_all, self.column)

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, exprs) -> None:
        (self.column,) = exprs

    @staticmethod
    def _word(column: str, word: Word, params: list, vendor: str) -> str:
        # A plain substring test where the database has one: the same rows as LIKE '% key %'
        # (keys hold no wildcard), about five times faster on PostgreSQL, and the rank tests
        # every row found.
        test = _SUBSTRING.get(vendor)
        parts = []
        for key in sorted(word.keys):
            needle = f" {key}" if word.prefix else f" {key} "
            if test is None:
                parts.append(f"{column} LIKE %s")
                params.append(f"%{needle}%")
            else:
                parts.append(test.format(column=column))
                params.append(needle)
        return "(" + " OR ".join(parts) + ")"

    def _alternative(self, column: str, alternative: Alternative, params: list, vendor: str) -> str:
        return "(" + " AND ".join(self._word(column, w, params, vendor) for w in alternative.words) + ")"


# Whether a document holds " key" (documents and keys are folded to [a-z0-9] words).
_SUBSTRING = {"postgresql": "strpos({column}, %s) > 0", "sqlite": "instr({column}, %s) > 0"}


class _Match(_SearchSQL):
    """True for the rows the query finds: a GIN-indexed full-text match on PostgreSQL, the same
    rows with substring tests elsewhere, and on PostgreSQL too for a table read whole (`scan`)."""

    conditional = True

    def __init__(self, column, query: Query, *, require_all: bool = False, scan: bool = False) -> None:
        super().__init__(column, query, require_all=require_all, output_field=BooleanField())
        self.scan = scan

    @property
    def identity(self) -> tuple:
        return (*super().identity, self.scan)

    def as_sql(self, compiler, connection):
        column, column_params = compiler.compile(self.column)
        if connection.vendor == "postgresql" and not self.scan:
            sql = f"{TSVECTOR.format(column=column)} @@ to_tsquery('simple'::regconfig, %s)"
            return sql, [*column_params, _tsquery(self.query, self.require_all)]
        params: list = []
        slots, vendor = [], connection.vendor
        for slot in self.query.slots:
            slots.append(
                "(" + " OR ".join(self._alternative(column, a, params, vendor) for a in slot.alternatives) + ")"
            )
        joiner = " AND " if self.require_all else " OR "
        # A plain column compiles without parameters: the column SQL is repeated as is.
        return "(" + joiner.join(slots) + ")", params


class _Rank(_SearchSQL):
    """Sum, over the query's slots, of the best weight among the alternatives a row holds."""

    def __init__(self, column, query: Query) -> None:
        super().__init__(column, query, output_field=FloatField())

    def as_sql(self, compiler, connection):
        column, _column_params = compiler.compile(self.column)
        params: list = []
        cases = []
        for slot in self.query.slots:
            whens = []
            for alternative in sorted(slot.alternatives, key=lambda a: -a.weight):
                whens.append(
                    f"WHEN {self._alternative(column, alternative, params, connection.vendor)} "
                    f"THEN {float(alternative.weight)!r}"
                )
            cases.append(f"(CASE {' '.join(whens)} ELSE 0.0 END)")
        return "(" + (" + ".join(cases) or "0.0") + ")", params


def _tsquery(query: Query, require_all: bool) -> str:
    def word(w: Word) -> str:
        return "(" + " | ".join(f"{k}:*" if w.prefix else k for k in sorted(w.keys)) + ")"

    def slot(s: Slot) -> str:
        return "(" + " | ".join("(" + " & ".join(word(w) for w in a.words) + ")" for a in s.alternatives) + ")"

    return (" & " if require_all else " | ").join(slot(s) for s in query.slots)


def matching(
    queryset: QuerySet, query: Query, *, field: str = "search_document", require_all: bool = False, scan: bool = False
) -> Q:
    """The condition of the rows that `query` finds (every slot when `require_all`, else any).

    `scan`: the table is small and fixed (reference codes): its rows are tested as substrings,
    the same rows as the index finds. PostgreSQL's planner often scans such a table anyway, and
    then computes the tsvector of every row (about 50 µs each: 40 ms for 1,000 codes)."""
    return Q(_Match(F(field), query, require_all=require_all, scan=scan))


def rank(query: Query, *, field: str = "search_document") -> Expression:
    """Sum, over the query's slots, of the best weight among the alternatives a row holds."""
    return _Rank(F(field), query)


def search(queryset: QuerySet, query: Query, *, field: str = "search_document", require_all: bool = False) -> QuerySet:
    """`queryset` narrowed to what `query` finds, annotated with `search_rank` (not yet ordered:
    each app orders by its own rules, usually `-search_rank` first)."""
    if query.empty:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    return queryset.filter(matching(queryset, query, field=field, require_all=require_all)).annotate(
        search_rank=rank(query, field=field)
    )


def reasons(query: Query, document: str) -> list[str]:
    """Why a record with this search document was found: the reason of the best alternative of
    each slot it holds ("segatura ↔ sciure", "cuneeo → cuneo"), in query order."""
    found = [f"{typed} → {fixed}" for typed, fixed in query.corrections.items()]
    for slot in query.slots:
        for alternative in sorted(slot.alternatives, key=lambda a: -a.weight):
            if all(_holds(document, word) for word in alternative.words):
                if alternative.reason and alternative.reason not in found:
                    found.append(alternative.reason)
                break
    return found


def _holds(document: str, word: Word) -> bool:
    return any((f" {key}" if word.prefix else f" {key} ") in document for key in word.keys)


def annotate_reasons(objects, query: Query, field: str = "search_document") -> None:
    """Set `search_reasons` on each object of a page of results."""
    for obj in objects:
        obj.search_reasons = reasons(query, getattr(obj, field, "") or "")


# A code that a recognised concept stands for outranks any number of incidental word matches.
LINK_WEIGHT = 3.0


def linked_codes(query: Query, scheme: str, code_field: str = "code") -> tuple[Q, Case | Value]:
    """Rows whose code a concept of the query links to (a shorter code: every code under it),
    and the boost they get: `LINK_WEIGHT` × the concept's weight, 60 % of it under a prefix."""
    links = query.links(scheme)
    if not links:
        return Q(pk__in=[]), Value(0.0, output_field=FloatField())
    condition = Q()
    exact, under = [], []
    for code, (weight, _reason) in sorted(links.items(), key=lambda item: -item[1][0]):
        condition |= Q(**{f"{code_field}__startswith": code})
        exact.append(When(**{code_field: code}, then=Value(LINK_WEIGHT * weight)))
        under.append(When(**{f"{code_field}__startswith": code}, then=Value(0.6 * LINK_WEIGHT * weight)))
    return condition, Case(*exact, *under, default=Value(0.0), output_field=FloatField())


def search_linked(
    queryset: QuerySet,
    query: Query,
    scheme: str,
    *,
    field: str = "search_document",
    code_field: str = "code",
    scan: bool = False,
) -> QuerySet:
    """Rows that `query` finds by their words or by a code its concepts stand for, annotated with
    `search_rank` (words + code boost). `scan`: see `matching`."""
    if query.empty:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    link_condition, boost = linked_codes(query, scheme, code_field)
    return queryset.filter(matching(queryset, query, field=field, scan=scan) | link_condition).annotate(
        search_rank=rank(query, field=field) + boost
    )


def hit_reasons(
    query: Query, obj, *, scheme: str | None = None, code_field: str = "code", field: str = "search_document"
) -> list[str]:
    """Why `obj` was found: typos corrected, the concept that stands for its code, then the
    words' reasons."""
    found = [f"{typed} → {fixed}" for typed, fixed in query.corrections.items()]
    if scheme:
        code = getattr(obj, code_field, "") or ""
        for linked, (_weight, reason) in query.links(scheme).items():
            if code.startswith(linked) and reason not in found:
                found.append(reason)
    for reason in reasons(query, getattr(obj, field, "") or ""):
        if reason not in found:
            found.append(reason)
    return found


def window(found: QuerySet, size: int, first: Q | None = None) -> QuerySet | RawSQL:
    """The ids of at most `size` rows of `found` (rows a search found, not yet ranked): those
    matching `first` (exact code or name hits) first, then the newest. For `pk__in=`: ranking
    only this window bounds a search's cost whatever the number of matches, and gives the same
    order as ranking every match whenever they fit in it.

    On PostgreSQL the matches are collected first (a materialised CTE: the index finds them, only
    their ids are read); ordered by id under a LIMIT, the planner would rather walk the primary
    key and compute each row's tsvector until enough match."""
    key = Case(When(first, then=Value(1)), default=Value(0), output_field=IntegerField()) if first else Value(0)
    rows = found.order_by().annotate(window_id=F("pk"), window_first=key)
    if connection.vendor != "postgresql":
        return rows.order_by("-window_first", "-window_id").values("window_id")[:size]
    sql, params = rows.values("window_id", "window_first").query.sql_with_params()
    return RawSQL(
        f"WITH found AS MATERIALIZED ({sql}) "
        "SELECT found.window_id FROM found ORDER BY found.window_first DESC, found.window_id DESC LIMIT %s",
        (*params, size),
    )
