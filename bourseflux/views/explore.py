"""Exploring flows: the list with search and filters, the map and its GeoJSON, exports."""

import hashlib
from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition, require_POST, require_safe

from bourseflux import exports
from bourseflux.anonymity import reveal
from bourseflux.caching import NAMESPACE, PAGE_SECONDS, CountedPaginator
from bourseflux.filters import FlowFilter, filtered_flows
from bourseflux.geojson import flows_collection, localized, object_url, synergies_collection, url_pattern
from bourseflux.jobs import EXPORT_FLOWS
from bourseflux.permissions import can_see_quantities
from bourseflux.search import annotate_flow_reasons
from circuito.geo.models import Country
from circuito.jobs.services import enqueue_job
from circuito.page_cache import namespace_version, public_page, version_time

PAGE_SIZE = 25
GEOJSON = "application/geo+json"
SEARCH_COUNT_LIMIT = 1000


def _filter_query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _filter_values(data) -> dict[str, str]:
    """The filter values of a request, as plain strings (for job parameters and hidden fields)."""
    return {name: data.get(name) for name in FlowFilter.base_filters if data.get(name)}


@require_safe
@public_page(NAMESPACE, timeout=PAGE_SECONDS)
def flow_list(request: HttpRequest) -> HttpResponse:
    flt, qs = filtered_flows(request.GET, request.user)
    search = getattr(flt, "search_query", None)
    searching = search is not None and not search.empty
    if searching:
        # Best first. Related rows are fetched for the page only: joined, they would be read for
        # every match before the sort (the code and parent category say why a hit was found).
        qs = qs.prefetch_related("organisation", "category__parent", "ewc", "site__commune")
        qs = qs.order_by("-search_rank", "-pk")
    else:
        # Newest first by id: the primary key index serves the order, where sorting 100,000 rows
        # by publication date would not be (no index on published_at).
        qs = qs.select_related("organisation", "category", "site__commune", "department").order_by("-pk")
    # A search counts at most SEARCH_COUNT_LIMIT matches ("more than 1,000 flows"); counts are
    # kept until the next write, so that paging does not count every match again.
    paginator = CountedPaginator(qs, PAGE_SIZE, limit=SEARCH_COUNT_LIMIT if searching else None)
    page = paginator.get_page(request.GET.get("page"))
    annotate_flow_reasons(page, search if searching else None)
    reveal(request.user, page)  # anonymous listings: one decision for the whole page
    detail = url_pattern("bourseflux:flow_detail")
    countries = dict(Country.choices)
    for flow in page:
        flow.url = object_url(detail, flow.pk)
        flow.country_name = countries.get(flow.country, flow.country)
        flow.display_title, flow.original_language = localized(flow, "title")
        flow.category_name = localized(flow.category, "name")[0]
        flow.quantities_visible = can_see_quantities(request.user, flow)
    return render(
        request,
        "bourseflux/explore/flow_list.html",
        {
            "filter": flt,
            "form": flt.form,
            "page": page,
            "query": _filter_query(request),
            "filters": _filter_values(request.GET),
            "search_without_words": search is not None and search.empty,
        },
    )


@require_safe
def flow_map(request: HttpRequest) -> HttpResponse:
    flt = FlowFilter(request.GET or None)
    tiles = settings.LEAFLET_CONFIG["TILES"][0]
    config = settings.LEAFLET_CONFIG
    return render(
        request,
        "bourseflux/explore/map.html",
        {
            "form": flt.form,
            "tile_url": tiles[1],
            "tile_attribution": tiles[2].get("attribution", ""),
            "center_lat": config["DEFAULT_CENTER"][0],
            "center_lon": config["DEFAULT_CENTER"][1],
            "zoom": config["DEFAULT_ZOOM"],
            "filters": _filter_values(request.GET),
            "query": _filter_query(request),  # the list alternative keeps the map's filters
        },
    )


def _reader(request: HttpRequest) -> str:
    """Who the answer is for: every visitor sees the same flows; a member also sees drafts of
    their organisations and more quantities."""
    return f"u{request.user.pk}" if request.user.is_authenticated else "anonymous"


def _map_etag(request: HttpRequest) -> str:
    """The same for as long as no write changed the flux exchange, for the same reader, language,
    filters and day (expired flows leave the map at midnight)."""
    what = f"{get_language()}|{_reader(request)}|{timezone.localdate()}|{request.get_full_path()}"
    return f'"{namespace_version(NAMESPACE)}-{hashlib.sha1(what.encode()).hexdigest()[:16]}"'


def _map_last_modified(request: HttpRequest) -> datetime:
    return datetime.fromtimestamp(version_time(namespace_version(NAMESPACE)), UTC)


@require_safe
@condition(etag_func=_map_etag, last_modified_func=_map_last_modified)
@public_page(NAMESPACE, timeout=PAGE_SECONDS)
def flows_geojson(request: HttpRequest) -> JsonResponse:
    _flt, qs = filtered_flows(request.GET, request.user)
    data = flows_collection(qs, request.user, bbox=request.GET.get("bbox"))
    response = JsonResponse(data, content_type=GEOJSON, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, no_cache=True)  # browsers keep it, and ask whether it changed (304)
    return response


@require_safe
def synergies_geojson(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        synergies_collection(request.user), content_type=GEOJSON, json_dumps_params={"ensure_ascii": False}
    )


@require_POST
def flow_export(request: HttpRequest) -> HttpResponse:
    """Small exports are sent at once; bigger ones run as a job (logged-in users) whose page
    shows the progress and then the download."""
    fmt = request.POST.get("format", "")
    if fmt not in exports.FORMATS:
        return HttpResponse(_("Choose CSV, XLSX or GeoJSON."), status=400, content_type="text/plain; charset=utf-8")
    values = _filter_values(request.POST)
    _flt, qs = filtered_flows(values, request.user)
    base_url = request.build_absolute_uri("/").rstrip("/")
    if qs.order_by().count() < exports.DIRECT_LIMIT:
        content, content_type, filename = exports.render(fmt, qs, request.user, base_url)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    if not request.user.is_authenticated:
        return redirect_to_login(request.META.get("HTTP_REFERER") or request.get_full_path())
    job = enqueue_job(EXPORT_FLOWS, owner=request.user, params={"format": fmt, "filters": values, "base_url": base_url})
    return redirect(job)
