"""Flows API: published flows for everyone plus one's own (all, for facilitators); writes go
through the same services and permissions as the pages; quantities and prices are null for
readers the flow's confidentiality excludes."""

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.filters import BaseFilterBackend, OrderingFilter
from rest_framework.response import Response

from bourseflux.anonymity import anonymous_label, may_see_company, reveal
from bourseflux.caching import NAMESPACE, PAGE_SECONDS, CountedPaginator
from bourseflux.models import EwcCode, Flow, MaterialCategory, Site
from bourseflux.permissions import can_edit_flow, can_see_quantities, visible_flows
from bourseflux.search import flow_reasons, parse_flow_query, search_flows
from bourseflux.services import flows as services
from circuito.accounts.models import Organisation
from circuito.api_filters import IdFilter
from circuito.geo.models import Territory
from circuito.nace.models import NaceActivity
from circuito.page_cache import cached_data
from circuito.pagination import PortalPagination
from circuito.translated import current_language

# Columns of a flow that no reader of the API sees (the search document only for a search's reasons).
UNSHOWN = (
    "legal_check",
    "latitude",
    "longitude",
    "public_latitude",
    "public_longitude",
    "company_confirmed_at",
    "company_confirmed_by",
    "ewc_subchapter",
    "updated_at",
)


def related_rows() -> list[Prefetch | str]:
    """What the API shows of a flow's related rows (names and codes), read per page by primary
    key: joined to the flows, the seven tables cost PostgreSQL ~50 ms to plan on every request,
    ten times the query itself."""
    return [
        Prefetch("organisation", Organisation.objects.only("legal_name")),
        Prefetch("site", Site.objects.select_related("commune").only("commune__name")),
        Prefetch("category", MaterialCategory.objects.select_related("parent")),
        "ewc",
        "nace",
        Prefetch("department", Territory.objects.only("name")),
    ]


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
            "hide_company",
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
        user = self.context["request"].user
        # Hidden for the reader: null rather than absent, so clients keep one shape.
        if not can_see_quantities(user, flow):
            for field in CONFIDENTIAL:
                data[field] = None
        if not may_see_company(user, flow):  # listed anonymously: the id would name the company too
            data["organisation"], data["organisation_name"] = None, anonymous_label(flow)
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
        # Related rows for the page only (FlowViewSet.get_queryset), and its reasons read the
        # search document.
        return found.select_related(None).defer(None).defer(*UNSHOWN) if view.action == "list" else found

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
        queryset = visible_flows(self.request.user).prefetch_related(*related_rows())
        if self.action == "list":  # writes get whole flows: saving a partly loaded row skips columns
            queryset = queryset.defer("search_document", *UNSHOWN)
        return queryset.order_by("-published_at", "-created_at", "-pk")

    def list(self, request, *args, **kwargs) -> Response:
        """Anonymous readers all get the same answer (published flows; quantities and companies
        as the flows' confidentiality says for anyone): its data is kept until the next write to
        the flux exchange (circuito.page_cache), or for PAGE_SECONDS, as flows expire. Members'
        answers depend on who they are and are built afresh."""
        if request.user.is_authenticated:
            return super().list(request, *args, **kwargs)

        fresh: list[Response] = []

        def build():
            fresh.append(super(FlowViewSet, self).list(request, *args, **kwargs))
            return fresh[0].data if fresh[0].status_code == 200 else None

        data = cached_data(NAMESPACE, request, build, timeout=PAGE_SECONDS)
        return fresh[0] if fresh else Response(data)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page is not None:
            reveal(self.request.user, page)  # anonymous listings: one decision for the whole page
        return page


def register(router) -> None:
    router.register("flows", FlowViewSet, basename="flow")
