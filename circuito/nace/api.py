"""NACE Rev. 2 API (read-only reference data)."""

from django.db.models import QuerySet
from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from circuito.nace.lookup import parse_activity_query, resolve_code, search_activities
from circuito.nace.models import NaceActivity
from circuito.search.api import SearchReasonsField, remember


class NaceActivitySerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", read_only=True, allow_null=True)
    search_reasons = SearchReasonsField(scheme="nace")

    class Meta:
        model = NaceActivity
        fields = ["id", "code", "level", "label", "label_fr", "label_it", "parent", "parent_code", "search_reasons"]


class NaceActivityFilter(filters.FilterSet):
    q = filters.CharFilter(method="search", label="Code prefix, or words of the French or Italian label")
    code = filters.CharFilter(method="by_code", label="A NACE, NAF or ATECO code: gives its NACE class")

    class Meta:
        model = NaceActivity
        fields = ["level", "parent", "q", "code"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_activities(remember(self.request, parse_activity_query(value)), queryset)

    def by_code(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        activity = resolve_code(value)
        return queryset.filter(pk=activity.pk) if activity else queryset.none()


class NaceActivityViewSet(viewsets.ReadOnlyModelViewSet):
    """NACE Rev. 2 sections, divisions, groups and classes with French (NAF) and Italian (ATECO)
    labels. `code` accepts the national forms (NAF `10.32Z`, ATECO `10.32.00`)."""

    queryset = NaceActivity.objects.select_related("parent").order_by("code")
    serializer_class = NaceActivitySerializer
    filterset_class = NaceActivityFilter
    search_fields: list[str] = []
    ordering_fields = ["code"]
