"""Accent- and case-insensitive name matching for the gazetteer."""

import re
from typing import TYPE_CHECKING

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from unidecode import unidecode

if TYPE_CHECKING:
    from circuito.geo.models import Commune
    from circuito.search import Query


def normalise(text: str) -> str:
    """'Saint-Étienne-de-Tinée' -> 'saint etienne de tinee' (also folds apostrophes and hyphens)."""
    ascii_text = unidecode(text or "").lower()
    for ch in "-'’`.,/()":
        ascii_text = ascii_text.replace(ch, " ")
    return " ".join(ascii_text.split())


# Contractions of Italian addresses and road signs (first letter, dot, last letters): the words
# they stand for, spelled out before the query is read ("Limone P.te" is Limone Piemonte).
CONTRACTIONS = {
    "p.te": "Piemonte",
    "t.se": "Torinese",
    "c.se": "Canavese",
    "m.to": "Monferrato",
    "m.te": "Monte",
    "b.go": "Borgo",
}
_CONTRACTION = re.compile(r"(?<![\w.])(" + "|".join(re.escape(c) for c in CONTRACTIONS) + r")(?![\w])", re.IGNORECASE)


def parse_commune_query(query: str) -> "Query":
    """A commune typed in a search box: names are not expanded by the thesaurus, but
    abbreviations ("St", "Ste", "S.", "P.te") are spelled out and one typo is corrected."""
    from circuito.search import parse

    query = _CONTRACTION.sub(lambda m: CONTRACTIONS[m.group(1).lower()], query or "")
    return parse(query, vocabularies=("communes",), prefix=True, expand=False, stem=False)


def search_communes(query: "str | Query", queryset: "QuerySet[Commune] | None" = None) -> "QuerySet[Commune]":
    """Communes whose names (in either language) hold every word of `query`, best matches first.

    Tolerates accents, case, hyphens, apostrophes, abbreviations and one typo per word ("st
    etienne" and "saint etienne" find "Saint-Étienne-de-Tinée", "nizza" finds Nice, "chamonx"
    Chamonix). Order: names starting with the query (in either language), then names with a word
    starting with it, then the rest; then what was typed before corrections; within each, the
    communes of the ALCOTRA area (the portal's own), well-known places (those with a name in the
    other language, and provincial capitals), then larger population, then name.
    """
    from circuito.geo.models import Commune  # the model module imports this one
    from circuito.search import Query, search

    queryset = Commune.objects.all() if queryset is None else queryset
    parsed = query if isinstance(query, Query) else parse_commune_query(query)
    q = normalise(parsed.text)
    if not q or parsed.empty:
        return queryset.none()
    alt_names = [name for name in _alt_names() if normalise(name).startswith(q)]
    return (
        search(queryset, parsed, require_all=True)
        .annotate(
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
        )
        .order_by(
            "match_rank",
            "-search_rank",
            F("department__in_alcotra").desc(),
            "-known",
            F("population").desc(nulls_last=True),
            "name",
            "pk",
        )
    )


def _alt_names() -> list[str]:
    """The names of communes in the other language (a few dozen), read once per vocabulary
    version: typing one ranks its commune first."""
    from circuito.geo.models import Commune
    from circuito.search import thesaurus

    version = thesaurus.version()
    if _ALT_NAMES.get("version") != version:
        names = Commune.objects.exclude(alt_name="").order_by().values_list("alt_name", flat=True).distinct()
        _ALT_NAMES.update(version=version, names=list(names))
    return _ALT_NAMES["names"]


_ALT_NAMES: dict = {}


def _forget_alt_names() -> None:
    _ALT_NAMES.clear()


def commune_words() -> list[str]:
    """Every commune's names, for typo tolerance."""
    from circuito.geo.models import Commune
    from circuito.geo.reference import OTHER_NAMES

    names = [f"{name} {alt}" for name, alt in Commune.objects.values_list("name", "alt_name")]
    return names + [name for others in OTHER_NAMES.values() for name in others]
