"""Places API: published places (and, for their editors, drafts) with the directory's filters;
writes go through the same services and permissions as the pages."""

from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError

from circuito.geo.models import Commune
from circuito.pagination import PortalPagination
from tierslieux.api.search import search_params
from tierslieux.caching import PlacesPaginator
from tierslieux.forms_places import DirectoryForm, directory_queryset
from tierslieux.hours import osm_opening_hours
from tierslieux.models import Place, PlaceKind, Sector, Service, ServiceKind
from tierslieux.permissions import can_edit_place, visible_places
from tierslieux.search import annotate_places
from tierslieux.services import places as services


class PlaceServiceSerializer(serializers.ModelSerializer):
    place = serializers.SlugRelatedField(slug_field="slug", queryset=Place.objects.all())
    kind = serializers.SlugRelatedField(slug_field="code", queryset=ServiceKind.objects.all())

    class Meta:
        model = Service
        fields = ["id", "place", *services.SERVICE_FIELDS]


class PlaceSerializer(serializers.ModelSerializer):
    kinds = serializers.SlugRelatedField(slug_field="code", many=True, queryset=PlaceKind.objects.all())
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Sector.objects.all(), required=False)
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
        return osm_opening_hours(place.opening_hours.all())

    def get_services(self, place: Place) -> list[str]:
        return sorted({s.kind.code for s in place.services.all()})

    def get_distance_km(self, place: Place) -> float | None:
        """Kilometres from the `near` commune (null without `near`)."""
        return getattr(place, "distance_km", None)

    def get_search_reasons(self, place: Place) -> list[str]:
        """Why the place was found by `q` (empty without a search)."""
        return getattr(place, "search_reasons", [])


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
        else:
            queryset = visible_places(self.request.user)
        queryset = directory_queryset(queryset).prefetch_related("sectors")
        # The search document is read only for the reasons of a search's hits.
        return queryset if self.search_query else queryset.defer("search_document")

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
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
