"""Places API: published places (and, for their editors, drafts) with the directory's filters;
writes go through the same services and permissions as the pages."""

from datetime import time
from typing import NamedTuple

from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.response import Response

from circuito.geo.models import Commune
from circuito.page_cache import cached_data
from circuito.pagination import PortalPagination
from tierslieux.api.search import search_params
from tierslieux.caching import NAMESPACE, PlacesPaginator
from tierslieux.forms_places import DirectoryForm, directory_queryset
from tierslieux.hours import osm_opening_hours
from tierslieux.models import OpeningHours, Place, PlaceKind, Sector, Service, ServiceKind
from tierslieux.permissions import can_edit_place, visible_places
from tierslieux.search import annotate_places
from tierslieux.services import places as services

# How long a kept page of the list may be served: writes replace it at once.
LIST_SECONDS = 600
# Columns of the commune that the list does not show (it shows the commune's name).
COMMUNE_UNSHOWN = ("search_document", "search_name", "alt_name", "population")


class PlaceServiceSerializer(serializers.ModelSerializer):
    place = serializers.SlugRelatedField(slug_field="slug", queryset=Place.objects.all())
    kind = serializers.SlugRelatedField(slug_field="code", queryset=ServiceKind.objects.all())

    class Meta:
        model = Service
        fields = ["id", "place", *services.SERVICE_FIELDS]


class ListedCodes(serializers.ManyRelatedField):
    """Codes of a many-to-many relation (written as codes): read from the plain rows a list page
    attached (`place.listed_<source>`, see `attach_list_rows`), else from the relation."""

    def __init__(self, model, **kwargs) -> None:
        child = serializers.SlugRelatedField(slug_field="code", queryset=model.objects.all())
        super().__init__(child_relation=child, **kwargs)

    def get_attribute(self, instance):
        codes = getattr(instance, f"listed_{self.source}", None)
        return super().get_attribute(instance) if codes is None else codes

    def to_representation(self, iterable) -> list[str]:
        return [v if isinstance(v, str) else self.child_relation.to_representation(v) for v in iterable]


class PlaceSerializer(serializers.ModelSerializer):
    kinds = ListedCodes(PlaceKind)
    sectors = ListedCodes(Sector, required=False)
    commune = serializers.PrimaryKeyRelatedField(queryset=Commune.objects.all())
    commune_name = serializers.CharField(source="commune.name", read_only=True)
    opening_hours = serializers.SerializerMethodField()
    services = serializers.SerializerMethodField()
    distance_km = serializers.SerializerMethodField()
    search_reasons = serializers.SerializerMethodField()

    class Meta:
        model = Place
        fields = [
            "id",
            "slug",
            "name",
            "status",
            "kinds",
            "sectors",
            *[f for f in services.PROFILE_FIELDS if f not in ("name", "operator", "commune")],
            "commune",
            "commune_name",
            "country",
            "opening_hours",
            "services",
            "last_verified_at",
            "distance_km",
            "search_reasons",
        ]
        read_only_fields = ["status", "country", "last_verified_at"]
        extra_kwargs = {"latitude": {"required": False}, "longitude": {"required": False}}

    def get_opening_hours(self, place: Place) -> str:
        periods = getattr(place, "listed_hours", None)
        return osm_opening_hours(place.opening_hours.all() if periods is None else periods)

    def get_services(self, place: Place) -> list[str]:
        codes = getattr(place, "listed_services", None)
        return sorted({s.kind.code for s in place.services.all()} if codes is None else codes)

    def get_distance_km(self, place: Place) -> float | None:
        """Kilometres from the `near` commune (null without `near`)."""
        return getattr(place, "distance_km", None)

    def get_search_reasons(self, place: Place) -> list[str]:
        """Why the place was found by `q` (empty without a search)."""
        return getattr(place, "search_reasons", [])


class _Period(NamedTuple):
    weekday: int
    opens: time
    closes: time


def attach_list_rows(places: list[Place]) -> None:
    """The kinds, sectors, opening hours and service kinds of a page of places, as plain rows
    (four queries, no model instances): building ten periods, a few services and a related
    manager per place cost more than the list's queries together."""
    hours: dict[int, list[_Period]] = {place.pk: [] for place in places}
    services: dict[int, set[str]] = {place.pk: set() for place in places}
    kinds: dict[int, list[str]] = {place.pk: [] for place in places}
    sectors: dict[int, list[str]] = {place.pk: [] for place in places}
    ids = list(hours)
    for through, field, found in (
        (Place.kinds.through, "placekind", kinds),
        (Place.sectors.through, "sector", sectors),
    ):
        rows = through.objects.filter(place_id__in=ids).order_by(f"{field}__sort_order", f"{field}__code")
        for place_id, code in rows.values_list("place_id", f"{field}__code"):
            found[place_id].append(code)
    periods = OpeningHours.objects.filter(place_id__in=ids).order_by()
    for place_id, weekday, opens, closes in periods.values_list("place_id", "weekday", "opens", "closes"):
        hours[place_id].append(_Period(weekday, opens, closes))
    for place_id, code in Service.objects.filter(place_id__in=ids).order_by().values_list("place_id", "kind__code"):
        services[place_id].add(code)
    for place in places:
        place.listed_hours, place.listed_services = hours[place.pk], services[place.pk]
        place.listed_kinds, place.listed_sectors = kinds[place.pk], sectors[place.pk]


class PlacePagination(PortalPagination):
    django_paginator_class = PlacesPaginator


class PlaceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Tiers-Lieux. Filters as the directory: q (or search: bilingual search, best first, with
    `search_reasons`), kind, service, sector, country, region, department, language, open_now,
    other_country, near (commune id) and km."""

    serializer_class = PlaceSerializer
    pagination_class = PlacePagination
    lookup_field = "slug"
    filter_backends: list = []
    search_query = None

    def get_queryset(self):
        if self.action == "list":
            params = search_params(self.request.query_params)
            form = DirectoryForm(params or None)
            queryset = form.filter(Place.objects.filter(status=Place.Status.PUBLISHED))
            if "q" in form.errors:
                raise DRFValidationError({"q": form.errors["q"]})
            self.search_query = form.search_query
            # Only what the list shows: the commune's name (not its search columns); kinds,
            # sectors, hours and services are read as plain rows for the page (attach_list_rows).
            if self.search_query:  # a hit's reasons read its kinds, services and commune names
                queryset = directory_queryset(queryset)
            else:
                queryset = queryset.select_related("commune")
                queryset = queryset.defer(*(f"commune__{name}" for name in COMMUNE_UNSHOWN))
        else:
            queryset = directory_queryset(visible_places(self.request.user)).prefetch_related("sectors")
        # The search document is read only for the reasons of a search's hits.
        return queryset if self.search_query else queryset.defer("search_document")

    def list(self, request, *args, **kwargs) -> Response:
        """Published places only, the same for every reader: a page's data is kept until the
        next write to the platform (circuito.page_cache), unless "open now" makes it time-bound."""
        if request.query_params.get("open_now"):
            return super().list(request, *args, **kwargs)

        fresh: list[Response] = []

        def build():
            fresh.append(super(PlaceViewSet, self).list(request, *args, **kwargs))
            return fresh[0].data if fresh[0].status_code == 200 else None

        data = cached_data(NAMESPACE, request, build, timeout=LIST_SECONDS)
        return fresh[0] if fresh else Response(data)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            attach_list_rows(page)
            annotate_places(page, self.search_query)
        return page

    def perform_create(self, serializer) -> None:
        data = dict(serializer.validated_data)
        kinds, sectors = data.pop("kinds"), data.pop("sectors", [])
        data.setdefault("latitude", data["commune"].latitude)
        data.setdefault("longitude", data["commune"].longitude)
        serializer.instance = services.create_place(data, kinds=kinds, sectors=sectors, actor=self.request.user)

    def perform_update(self, serializer) -> None:
        place = serializer.instance
        if not can_edit_place(self.request.user, place):
            raise PermissionDenied
        data = dict(serializer.validated_data)
        kinds, sectors = data.pop("kinds", None), data.pop("sectors", None)
        services.update_place(place, data, kinds=kinds, sectors=sectors, actor=self.request.user)


class ServiceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Services of published places; filter with ?place=<slug> and ?kind=<code>."""

    serializer_class = PlaceServiceSerializer
    filter_backends: list = []

    def get_queryset(self):
        queryset = Service.objects.filter(place__in=visible_places(self.request.user)).select_related("place", "kind")
        if place := self.request.query_params.get("place"):
            queryset = queryset.filter(place__slug=place)
        if kind := self.request.query_params.get("kind"):
            queryset = queryset.filter(kind__code=kind)
        return queryset.order_by("place__name", "kind__sort_order", "pk")

    def _save(self, serializer, instance) -> None:
        data = dict(serializer.validated_data)
        place = data.pop("place", None) or instance.place
        if instance is not None and place.pk != instance.place_id:
            raise DRFValidationError({"place": ["A service cannot move to another place."]})
        serializer.instance = services.save_service(place, instance, data, actor=self.request.user)

    def perform_create(self, serializer) -> None:
        self._save(serializer, None)

    def perform_update(self, serializer) -> None:
        self._save(serializer, serializer.instance)


def register(router) -> None:
    router.register("places", PlaceViewSet, basename="tierslieux-place")
    router.register("services", ServiceViewSet, basename="tierslieux-service")
