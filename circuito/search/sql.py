"""A parsed query applied to a queryset: the filter (a GIN-indexed full-text match on PostgreSQL,
LIKE on SQLite, giving the same rows) and a rank that both databases compute the same way."""

from django.db import connections
from django.db.models import Case, FloatField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce

from circuito.search.query import Alternative, Query, Slot, Word


def _word_q(field: str, word: Word) -> Q:
    condition = Q()
    for key in sorted(word.keys):
        condition |= Q(**{f"{field}__contains": f" {key}" if word.prefix else f" {key} "})
    return condition


def _alternative_q(field: str, alternative: Alternative) -> Q:
    condition = Q()
    for word in alternative.words:
        condition &= _word_q(field, word)
    return condition


def _slot_q(field: str, slot: Slot) -> Q:
    condition = Q()
    for alternative in slot.alternatives:
        condition |= _alternative_q(field, alternative)
    return condition


def _tsquery(query: Query, require_all: bool) -> str:
    def word(w: Word) -> str:
        return "(" + " | ".join(f"{k}:*" if w.prefix else k for k in sorted(w.keys)) + ")"

    def slot(s: Slot) -> str:
        return "(" + " | ".join("(" + " & ".join(word(w) for w in a.words) + ")" for a in s.alternatives) + ")"

    return (" & " if require_all else " | ").join(slot(s) for s in query.slots)


def matching(queryset: QuerySet, query: Query, *, field: str = "search_document", require_all: bool = False) -> Q:
    """The condition of the rows that `query` finds (every slot when `require_all`, else any)."""
    if connections[queryset.db].vendor == "postgresql":
        return Q(**{f"{field}__tsmatch": _tsquery(query, require_all)})
    condition = Q()
    for slot in query.slots:
        condition = (condition & _slot_q(field, slot)) if require_all else (condition | _slot_q(field, slot))
    return condition


def rank(query: Query, *, field: str = "search_document") -> Coalesce:
    """Sum, over the query's slots, of the best weight among the alternatives a row holds."""
    total = Value(0.0, output_field=FloatField())
    for slot in query.slots:
        whens = [
            When(_alternative_q(field, alternative), then=Value(alternative.weight))
            for alternative in sorted(slot.alternatives, key=lambda a: -a.weight)
        ]
        total = total + Case(*whens, default=Value(0.0), output_field=FloatField())
    return Coalesce(total, Value(0.0), output_field=FloatField())


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
    queryset: QuerySet, query: Query, scheme: str, *, field: str = "search_document", code_field: str = "code"
) -> QuerySet:
    """Rows that `query` finds by their words or by a code its concepts stand for, annotated with
    `search_rank` (words + code boost)."""
    if query.empty:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    link_condition, boost = linked_codes(query, scheme, code_field)
    return queryset.filter(matching(queryset, query, field=field) | link_condition).annotate(
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
