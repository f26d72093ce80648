"""Accent- and case-insensitive name matching for the gazetteer."""

from typing import TYPE_CHECKING

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from unidecode import unidecode

if TYPE_CHECKING:
    from circuito.geo.models import Commune


def normalise(text: str) -> str:
    """'Saint-Étienne-de-Tinée' -> 'saint etienne de tinee' (also folds apostrophes and hyphens)."""
    ascii_text = unidecode(text or "").lower()
    for ch in "-'’`.,/()":
        ascii_text = ascii_text.replace(ch, " ")
    return " ".join(ascii_text.split())


def search_communes(query: str, queryset: "QuerySet[Commune] | None" = None) -> "QuerySet[Commune]":
    """Communes whose name (in either language) holds every word of `query`, best matches first.

    Tolerates accents, case, hyphens and apostrophes ("saint etienne" finds
    "Saint-Étienne-de-Tinée", "nizza" finds Nice). Order: names starting with the query (in
    either language), then names with a word starting with it, then the rest; within each,
    well-known places (those with a name in the other language, and provincial capitals) first,
    then larger population, then name.
    """
    from circuito.geo.models import Commune  # the model module imports this one

    queryset = Commune.objects.all() if queryset is None else queryset
    q = normalise(query)
    if not q:
        return queryset.none()
    for word in q.split():
        queryset = queryset.filter(search_name__contains=word)
    alt_names = [
        name
        for name in Commune.objects.exclude(alt_name="").values_list("alt_name", flat=True).distinct()
        if normalise(name).startswith(q)
    ]
    return queryset.annotate(
        match_rank=Case(
            When(Q(search_name__startswith=q) | Q(alt_name__in=alt_names), then=Value(0)),
            When(search_name__contains=f" {q}", then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        ),
        known=Case(
            When(Q(country="IT") & (~Q(alt_name="") | Q(name=F("department__name_it"))), then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ),
    ).order_by("match_rank", "-known", F("population").desc(nulls_last=True), "name", "pk")
