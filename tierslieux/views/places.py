"""Public pages of places: directory (list, map, GeoJSON, open data exports), place page, photos,
and the lists of places a referent keeps and of stale places for partner staff."""

import hashlib
import json
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import condition

from circuito.exports import CSV_CONTENT_TYPE
from circuito.mail import portal_url
from circuito.page_cache import namespace_version, public_page, version_time
from circuito.translated import localized
from tierslieux import geojson, hours, opendata
from tierslieux.caching import NAMESPACE, PlacesPaginator
from tierslieux.forms_places import DirectoryForm, directory_queryset
from tierslieux.models import Event, News, Place, PlacePhoto, Project
from tierslieux.permissions import get_place, is_staff_of_project, referent_place_ids
from tierslieux.search import annotate_places
from tierslieux.services.places import photo_type
from tierslieux.validators import phone_e164

STALE_AFTER = timedelta(days=183)
PAGE_SIZE = 20
# How long a stored page may be served: writes replace it at once; this bounds what the time
# passing changes ("open now" in the list).
DIRECTORY_SECONDS = 60
# The place page: "open now", upcoming events and news due for publication change with the time.
DETAIL_SECONDS = 60
MAP_SECONDS = 600


def _texts(obj, fields: tuple[str, ...]) -> dict[str, dict[str, str]]:
    return {name: localized(obj, name) for name in fields}


def _filtered(request: HttpRequest) -> tuple[DirectoryForm, object]:
    form = DirectoryForm(request.GET or None)
    places = form.filter(Place.objects.filter(status=Place.Status.PUBLISHED))
    return form, directory_queryset(places)


def _query_without_page(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _timeless(request: HttpRequest) -> bool:
    """Whether the answer depends only on the data, not on the time ("open now" does)."""
    return not request.GET.get("open_now")


@public_page(NAMESPACE, timeout=DIRECTORY_SECONDS, when=_timeless)
def directory(request: HttpRequest) -> HttpResponse:
    form, places = _filtered(request)
    if form.search_query is None:
        places = places.defer("search_document")  # the reasons shown with a search read it
    page = PlacesPaginator(places, PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    for place in page:
        place.is_open = hours.is_open(place, now)
    annotate_places(page.object_list, form.search_query)
    return render(
        request,
        "tierslieux/places/directory.html",
        {"form": form, "page": page, "query": _query_without_page(request)},
    )


@public_page(NAMESPACE, timeout=MAP_SECONDS)
def directory_map(request: HttpRequest) -> HttpResponse:
    config = settings.LEAFLET_CONFIG
    tiles = config["TILES"][0]
    return render(
        request,
        "tierslieux/places/map.html",
        {
            "form": DirectoryForm(request.GET or None),
            "query": _query_without_page(request),
            "tile_url": tiles[1],
            "tile_attribution": tiles[2].get("attribution", ""),
            "center_lat": config["DEFAULT_CENTER"][0],
            "center_lon": config["DEFAULT_CENTER"][1],
            "zoom": config["DEFAULT_ZOOM"],
        },
    )


def _map_etag(request: HttpRequest) -> str | None:
    """The same for as long as no write changed the places (and the time does not matter)."""
    if not _timeless(request):
        return None
    what = hashlib.sha1(f"{get_language()}|{request.get_full_path()}".encode()).hexdigest()[:16]
    return f'"{namespace_version(NAMESPACE)}-{what}"'


def _map_last_modified(request: HttpRequest) -> datetime | None:
    return datetime.fromtimestamp(version_time(namespace_version(NAMESPACE)), UTC) if _timeless(request) else None


@condition(etag_func=_map_etag, last_modified_func=_map_last_modified)
@public_page(NAMESPACE, timeout=MAP_SECONDS, anonymous_only=False, when=_timeless)
def places_geojson(request: HttpRequest) -> JsonResponse:
    """The map's places in the view (`bbox`: west,south,east,north), with the directory's filters:
    each place, or clusters beyond geojson.MAX_FEATURES. The same for everyone (published places)."""
    try:
        bbox = geojson.parse_bbox(request.GET["bbox"]) if request.GET.get("bbox") else None
    except ValueError:
        message = _("The map view (bbox) must be four numbers: west,south,east,north, in degrees.")
        return JsonResponse({"bbox": [message]}, status=400)
    form = DirectoryForm(request.GET or None)
    places = form.filter(Place.objects.filter(status=Place.Status.PUBLISHED))
    response = JsonResponse(geojson.map_geojson(places, bbox))
    patch_cache_control(response, no_cache=True)  # browsers keep it, and ask whether it changed (304)
    return response


def export_csv(request: HttpRequest) -> HttpResponse:
    """The directory in the national open-data schema (tierslieux.opendata)."""
    form = DirectoryForm(request.GET or None)
    places = form.filter(Place.objects.filter(status=Place.Status.PUBLISHED))
    response = HttpResponse(opendata.directory_csv(places), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="tiers-lieux.csv"'
    return response


def export_dataset(request: HttpRequest) -> JsonResponse:
    """The open-data dataset description (DCAT-AP, JSON-LD) with its licence and downloads."""
    latest = Place.objects.filter(status=Place.Status.PUBLISHED).order_by("-updated_at").first()
    modified = timezone.localtime(latest.updated_at if latest else timezone.now()).date().isoformat()
    description = opendata.dataset_description(
        csv_url=portal_url(reverse("tierslieux:directory_csv")),
        geojson_url=portal_url(reverse("tierslieux:directory_geojson")),
        page_url=portal_url(reverse("tierslieux:directory")),
        modified=modified,
    )
    return JsonResponse(description, content_type="application/ld+json", json_dumps_params={"ensure_ascii": False})


def export_geojson(request: HttpRequest) -> HttpResponse:
    """The open-data rows (tierslieux.opendata) as GeoJSON points."""
    form = DirectoryForm(request.GET or None)
    places = form.filter(Place.objects.filter(status=Place.Status.PUBLISHED))
    response = HttpResponse(
        json.dumps(opendata.directory_geojson(places), ensure_ascii=False), content_type="application/geo+json"
    )
    response["Content-Disposition"] = 'attachment; filename="tiers-lieux.geojson"'
    return response


@public_page(NAMESPACE, timeout=DETAIL_SECONDS)
def place_detail(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_place(slug, request.user)
    place = access.place
    now = timezone.now()
    prefetch_related_objects([place], "opening_hours")  # read by the days, "open now" and whether any
    services = list(place.services.select_related("kind"))
    for service in services:
        service.texts = _texts(service, ("name", "description", "conditions"))
    equipment = list(place.equipment.select_related("kind", "booking_rules"))
    for item in equipment:
        item.texts = _texts(item, ("specs", "booking"))
    projects = list(Project.objects.filter(places=place, published=True).order_by("-created_at")[:3])
    for project in projects:
        project.texts = _texts(project, ("title",))
    context = {
        "place": place,
        "can_edit": access.can_edit,
        "kinds": list(place.kinds.all()),
        "sectors": list(place.sectors.all()),
        "nace_divisions": list(place.nace_divisions.order_by("code")),
        "services": services,
        "equipment": equipment,
        "texts": _texts(place, ("description", "access_conditions", "prices", "accessibility")),
        "photos": list(place.photos.all()),
        "days": hours.by_day(place),
        "open_now": hours.is_open(place, now),
        "has_hours": bool(place.opening_hours.all()),
        "stale": place.last_verified_at is None or place.last_verified_at < now - STALE_AFTER,
        "news": list(News.objects.filter(place=place, published_at__lte=now).order_by("-published_at")[:3]),
        "projects": projects,
        "events": list(Event.objects.filter(place=place, published=True, starts_at__gte=now).order_by("starts_at")[:3]),
        "phone_e164": phone_e164(place.phone, place.country),
        "map": _place_map(place),
        "open_reports": place.error_reports.filter(resolved_at__isnull=True).count() if access.can_edit else 0,
    }
    return render(request, "tierslieux/places/detail.html", context)


def _place_map(place: Place) -> dict[str, str]:
    """What the place page's small map needs (tiles from the project's Leaflet settings)."""
    name, url, options = settings.LEAFLET_CONFIG["TILES"][0]
    return {
        "tile_url": url,
        "attribution": options.get("attribution", ""),
        "osm_url": (
            f"https://www.openstreetmap.org/?mlat={place.latitude:.6f}&mlon={place.longitude:.6f}#map=17/"
            f"{place.latitude:.6f}/{place.longitude:.6f}"
        ),
    }


def place_photo(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    place = get_place(slug, request.user).place
    photo = get_object_or_404(PlacePhoto, pk=pk, place=place)
    try:
        handle = photo.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    content_type = photo_type(handle.read(16)) or "application/octet-stream"
    handle.seek(0)
    response = FileResponse(handle, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
def my_places(request: HttpRequest) -> HttpResponse:
    places = directory_queryset(Place.objects.filter(pk__in=referent_place_ids(request.user)))
    return render(request, "tierslieux/places/my_places.html", {"places": places})


@login_required
def stale_places(request: HttpRequest) -> HttpResponse:
    if not is_staff_of_project(request.user):
        raise PermissionDenied
    cutoff = timezone.now() - STALE_AFTER
    places = (
        Place.objects.filter(status=Place.Status.PUBLISHED)
        .exclude(last_verified_at__gte=cutoff)
        .select_related("commune")
        .prefetch_related("referents__user")
        .order_by("last_verified_at", "name")
    )
    page = Paginator(places, 50).get_page(request.GET.get("page"))
    return render(request, "tierslieux/places/stale.html", {"page": page, "query": ""})
