"""Read-only API of the reference codes: List of Waste and material categories."""

from django.db.models import Q, QuerySet
from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from bourseflux.models import EwcCode, MaterialCategory
from bourseflux.reference_lookup import parse_ewc_query, search_ewc
from circuito.search.api import SearchReasonsField, remember


class EwcCodeSerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", read_only=True, allow_null=True)
    search_reasons = SearchReasonsField(scheme="ewc")

    class Meta:
        model = EwcCode
        fields = [
            "id",
            "code",
            "level",
            "chapter",
            "hazardous",
            "label",
            "label_fr",
            "label_it",
            "label_it_origin",
            "parent",
            "parent_code",
            "search_reasons",
        ]


class EwcCodeFilter(filters.FilterSet):
    q = filters.CharFilter(method="search", label="Code (spaces optional) or words of the French or Italian label")

    class Meta:
        model = EwcCode
        fields = ["level", "chapter", "hazardous", "q"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search_ewc(remember(self.request, parse_ewc_query(value)), queryset)


class EwcCodeViewSet(viewsets.ReadOnlyModelViewSet):
    """The European List of Waste (Decision 2000/532/EC as amended by 2014/955/EU): chapters,
    sub-chapters and codes with French (official) and Italian labels; `label_it_origin` says
    whether the Italian label was written by the project."""

    queryset = EwcCode.objects.select_related("parent").order_by("code")
    serializer_class = EwcCodeSerializer
    filterset_class = EwcCodeFilter
    ordering_fields = ["code"]


class MaterialCategorySerializer(serializers.ModelSerializer):
    parent_code = serializers.CharField(source="parent.code", read_only=True, allow_null=True)

    class Meta:
        model = MaterialCategory
        fields = ["id", "code", "name", "name_fr", "name_it", "parent", "parent_code", "ewc_prefixes", "sort_order"]


class MaterialCategoryFilter(filters.FilterSet):
    top = filters.BooleanFilter(field_name="parent", lookup_expr="isnull", label="Top categories only")
    q = filters.CharFilter(method="search", label="Words of the French or Italian name")

    class Meta:
        model = MaterialCategory
        fields = ["parent", "top", "q"]

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        for word in value.split():
            queryset = queryset.filter(Q(name_fr__icontains=word) | Q(name_it__icontains=word))
        return queryset


class MaterialCategoryViewSet(viewsets.ReadOnlyModelViewSet):
    """The bilingual tree of material categories and the EWC prefixes each one covers."""

    queryset = MaterialCategory.objects.select_related("parent").order_by("sort_order", "code")
    serializer_class = MaterialCategorySerializer
    filterset_class = MaterialCategoryFilter


def register(router) -> None:
    router.register("ewc", EwcCodeViewSet, basename="ewc")
    router.register("material-categories", MaterialCategoryViewSet, basename="material-category")
