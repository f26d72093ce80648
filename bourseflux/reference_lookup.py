"""Reads over the reference codes: find EWC codes by code or words, the material category (or
categories) of a waste code, and the typical flows of an economic activity."""

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils.translation import get_language

from bourseflux.models import ActivityFlowProfile, EwcCode, MaterialCategory
from circuito.search import Query, document, parse, search_linked

_CODE_LIKE = re.compile(r"[\d\s.*-]*\d[\d\s.*-]*")


def ewc_search_document(code: str, label_fr: str, label_it: str, keywords: str = "") -> str:
    """What EWC searches match: the code without and with spaces, both labels, common names."""
    return document(code.replace(" ", ""), code, label_fr, label_it, keywords)


def format_ewc_code(digits: str) -> str:
    """'020304' -> '02 03 04'; a partial '0203' -> '02 03', '020' -> '02 0'."""
    return " ".join(digits[i : i + 2] for i in range(0, len(digits), 2))


def parse_ewc_query(text: str, language: str | None = None) -> Query:
    """A query typed in a waste-code search box: the last word may be unfinished."""
    return parse(
        text,
        language=language or get_language() or "fr",
        vocabularies=EWC_VOCABULARIES,
        prefix=True,
        domains=MATERIAL_CONCEPTS,
    )


def search_ewc(
    query: "str | Query", queryset: QuerySet[EwcCode] | None = None, *, language: str | None = None
) -> QuerySet[EwcCode]:
    """Codes starting with the typed code (with or without spaces, a trailing * ignored), or found
    by the bilingual search: words of either label in any form, and everyday, trade and regional
    names that the thesaurus links to a code ("sciure", "segatura", "huile de friture").
    Best first (`search_rank`); `query` may be already parsed."""
    queryset = EwcCode.objects.all() if queryset is None else queryset
    text = (query.text if isinstance(query, Query) else query or "").strip()
    if not text:
        return queryset.none()
    if _CODE_LIKE.fullmatch(text):
        digits = re.sub(r"\D", "", text)[:6]
        return queryset.filter(code__startswith=format_ewc_code(digits)).order_by("code")
    parsed = query if isinstance(query, Query) else parse_ewc_query(text, language)
    return search_linked(queryset, parsed, "ewc", scan=True).order_by("-search_rank", "code")


def ewc_words() -> list[str]:
    """Words of the EWC labels and common names, for typo tolerance."""
    return [f"{fr} {it}" for fr, it in EwcCode.objects.values_list("label_fr", "label_it")]


EWC_VOCABULARIES = ("thesaurus", "ewc")
# Materials and what they are used for: the thesaurus's trades and places say nothing of codes.
MATERIAL_CONCEPTS = ("m-", "u-", "o-")


def _prefix_table() -> list[tuple[str, int]]:
    """(prefix, category pk), longest prefixes first; on equal prefixes a sub-category wins over
    its top category (the top lists its children's prefixes too, so it covers them by itself)."""
    rows = []
    for pk, parent_id, prefixes in MaterialCategory.objects.values_list("pk", "parent_id", "ewc_prefixes"):
        for prefix in prefixes or []:
            rows.append((len(str(prefix).strip()), parent_id is not None, str(prefix).strip(), pk))
    rows.sort(key=lambda row: (-row[0], not row[1], row[3]))
    return [(prefix, pk) for _length, _is_sub, prefix, pk in rows]


def category_pk_for_code(code: str, table: list[tuple[str, int]] | None = None) -> int | None:
    """The pk of the category with the longest EWC prefix matching `code` (no query with `table`)."""
    for prefix, pk in table if table is not None else _prefix_table():
        if prefix and code.startswith(prefix):
            return pk
    return None


def category_for_ewc(ewc: EwcCode) -> MaterialCategory | None:
    """The material category of a waste code: the one whose EWC prefix is the longest match."""
    pk = category_pk_for_code(ewc.code)
    return MaterialCategory.objects.filter(pk=pk).first() if pk else None


@dataclass
class CategoryTree:
    """The material categories as matching reads them: a code belongs to every category that
    lists its longest matching prefix ("20 01 25" is both a food residue and a used oil), a
    sub-category standing for its top category (which lists its children's prefixes too)."""

    parent: dict[int, int | None]
    slug: dict[int, str]
    names: dict[int, dict[str, str]]
    # (prefix, category pk), longest prefixes first.
    table: list[tuple[str, int]]
    _of_code: dict[str, frozenset[int]] = field(default_factory=dict)

    def root(self, pk: int) -> int:
        return self.parent.get(pk) or pk

    def for_code(self, code: str) -> frozenset[int]:
        found = self._of_code.get(code)
        if found is None:
            length, pks = 0, set()
            for prefix, pk in self.table:
                if len(prefix) < length:
                    break
                if code.startswith(prefix):
                    length = len(prefix)
                    pks.add(pk)
            found = frozenset(pk for pk in pks if not any(self.parent.get(other) == pk for other in pks))
            self._of_code[code] = found
        return found

    def prefixes(self, pks: Iterable[int]) -> set[str]:
        wanted = set(pks)
        return {prefix for prefix, pk in self.table if pk in wanted}


_last_tree: tuple[tuple, CategoryTree] | None = None


def category_tree() -> CategoryTree:
    """The categories and their EWC prefixes (one query; the tree of the previous call, with what
    it learnt of codes, when the rows have not changed)."""
    global _last_tree
    rows = tuple(
        (pk, code, parent_id, tuple(prefixes or ()), name_fr, name_it)
        for pk, code, parent_id, prefixes, name_fr, name_it in MaterialCategory.objects.values_list(
            "pk", "code", "parent_id", "ewc_prefixes", "name_fr", "name_it"
        )
    )
    last = _last_tree
    if last is not None and last[0] == rows:
        return last[1]
    parent, slug, names, table = {}, {}, {}, []
    for pk, code, parent_id, prefixes, name_fr, name_it in rows:
        parent[pk], slug[pk], names[pk] = parent_id, code, {"fr": name_fr or "", "it": name_it or ""}
        table.extend((str(prefix).strip(), pk) for prefix in prefixes or [] if str(prefix).strip())
    table.sort(key=lambda row: -len(row[0]))
    tree = CategoryTree(parent, slug, names, table)
    _last_tree = (rows, tree)
    return tree


def nace_prefixes(nace_code: str) -> list[str]:
    """'11.03' (or '11.03Z', '11.03.00') -> ['11.03', '11.0', '11']: class, group, division."""
    compact = re.sub(r"[^\d]", "", nace_code or "")[:4]
    if len(compact) < 2:
        return []
    division = compact[:2]
    prefixes = [division]
    if len(compact) >= 3:
        prefixes.append(f"{division}.{compact[2]}")
    if len(compact) >= 4:
        prefixes.append(f"{division}.{compact[2:4]}")
    return prefixes[::-1]


def profiles_for_nace(nace_code: str) -> QuerySet[ActivityFlowProfile]:
    """Typical flows of an activity, matched on its class, group and division codes."""
    prefixes = nace_prefixes(nace_code)
    return (
        ActivityFlowProfile.objects.filter(nace_code__in=prefixes)
        .select_related("category__parent", "ewc")
        .order_by("direction", "nace_code", "pk")
    )
