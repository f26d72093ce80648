"""Flows API: published flows for everyone plus one's own (all, for facilitators); writes go
through the same services and permissions as the pages; quantities and prices are null for
readers the flow's confidentiality excludes."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters import rest_framework as filters
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError

from bourseflux.models import EwcCode, Flow, MaterialCategory, Site
from bourseflux.permissions import can_edit_flow, can_see_quantities, visible_flows
from bourseflux.services import flows as services
from circuito.accounts.models import Organisation
from circuito.nace.models import NaceActivity

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


def _drf_error(exc: DjangoValidationError) -> DRFValidationError:
    return DRFValidationError(exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages})


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

    def create(self, validated_data: dict) -> Flow:
        organisation = validated_data.pop("organisation")
        try:
            return services.create_flow(
                actor=self.context["request"].user, organisation=organisation, data=validated_data
            )
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        except DjangoPermissionDenied as exc:
            raise PermissionDenied from exc

    def update(self, flow: Flow, validated_data: dict) -> Flow:
        validated_data.pop("organisation", None)  # a flow does not move to another organisation
        try:
            return services.update_flow(flow, actor=self.context["request"].user, data=validated_data)
        except DjangoValidationError as exc:
            raise _drf_error(exc) from exc
        except DjangoPermissionDenied as exc:
            raise PermissionDenied from exc


class FlowApiFilter(filters.FilterSet):
    category = filters.CharFilter(field_name="category__code")
    ewc = filters.CharFilter(field_name="ewc__code")
    region = filters.NumberFilter(field_name="region_id")

    class Meta:
        model = Flow
        fields = ["direction", "nature", "category", "ewc", "country", "region", "status"]


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
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, CanEditFlow]
    filterset_class = FlowApiFilter
    search_fields = ["title_fr", "title_it", "commercial_name"]
    ordering_fields = ["published_at", "created_at", "yearly_quantity"]

    def get_queryset(self):
        return (
            visible_flows(self.request.user)
            .select_related("organisation", "site__commune", "category", "ewc", "nace")
            .order_by("-published_at", "-created_at", "-pk")
        )


def register(router) -> None:
    router.register("flows", FlowViewSet, basename="flow")
