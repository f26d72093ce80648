"""Reference codes: the waste-code autocomplete and the page browsing the List of Waste."""

from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from bourseflux.fields import ewc_label
from bourseflux.models import EwcCode, MaterialCategory
from bourseflux.reference_lookup import search_ewc
from circuito.geo.forms import MIN_CHARS
from circuito.geo.views import autocomplete_response

MAX_RESULTS = 15


def _other_language() -> str:
    return "it" if (get_language() or "fr").startswith("fr") else "fr"


def ewc_autocomplete(request: HttpRequest) -> HttpResponse:
    """Waste codes (level 3) starting with ?q= (spaces optional) or whose labels hold its words."""
    query = request.GET.get("q", "")[:100]
    codes: list[EwcCode] = []
    if len(query.strip()) >= MIN_CHARS:
        codes = list(search_ewc(query, EwcCode.objects.filter(level=EwcCode.Level.ENTRY))[:MAX_RESULTS])
    other = f"label_{_other_language()}"
    options = [
        {
            "value": c.pk,
            "label": ewc_label(c),
            "name": ewc_label(c),
            "code": c.code,
            "hazardous": c.hazardous,
            "label_fr": c.label_fr,
            "label_it": c.label_it,
            "detail": (_("Hazardous waste") + " · " if c.hazardous else "") + (getattr(c, other) or ""),
        }
        for c in codes
    ]
    return autocomplete_response(
        request, query, options, _("No waste code found: check the code or the words, or type fewer letters.")
    )


def codes(request: HttpRequest) -> HttpResponse:
    """The List of Waste by chapter and sub-chapter, and the tree of material categories."""
    entries = EwcCode.objects.filter(level=EwcCode.Level.ENTRY).order_by("code")
    subchapters = EwcCode.objects.filter(level=EwcCode.Level.SUBCHAPTER).order_by("code")
    chapters = (
        EwcCode.objects.filter(level=EwcCode.Level.CHAPTER)
        .order_by("code")
        .prefetch_related(Prefetch("children", subchapters), Prefetch("children__children", entries))
    )
    categories = (
        MaterialCategory.objects.filter(parent__isnull=True)
        .order_by("sort_order", "code")
        .prefetch_related(Prefetch("children", MaterialCategory.objects.order_by("sort_order", "code")))
    )
    return render(
        request,
        "bourseflux/reference/codes.html",
        {"chapters": chapters, "categories": categories, "other_language": _other_language()},
    )


def byproduct_check(request: HttpRequest, pk: int) -> HttpResponse:  # filled below
    raise NotImplementedError


def technical_sheet(request: HttpRequest, pk: int) -> HttpResponse:  # filled below
    raise NotImplementedError
