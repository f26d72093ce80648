"""Bilingual search of the Tiers-Lieux platform on the shared engine (circuito.search): a need
typed in French or Italian finds places, news, events, calls, projects and B2B profiles by their
own words in either language and by the concepts of the thesaurus it names.

    query = parse_query("cerco un taglio laser", "it")
    places = search_places(query, "it")          # best first
    place_reasons(query, places[0])              # ["taglio laser ↔ laser cutter", "Equipment: …"]

A concept the query names ("découpe laser", "accesso al credito") stands for codes
(`query.links("service")`, "equipment", "place"); documents hold a link key for each code a record
has (see tierslieux.search_index), so the code is one more alternative of the query: a single
full-text match, served by the GIN index, finds a record by its words or by its codes.
"""

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from django import forms
from django.db.models import Case, IntegerField, QuerySet, Value, When, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from circuito.search import Query, fold, parse, reasons, search, tokens
from circuito.search.analysis import MAX_QUERY_LENGTH, words
from circuito.search.query import Alternative, Slot, Word
from circuito.search.sql import LINK_WEIGHT
from circuito.translated import current_language
from tierslieux.models import Equipment, Place, PlaceKind, Service, ServiceKind
from tierslieux.search_index import current_thesaurus, link_key, place_parts

# Known words for typo tolerance: the thesaurus and what the places are called and offer.
VOCABULARIES = ("thesaurus", "tierslieux")
PLACE_SCHEMES = ("service", "equipment", "place")
# Fewer letters or digits than this find everything or nothing useful ("a", "3").
MIN_CHARACTERS = 2
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_text(text: str | None) -> str:
    """What was typed, without control characters (PostgreSQL refuses NUL), spaces collapsed,
    bounded as the engine bounds it."""
    return " ".join(_CONTROL.sub(" ", text or "").split())[:MAX_QUERY_LENGTH]


def parse_query(text: str | None, language: str) -> Query:
    """A need typed in a search box of the platform, understood (empty when there is nothing to
    search for: too short, only common words, only symbols)."""
    text = clean_text(text)
    if sum(len(word) for word in words(text)) < MIN_CHARACTERS:
        return Query(text=text, language=language)
    # The Tiers-Lieux vocabulary (kinds of places, services, equipment, needs and sectors): the
    # thesaurus's materials and trades would pull in words no place page holds.
    return parse(text, language=language, vocabularies=VOCABULARIES, domains=("t-",))


def with_links(query: Query, schemes: Iterable[str]) -> Query:
    """`query` with one more slot per code its concepts stand for in `schemes`, found through the
    link key records store for that code, outranking incidental word matches."""
    slots = list(query.slots)
    for scheme in schemes:
        for code, (weight, reason) in sorted(query.links(scheme).items()):
            typed, _sep, label = reason.partition(" ↔ ")
            if fold(typed) == fold(label):  # "decoupe laser ↔ découpe laser" says nothing
                reason = ""
            word = Word(frozenset({link_key(scheme, code)}))
            slots.append(Slot(f"{scheme}:{code}", [Alternative((word,), LINK_WEIGHT * weight, reason)]))
    return replace(query, slots=slots)


def _parsed(query: str | Query, language: str) -> Query:
    return query if isinstance(query, Query) else parse_query(query, language)


def _ordered(queryset: QuerySet, found: QuerySet, *first: str) -> QuerySet:
    """Best first, then the order the list had (its own, or the model's)."""
    order = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    tail = [] if {"pk", "-pk"} & {o for o in order if isinstance(o, str)} else ["pk"]
    return found.order_by(*first, "-search_rank", *order, *tail)


def search_places(query: str | Query, language: str, *, queryset: QuerySet[Place] | None = None) -> QuerySet[Place]:
    """Places found by `query` (text or parsed by `parse_query`), best first: exact name, then
    rank (concepts of the query matching a service kind, an equipment or a place kind count most),
    then the order `queryset` had. Published places unless `queryset` is given."""
    queryset = Place.objects.filter(status=Place.Status.PUBLISHED) if queryset is None else queryset
    parsed = _parsed(query, language)
    if parsed.empty:
        return queryset.none()
    name = clean_text(parsed.text)
    exact = Case(When(name__iexact=name, then=Value(1)), default=Value(0), output_field=IntegerField())
    found = search(queryset, with_links(parsed, PLACE_SCHEMES)).annotate(exact_name=exact)
    return _ordered(queryset, found, "-exact_name")


def search_records(queryset: QuerySet, query: str | Query, language: str, *, schemes: Iterable[str] = ()) -> QuerySet:
    """News, events, projects, calls or B2B profiles of `queryset` found by `query`, best first,
    then in the list's own order; `schemes`: codes the records' documents hold link keys for (none
    when `query` comes from `with_links` already)."""
    parsed = _parsed(query, language)
    if parsed.empty:
        return queryset.none()
    return _ordered(queryset, search(queryset, with_links(parsed, schemes)))


def search_list(form: forms.Form, queryset: QuerySet, *, schemes: Iterable[str] = ()) -> QuerySet:
    """A list page's `q` (a `SearchField` of `form`) applied last, once the list is filtered and
    ordered: best first, then the list's order. Sets `form.search_query` (with its links, for
    `annotate_records`); a `q` that cannot be searched finds nothing, its error says why."""
    form.search_query = None
    if not form.is_bound:
        return queryset
    if "q" in form.errors:
        return queryset.none()
    text = form.cleaned_data.get("q")
    if not text:
        return queryset
    language = current_language()
    form.search_query = with_links(parse_query(text, language), schemes)
    return search_records(queryset, form.search_query, language)


# Why a hit was found -------------------------------------------------------------------------

PART_LABELS = {
    "description": _("In its description"),
    "commune": _("Commune: %(name)s"),
    "kind": _("Kind of place: %(name)s"),
    "service": _("Service: %(name)s"),
    "equipment": _("Equipment: %(name)s"),
}


def _holds(query: Query, text_document: str) -> bool:
    """Whether a document holds every word of some alternative of some slot of `query`."""
    return any(
        all(any((f" {k}" if w.prefix else f" {k} ") in text_document for k in w.keys) for w in alternative.words)
        for slot in query.slots
        for alternative in slot.alternatives
    )


def place_reasons(query: Query, place: Place) -> list[str]:
    """Why `place` was found: the concepts, synonyms and corrections that found it, then the parts
    (services, equipment, kinds, commune, description) holding what was searched. `place` has
    its commune, kinds, services (with kinds) and equipment loaded."""
    extended = with_links(query, PLACE_SCHEMES)
    found = reasons(extended, place.search_document or "")
    for what, obj, part in place_parts(place, current_thesaurus()):
        if what == "name" or not _holds(extended, part):
            continue
        name = str(obj.name) if hasattr(obj, "name") else ""
        if what == "service" and not name:
            name = str(obj.kind.name)
        label = str(PART_LABELS[what]) % {"name": name} if what != "description" else str(PART_LABELS[what])
        if label not in found:
            found.append(label)
    return found


def record_reasons(query: Query, obj: Any, *, schemes: Iterable[str] = ()) -> list[str]:
    """Why a news item, event, project, call or profile was found."""
    return reasons(with_links(query, schemes), getattr(obj, "search_document", "") or "")


def annotate_places(places: Iterable[Place], query: Query | None) -> None:
    """Set `search_reasons` on a page of places (its equipment is loaded here: one query)."""
    places = list(places)
    if query is None or query.empty:
        return
    prefetch_related_objects(places, "equipment__kind")
    for place in places:
        place.search_reasons = place_reasons(query, place)


def annotate_records(objects: Iterable[Any], query: Query | None, *, schemes: Iterable[str] = ()) -> None:
    """Set `search_reasons` on a page of other records (`schemes`: none for a query of
    `search_list`, which has its links already)."""
    if query is None or query.empty:
        return
    for obj in objects:
        obj.search_reasons = record_reasons(query, obj, schemes=schemes)


# Forms and typo tolerance --------------------------------------------------------------------


class SearchField(forms.CharField):
    """The search box of a list: optional, bounded; says what is wrong with what was typed
    rather than finding everything or nothing without a word."""

    default_error_messages = {
        "too_short": _("Type at least two letters or digits of what you are looking for."),
        "too_common": _(
            "These words are too common to search for: say what you are looking for, e.g. “laser cutting”, "
            "“coworking” or “funding”."
        ),
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        super().__init__(**kwargs)

    def validate(self, value: str) -> None:
        super().validate(value)
        if not value:
            return
        if sum(len(word) for word in words(clean_text(value))) < MIN_CHARACTERS:
            raise forms.ValidationError(self.error_messages["too_short"], code="too_short")
        if not tokens(clean_text(value)):
            raise forms.ValidationError(self.error_messages["too_common"], code="too_common")


def tierslieux_words() -> list[str]:
    """Names of places, kinds, services and equipment: words the typo tolerance may correct to."""
    texts = list(Place.objects.filter(status=Place.Status.PUBLISHED).values_list("name", flat=True))
    for model in (PlaceKind, ServiceKind, Service):
        texts += [f"{fr} {it}" for fr, it in model.objects.values_list("name_fr", "name_it")]
    rows = Equipment.objects.values_list("kind__name_fr", "kind__name_it", "name")
    texts += [" ".join(filter(None, row)) for row in rows]
    return texts
