"""Public pages of places: directory (list, map, GeoJSON, open data exports), place page, photos,
and the lists of places a referent keeps and of stale places for partner staff."""

import json
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from circuito.exports import CSV_CONTENT_TYPE
from circuito.translated import localized
from tierslieux import geojson, hours
from tierslieux.forms_places import DirectoryForm, directory_queryset
from tierslieux.models import Event, News, Place, PlacePhoto, Project
from tierslieux.permissions import get_place, is_staff_of_project, referent_place_ids
from tierslieux.search import annotate_places
from tierslieux.services.places import photo_type

STALE_AFTER = timedelta(days=183)
PAGE_SIZE = 20


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


def directory(request: HttpRequest) -> HttpResponse:
    form, places = _filtered(request)
    page = Paginator(places, PAGE_SIZE).get_page(request.GET.get("page"))
    now = timezone.now()
    for place in page:
        place.is_open = hours.is_open(place, now)
    annotate_places(page.object_list, form.search_query)
    return render(
        request,
        "tierslieux/places/directory.html",
        {"form": form, "page": page, "query": _query_without_page(request)},
    )


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


def places_geojson(request: HttpRequest) -> JsonResponse:
    form = DirectoryForm(request.GET or None)
    places = form.filter(Place.objects.filter(status=Place.Status.PUBLISHED))
    return JsonResponse(geojson.map_geojson(places))


def export_csv(request: HttpRequest) -> HttpResponse:
    _form, places = _filtered(request)
    response = HttpResponse(geojson.directory_csv(places), content_type=CSV_CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="tiers-lieux.csv"'
    return response


def export_geojson(request: HttpRequest) -> HttpResponse:
    _form, places = _filtered(request)
    response = HttpResponse(
        json.dumps(geojson.directory_geojson(places), ensure_ascii=False), content_type="application/geo+json"
    )
    response["Content-Disposition"] = 'attachment; filename="tiers-lieux.geojson"'
    return response


def place_detail(request: HttpRequest, slug: str) -> HttpResponse:
    access = get_place(slug, request.user)
    place = access.place
    now = timezone.now()
    services = list(place.services.select_related("kind"))
    for service in services:
        service.texts = _texts(service, ("name", "description", "conditions"))
    equipment = list(place.equipment.all())
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
        "has_hours": place.opening_hours.exists(),
        "stale": place.last_verified_at is None or place.last_verified_at < now - STALE_AFTER,
        "news": list(News.objects.filter(place=place, published_at__lte=now).order_by("-published_at")[:3]),
        "projects": projects,
        "events": list(Event.objects.filter(place=place, published=True, starts_at__gte=now).order_by("starts_at")[:3]),
    }
    return render(request, "tierslieux/places/detail.html", context)


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
