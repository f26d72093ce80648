"""Flows API: published flows for everyone plus one's own (all, for facilitators); writes go
through the same services and permissions as the pages; quantities and prices are null for
readers the flow's confidentiality excludes."""

from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.filters import BaseFilterBackend, OrderingFilter

from bourseflux.caching import CountedPaginator
from bourseflux.models import EwcCode, Flow, MaterialCategory, Site
from bourseflux.permissions import can_edit_flow, can_see_quantities, visible_flows
from bourseflux.search import flow_reasons, parse_flow_query, search_flows
from bourseflux.services import flows as services
from circuito.accounts.models import Organisation
from circuito.api_filters import IdFilter
from circuito.nace.models import NaceActivity
from circuito.pagination import PortalPagination
from circuito.translated import current_language

CONFIDENTIAL = [
    "quantity",
    "unit",
    "frequency",
    "yearly_quantity",
    "base_unit",
    "price_kind",
    "price_eur",
    "price_unit",
]


class FlowSerializer(serializers.ModelSerializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.legal_name", read_only=True)
    commune = serializers.CharField(source="site.commune.name", read_only=True)
    site = serializers.PrimaryKeyRelatedField(queryset=Site.objects.all(), required=False, allow_null=True)
    category = serializers.SlugRelatedField(
        slug_field="code", queryset=MaterialCategory.objects.all(), required=False, allow_null=True
    )
    ewc = serializers.SlugRelatedField(
        slug_field="code", queryset=EwcCode.objects.filter(level=3), required=False, allow_null=True
    )
    nace = serializers.SlugRelatedField(
        slug_field="code", queryset=NaceActivity.objects.filter(level="class"), required=False, allow_null=True
    )
    months = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=12), required=False)
    search_reasons = serializers.SerializerMethodField()

    class Meta:
        model = Flow
        fields = [
            "id",
            "status",
            "organisation",
            "organisation_name",
            "site",
            "commune",
            "country",
            "direction",
            "nature",
            "category",
            "ewc",
            "hazardous",
            "nace",
            "commercial_name",
            "title_fr",
            "title_it",
            "description_fr",
            "description_it",
            "physical_state",
            "quantity",
            "unit",
            "frequency",
            "yearly_quantity",
            "base_unit",
            "months",
            "packaging",
            "logistics",
            "price_kind",
            "price_eur",
            "price_unit",
            "quantity_visibility",
            "recovery_operation",
            "is_estimate",
            "expires_on",
            "published_at",
            "search_reasons",
        ]
        read_only_fields = ["status", "country", "hazardous", "yearly_quantity", "base_unit", "is_estimate"]
        read_only_fields += ["published_at"]
        # The service checks every rule with the messages users see on the pages.
        extra_kwargs = {
            f: {"required": False, "allow_null": True, "validators": []}
            for f in ("quantity", "price_eur", "expires_on")
        }

    def to_representation(self, flow: Flow) -> dict:
        data = super().to_representation(flow)
        data["months"] = flow.months
        # Hidden for the reader: null rather than absent, so clients keep one shape.
        if not can_see_quantities(self.context["request"].user, flow):
            for field in CONFIDENTIAL:
                data[field] = None
        return data

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_search_reasons(self, flow: Flow) -> list[str]:
        """Why the flow was found by `search`/`q` (empty without a search)."""
        query = getattr(self.context.get("view"), "search_query", None)
        return flow_reasons(query, flow) if query is not None else []

    def create(self, validated_data: dict) -> Flow:
        organisation = validated_data.pop("organisation")
        return services.create_flow(actor=self.context["request"].user, organisation=organisation, data=validated_data)

    def update(self, flow: Flow, validated_data: dict) -> Flow:
        validated_data.pop("organisation", None)  # a flow does not move to another organisation
        return services.update_flow(flow, actor=self.context["request"].user, data=validated_data)


class FlowApiFilter(filters.FilterSet):
    category = filters.CharFilter(field_name="category__code")
    ewc = filters.CharFilter(field_name="ewc__code")
    region = IdFilter(field_name="region_id")

    class Meta:
        model = Flow
        fields = ["direction", "nature", "category", "ewc", "country", "region", "status"]


class FlowSearchFilter(BaseFilterBackend):
    """`search` (or `q`): the portal's bilingual search (bourseflux.search), best first unless
    `ordering` is given; each hit says why it was found in `search_reasons`."""

    PARAMETERS = ("search", "q")

    def filter_queryset(self, request, queryset, view):
        text = next((request.query_params.get(name) for name in self.PARAMETERS if request.query_params.get(name)), "")
        if not text.strip():
            return queryset
        view.search_query = parse_flow_query(text, current_language())
        found = search_flows(view.search_query, view.search_query.language, queryset)
        # Related rows for the page only: joined, they would be read for every match before the sort.
        return found.select_related(None).prefetch_related(
            "organisation", "site__commune", "category__parent", "ewc", "nace"
        )

    def get_schema_operation_parameters(self, view) -> list[dict]:
        description = (
            "Words in French or Italian (titles, descriptions, material, waste code, company); "
            "synonyms in the other language count too. Best first."
        )
        return [
            {"name": name, "required": False, "in": "query", "description": description, "schema": {"type": "string"}}
            for name in self.PARAMETERS
        ]


class FlowPagination(PortalPagination):
    """Counts kept until the next write to the flux exchange: paging does not count again."""

    django_paginator_class = CountedPaginator


class CanEditFlow(permissions.BasePermission):
    def has_object_permission(self, request, view, obj: Flow) -> bool:
        return request.method in permissions.SAFE_METHODS or can_edit_flow(request.user, obj)


class FlowViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Offers and needs. Anyone reads published flows; members also read their organisations'
    drafts; they (and facilitators, for any company) post and change flows."""

    serializer_class = FlowSerializer
    pagination_class = FlowPagination
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, CanEditFlow]
    filterset_class = FlowApiFilter
    filter_backends = [filters.DjangoFilterBackend, FlowSearchFilter, OrderingFilter]
    ordering_fields = ["published_at", "created_at", "yearly_quantity"]

    def get_queryset(self):
        return (
            visible_flows(self.request.user)
            .select_related("organisation", "site__commune", "category", "ewc", "nace")
            .order_by("-published_at", "-created_at", "-pk")
        )


def register(router) -> None:
    router.register("flows", FlowViewSet, basename="flow")
