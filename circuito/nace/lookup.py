"""Find NACE activities by code (NACE, NAF or ATECO form) or by words of either language's label."""

import re

from django.db.models import QuerySet
from django.utils.translation import get_language

from circuito.nace.models import NaceActivity, NationalSubclass
from circuito.search import Query, parse, search_linked

_CODE = re.compile(r"(\d{2})(\d{2})([A-Z]|\d{1,2})?")
_CODE_LIKE = re.compile(r"[\d.\s]*\d[\d.\s]*[A-Za-z]?")


def resolve_code(code: str) -> NaceActivity | None:
    """The NACE class meant by a code in any accepted form, or None.

    Accepted: NACE class "10.32" or "1032"; NAF sub-class "10.32Z" (or "1032Z"); ATECO
    sub-category "10.32.00" (or "103200") and category "10.32.0". National codes must exist.
    """
    compact = re.sub(r"[\s.]", "", code or "").upper()
    found = _CODE.fullmatch(compact)
    if not found:
        return None
    division, rest, suffix = found.groups()
    class_code = f"{division}.{rest}"
    if suffix and suffix.isalpha():
        subclass = (
            NationalSubclass.objects.select_related("nace_class")
            .filter(scheme=NationalSubclass.Scheme.NAF, code=f"{class_code}{suffix}")
            .first()
        )
        return subclass.nace_class if subclass else None
    if suffix and len(suffix) == 2:
        subclass = (
            NationalSubclass.objects.select_related("nace_class")
            .filter(scheme=NationalSubclass.Scheme.ATECO, code=f"{class_code}.{suffix}")
            .first()
        )
        return subclass.nace_class if subclass else None
    return NaceActivity.objects.filter(level=NaceActivity.Level.CLASS, code=class_code).first()


def search_activities(
    query: "str | Query", queryset: QuerySet[NaceActivity] | None = None, *, language: str | None = None
) -> QuerySet[NaceActivity]:
    """Activities whose code starts with the query (NACE, NAF or ATECO form), or found by the
    bilingual search: words of their labels and of their NAF/ATECO sub-classes in any form, and
    everyday names of trades that the thesaurus links to a class ("scierie", "caseificio").
    Best first, each row with `search_rank`; `query` may be already parsed."""
    queryset = NaceActivity.objects.all() if queryset is None else queryset
    text = query.text if isinstance(query, Query) else (query or "")
    text = text.strip()
    if not text:
        return queryset.none()
    if _CODE_LIKE.fullmatch(text):
        digits = re.sub(r"\D", "", text)
        if len(digits) > 4 or text[-1].isalpha():
            activity = resolve_code(text)
            return queryset.filter(pk=activity.pk) if activity else queryset.none()
        prefix = digits if len(digits) <= 2 else f"{digits[:2]}.{digits[2:]}"
        return queryset.filter(code__startswith=prefix).order_by("code")
    parsed = query if isinstance(query, Query) else parse_activity_query(text, language)
    return search_linked(queryset, parsed, "nace", scan=True).order_by("-search_rank", "code")


def parse_activity_query(text: str, language: str | None = None) -> Query:
    """A query typed in an activity search box: the last word may be unfinished."""
    return parse(
        text, language=language or get_language() or "fr", vocabularies=VOCABULARIES, prefix=True, domains=("a-",)
    )


def activity_words() -> list[str]:
    """Words of the NACE labels, for typo tolerance."""
    rows = NaceActivity.objects.values_list("label_fr", "label_it")
    return [f"{fr} {it}" for fr, it in rows] + list(NationalSubclass.objects.values_list("label", flat=True))


VOCABULARIES = ("thesaurus", "nace")
