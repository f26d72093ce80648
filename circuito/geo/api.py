"""Gazetteer API: communes/comuni and territories (read-only reference data)."""

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from circuito.api_filters import IdFilter
from circuito.geo.models import Commune, Country, Territory
from circuito.geo.search import parse_commune_query, search_communes
from circuito.search.api import SearchReasonsField, remember


class TerritorySummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Territory
        fields = ["id", "code", "name"]


class CommuneSerializer(serializers.ModelSerializer):
    department = TerritorySummarySerializer(read_only=True)
    region = serializers.SerializerMethodField()
    search_reasons = SearchReasonsField()

    class Meta:
        model = Commune
        fields = [
            "id",
            "country",
            "code",
            "name",
            "alt_name",
            "department",
            "region",
            "latitude",
            "longitude",
            "search_reasons",
        ]

    @extend_schema_field(OpenApiTypes.STR)
    def get_region(self, obj: Commune) -> str | None:
        parent = obj.department.parent
        return parent.name if parent else None


class TerritorySerializer(serializers.ModelSerializer):
    class Meta:
        model = Territory
        fields = ["id", "level", "code", "name", "name_fr", "name_it", "country", "parent", "in_alcotra"]


class CommuneFilter(filters.FilterSet):
    q = filters.CharFilter(method="search", label="Name in either language (accents and case ignored)")
    country = filters.ChoiceFilter(choices=Country.choices)
    department = filters.CharFilter(field_name="department__code", label="Department / province code")
    region = IdFilter(field_name="department__parent", label="Region (territory id)")

    class Meta:
        model = Commune
        fields = ["q", "country", "department", "region"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_communes(remember(self.request, parse_commune_query(value)), queryset)


class TerritoryFilter(filters.FilterSet):
    class Meta:
        model = Territory
        fields = ["level", "country", "parent", "in_alcotra"]


class CommuneViewSet(viewsets.ReadOnlyModelViewSet):
    """Communes of France and comuni of Italy with a point inside each. `q` searches the name in
    both languages (e.g. `nizza` finds Nice), best matches first."""

    queryset = Commune.objects.select_related("department__parent").order_by("name", "pk")
    serializer_class = CommuneSerializer
    filterset_class = CommuneFilter
    search_fields: list[str] = []
    ordering_fields = ["name", "code", "population"]


class TerritoryViewSet(viewsets.ReadOnlyModelViewSet):
    """Countries, regions and departments/provinces, in one tree (`parent`)."""

    queryset = Territory.objects.order_by("country", "level", "code")
    serializer_class = TerritorySerializer
    filterset_class = TerritoryFilter
    search_fields = ["name_fr", "name_it", "code"]
    ordering_fields = ["name_fr", "name_it", "code"]
