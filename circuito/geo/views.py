from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from circuito.geo.forms import MIN_CHARS
from circuito.geo.models import Commune, Country
from circuito.geo.search import normalise, parse_commune_query, search_communes
from circuito.search import hit_reasons

MAX_RESULTS = 15


def autocomplete_response(request: HttpRequest, query: str, options: list[dict], empty_text: str) -> HttpResponse:
    """The answer of an autocomplete view: JSON with ?format=json, else the options fragment."""
    if request.GET.get("format") == "json":
        return JsonResponse({"query": query, "results": options})
    if len(normalise(query)) < MIN_CHARS:
        status = empty_text = _("Type at least two letters.")
    else:
        status = ngettext("%(count)d suggestion", "%(count)d suggestions", len(options)) % {"count": len(options)}
    return render(
        request,
        "geo/autocomplete_options.html",
        {"options": options, "status": status, "empty_text": empty_text},
    )


def commune_autocomplete(request: HttpRequest) -> HttpResponse:
    """Communes matching ?q= (either language, accents and case ignored), optionally ?country=."""
    query = request.GET.get("q", "")[:100]
    communes: list[Commune] = []
    parsed = None
    if len(normalise(query)) >= MIN_CHARS:
        queryset = Commune.objects.select_related("department")
        country = request.GET.get("country", "").upper()
        if country in Country.values:
            queryset = queryset.filter(country=country)
        parsed = parse_commune_query(query)
        communes = list(search_communes(parsed, queryset)[:MAX_RESULTS])
    options = [
        {
            "value": c.pk,
            "label": f"{c.name} ({c.department.code})",
            "name": c.name,
            "alt_name": c.alt_name,
            "code": c.code,
            "department": c.department.code,
            "country": c.country,
            "detail": f"{c.department.name} ({c.department.code}) · {c.get_country_display()}",
            "reasons": hit_reasons(parsed, c) if parsed else [],
        }
        for c in communes
    ]
    return autocomplete_response(
        request, query, options, _("No commune found: check the spelling, or type fewer letters.")
    )


def _commune_json(commune: Commune) -> dict:
    return {
        "value": commune.pk,
        "label": f"{commune.name} ({commune.department.code})",
        "latitude": commune.latitude,
        "longitude": commune.longitude,
    }


def address_match(request: HttpRequest) -> JsonResponse:
    """The commune of the typed ?address= (postcode and commune matched against the gazetteer),
    or the message and the candidates when it is ambiguous or unknown (circuito.geo.address)."""
    from circuito.geo.address import match_address, unmatched_message

    match = match_address(request.GET.get("address", "")[:250])
    if match.commune is not None:
        return JsonResponse({"commune": _commune_json(match.commune)})
    return JsonResponse(
        {
            "commune": None,
            "message": unmatched_message(match),
            "candidates": [_commune_json(c) for c in match.candidates],
        }
    )
