"""A typed postal address ("12 rue des Alpes, 73000 Chambéry", "Via Roma 5, 11100 Aosta (AO)")
matched against the communes gazetteer, on this machine only (no geocoding service).

The gazetteer has no postcodes, so the postcode narrows the search to the departments or
provinces it belongs to (`circuito.geo.postcodes`); the commune's name is then found with the
commune search (accents, abbreviations and one typo tolerated). The point of a matched address is
its commune's point: an approximate place, which the company may refine on the map.
"""

import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from circuito.geo.models import Commune
from circuito.geo.postcodes import departments_for_postcode
from circuito.geo.search import normalise, search_communes
from circuito.search.query import ABBREVIATIONS

MAX_CANDIDATES = 6
_POSTCODE = re.compile(r"(?<!\d)(\d{5})(?!\d)")
# What follows the commune on envelopes: "(AO)", " TO", "CEDEX 9", an arrondissement "3e".
_TRAILING = re.compile(r"\s*(\([A-Za-z]{2}\)|\b[A-Z]{2}\b|\bcedex\b.*|\b\d{1,2}(e|er|eme|ème)?\b)\s*$", re.IGNORECASE)


@dataclass
class AddressMatch:
    """The commune an address names (None unless exactly one fits), what was read from the
    address, and the communes it could mean when it is ambiguous (or fits no postcode)."""

    commune: Commune | None
    name: str = ""
    postcode: str = ""
    candidates: list[Commune] = field(default_factory=list)
    # The name fits communes, but none under this postcode (the candidates are those communes).
    postcode_mismatch: bool = False


def read_address(address: str) -> tuple[str, str]:
    """(postcode, commune name) read from an address: the name follows the postcode, else it is
    the last part after a comma or a dash."""
    text = " ".join((address or "").replace("\n", ", ").split())
    # The last five-digit group: street numbers come first.
    found = ([None, *_POSTCODE.finditer(text)])[-1]
    if found:
        postcode, name = found.group(1), text[found.end() :]
        if not name.strip(" ,-"):  # "Chambéry 73000": the name before the postcode
            name = re.split(r"\s*[,–-]\s+|,\s*", text[: found.start()].strip(" ,-"))[-1]
    else:
        postcode, name = "", re.split(r",|\s[–-]\s", text)[-1]
    name = name.strip(" ,-–")
    for _round in range(3):  # "Aosta (AO)", "Lyon Cedex 03", "Marseille 13e"
        stripped = _TRAILING.sub("", name).strip(" ,-–")
        if stripped == name or not stripped:
            break
        name = stripped
    return postcode, name


def _spellings(word: str) -> set[str]:
    return {word, *ABBREVIATIONS.get(word, ())}


def same_name(typed: str, commune: Commune) -> bool:
    """The typed name is the commune's (or its other-language name), abbreviations spelled out."""
    words = normalise(typed).split()
    for name in (commune.name, commune.alt_name):
        other = normalise(name).split()
        if other and len(other) == len(words) and all(b in _spellings(a) for a, b in zip(words, other, strict=True)):
            return True
    return False


def _postcode_filter(postcode: str) -> Q | None:
    areas = departments_for_postcode(postcode)
    if not areas:
        return None
    condition = Q(pk__in=[])
    for country, codes in areas.items():
        condition |= Q(country=country, department__code__in=codes)
    return condition


def _best(name: str, queryset: QuerySet[Commune]) -> list[Commune]:
    """The communes with exactly this name if any, else those the search finds."""
    found = list(search_communes(name, queryset.select_related("department"))[:50])
    exact = [c for c in found if same_name(name, c)]
    return exact or found


def match_address(address: str, queryset: QuerySet[Commune] | None = None) -> AddressMatch:
    """The commune of `address`, or why none: no name read, nothing found, several candidates."""
    queryset = Commune.objects.all() if queryset is None else queryset
    postcode, name = read_address(address)
    if len(normalise(name)) < 2:
        return AddressMatch(None, name=name, postcode=postcode)
    within = _postcode_filter(postcode) if postcode else None
    found = _best(name, queryset.filter(within) if within is not None else queryset)
    if len(found) == 1:
        return AddressMatch(found[0], name=name, postcode=postcode)
    if found:
        return AddressMatch(None, name=name, postcode=postcode, candidates=found[:MAX_CANDIDATES])
    if within is not None:  # the name exists elsewhere: the postcode (or the name) is wrong
        elsewhere = _best(name, queryset)[:MAX_CANDIDATES]
        return AddressMatch(None, name=name, postcode=postcode, candidates=elsewhere, postcode_mismatch=bool(elsewhere))
    return AddressMatch(None, name=name, postcode=postcode)


def _listed(communes: list[Commune]) -> str:
    return ", ".join(f"{c.name} ({c.department.code})" for c in communes)


def unmatched_message(match: AddressMatch) -> str:
    """Why the address gave no commune and how to fix it, with the candidates when there are some."""
    if match.postcode_mismatch:
        return _(
            "No commune named “%(name)s” has the postcode %(postcode)s; communes of that name: %(candidates)s. "
            "Check the postcode, or pick the commune from the list."
        ) % {"name": match.name, "postcode": match.postcode, "candidates": _listed(match.candidates)}
    if match.candidates:
        return _(
            "“%(name)s” may be several communes: %(candidates)s. Add the postcode to the address, "
            "or pick the commune from the list."
        ) % {"name": match.name, "candidates": _listed(match.candidates)}
    if len(normalise(match.name)) < 2:
        return _(
            "Pick the commune from the list, or type the address with its postcode and commune, "
            "e.g. “12 rue des Alpes, 73000 Chambéry”."
        )
    return _(
        "No commune is called “%(name)s”%(postcode)s: check the spelling of the address, or pick the commune "
        "from the list."
    ) % {"name": match.name, "postcode": f" ({match.postcode})" if match.postcode else ""}
