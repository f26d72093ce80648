"""Organisations API: public profiles for everyone; writes with the same rules as the pages."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as DRFValidationError

from circuito.accounts import services
from circuito.accounts.identifiers import clean_identifiers
from circuito.accounts.models import Membership, Organisation
from circuito.accounts.permissions import organisation_access
from circuito.accounts.search import search_organisations
from circuito.api_errors import validation_detail
from circuito.api_filters import IdFilter
from circuito.geo.models import Commune
from circuito.nace.models import NaceActivity


class OrganisationSerializer(serializers.ModelSerializer):
    # Required, as on the form (the services refuse an organisation without one); null on reading
    # for the charter's organisations registered without an address.
    commune = serializers.PrimaryKeyRelatedField(queryset=Commune.objects.all(), allow_null=True)
    commune_name = serializers.CharField(source="commune.name", read_only=True, allow_null=True)
    nace = serializers.SlugRelatedField(
        slug_field="code", queryset=NaceActivity.objects.filter(level="class"), required=False, allow_null=True
    )
    nace_label = serializers.CharField(source="nace.label", read_only=True, allow_null=True)
    kind = serializers.ChoiceField(choices=Organisation.Kind.choices)
    languages = serializers.ListField(child=serializers.CharField(max_length=3), required=False)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "slug",
            "kind",
            "legal_name",
            "country",
            "siret",
            "siren",
            "codice_fiscale",
            "partita_iva",
            "nace",
            "nace_label",
            "address",
            "postcode",
            "commune",
            "commune_name",
            "latitude",
            "longitude",
            "website",
            "email",
            "phone",
            "languages",
            "description_fr",
            "description_it",
            "partner_code",
            "is_lead_partner",
        ]
        read_only_fields = ["id", "slug", "latitude", "longitude", "partner_code", "is_lead_partner"]

    def validate(self, attrs: dict) -> dict:
        data = {**self._current(), **attrs}
        try:
            clean_identifiers(data)
        except DjangoValidationError as exc:
            raise DRFValidationError(validation_detail(exc)) from exc
        for field in ("siret", "siren", "codice_fiscale", "partita_iva"):
            if field in data and (field in attrs or data[field] != getattr(self.instance, field, None)):
                attrs[field] = data[field]
        return attrs

    def _current(self) -> dict:
        if not self.instance:
            return {}
        return {
            f: getattr(self.instance, f)
            for f in ("country", "siret", "siren", "codice_fiscale", "partita_iva", "commune")
        }

    def create(self, validated_data: dict) -> Organisation:
        return services.create_organisation(actor=self.context["request"].user, data=validated_data)

    def update(self, instance: Organisation, validated_data: dict) -> Organisation:
        return services.update_organisation(instance, actor=self.context["request"].user, data=validated_data)


class MemberSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email")
    name = serializers.CharField(source="user.get_full_name")

    class Meta:
        model = Membership
        fields = ["id", "email", "name", "role", "status", "is_facilitator"]


class OrganisationFilter(filters.FilterSet):
    q = filters.CharFilter(method="search", label="Search")
    region = IdFilter(field_name="commune__department__parent")
    department = filters.CharFilter(field_name="commune__department__code")

    class Meta:
        model = Organisation
        fields = ["kind", "country", "region", "department"]

    def search(self, queryset, name, value):
        return search_organisations(value, queryset)


class CanEditOrganisation(permissions.BasePermission):
    def has_object_permission(self, request, view, obj: Organisation) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return services.can_edit_organisation(request.user, obj)


class OrganisationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Organisations registered on the portal. Anyone may read the public profiles; a logged-in
    user may register one (and becomes its administrator); only its administrators change it."""

    serializer_class = OrganisationSerializer
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, CanEditOrganisation]
    filterset_class = OrganisationFilter
    ordering_fields = ["legal_name", "created_at"]
    lookup_field = "slug"
    queryset = Organisation.objects.select_related("commune", "nace").order_by("legal_name")

    @extend_schema(responses=MemberSerializer(many=True))
    @action(detail=True, methods=["get"], permission_classes=[permissions.IsAuthenticated])
    def members(self, request, slug=None):
        """Active members and pending requests: for members, partner staff and administrators."""
        org = self.get_object()
        if not organisation_access(org, request.user).can_see_members:
            raise PermissionDenied
        memberships = org.memberships.exclude(status=Membership.Status.REFUSED).select_related("user")
        page = self.paginate_queryset(memberships.order_by("user__email"))
        return self.get_paginated_response(MemberSerializer(page, many=True).data)
