"""Find NACE activities by code (NACE, NAF or ATECO form) or by words of either language's label."""

import re

from django.db.models import QuerySet

from circuito.geo.search import normalise
from circuito.nace.models import NaceActivity, NationalSubclass

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


def search_activities(query: str, queryset: QuerySet[NaceActivity] | None = None) -> QuerySet[NaceActivity]:
    """Activities whose code starts with the query (NACE, NAF or ATECO form), or whose labels
    (French or Italian, accents and case ignored) hold every word of it; in code order."""
    queryset = NaceActivity.objects.all() if queryset is None else queryset
    query = (query or "").strip()
    if not query:
        return queryset.none()
    if _CODE_LIKE.fullmatch(query):
        digits = re.sub(r"\D", "", query)
        if len(digits) > 4 or query[-1].isalpha():
            activity = resolve_code(query)
            return queryset.filter(pk=activity.pk) if activity else queryset.none()
        prefix = digits if len(digits) <= 2 else f"{digits[:2]}.{digits[2:]}"
        return queryset.filter(code__startswith=prefix).order_by("code")
    for word in normalise(query).split():
        queryset = queryset.filter(search_text__contains=word)
    return queryset.order_by("code")
