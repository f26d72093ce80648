"""API of pilot zones, workshops and awareness meetings: read for partner staff, write for
facilitators (meetings: for partner staff). Writes go through the services."""

from django.db.models import Count
from rest_framework import permissions, serializers, viewsets

from bourseflux.models import AwarenessMeeting, PilotZone, Workshop
from bourseflux.services import meetings as meeting_services
from bourseflux.services import zones as services
from circuito.accounts.models import Organisation


class PartnerStaffReadFacilitatorWrite(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return services.can_view_zones(request.user)
        return services.can_edit_zones(request.user)


class PartnerStaffOnly(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return meeting_services.can_manage_meetings(request.user)


class PilotZoneSerializer(serializers.ModelSerializer):
    companies = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organisation.objects.filter(kind=Organisation.Kind.COMPANY), required=False
    )
    partner = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.filter(kind=Organisation.Kind.PARTNER), required=False
    )

    class Meta:
        model = PilotZone
        fields = [
            "id", "name", "name_fr", "name_it", "description_fr", "description_it", "latitude", "longitude",
            "radius_km", "partner", "companies", "created_at",
        ]  # fmt: skip
        read_only_fields = ["name", "created_at"]


class PilotZoneViewSet(viewsets.ModelViewSet):
    serializer_class = PilotZoneSerializer
    permission_classes = [PartnerStaffReadFacilitatorWrite]
    search_fields = ["name_fr", "name_it"]

    def get_queryset(self):
        return PilotZone.objects.select_related("partner").prefetch_related("companies").order_by("name")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        companies = data.pop("companies", [])
        zone = services.create_zone(actor=self.request.user, data=data)
        if companies:
            services.add_zone_companies(zone, actor=self.request.user, companies=companies)
        serializer.instance = zone

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        companies = data.pop("companies", None)
        zone = services.update_zone(serializer.instance, actor=self.request.user, data=data)
        if companies is not None:
            services.add_zone_companies(zone, actor=self.request.user, companies=companies)
        serializer.instance = zone

    def perform_destroy(self, instance):
        services.delete_zone(instance, actor=self.request.user)


class WorkshopSerializer(serializers.ModelSerializer):
    participants = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Organisation.objects.filter(kind=Organisation.Kind.COMPANY), required=False
    )
    n_participants = serializers.IntegerField(read_only=True)

    class Meta:
        model = Workshop
        fields = ["id", "pilot_zone", "title", "date", "place", "participants", "n_participants", "notes"]


class WorkshopViewSet(viewsets.ModelViewSet):
    serializer_class = WorkshopSerializer
    permission_classes = [PartnerStaffReadFacilitatorWrite]
    filterset_fields = ["pilot_zone"]

    def get_queryset(self):
        return (
            Workshop.objects.select_related("pilot_zone")
            .prefetch_related("participants")
            .annotate(n_participants=Count("participants", distinct=True))
            .order_by("-date", "pk")
        )

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        zone = data.pop("pilot_zone")
        serializer.instance = services.create_workshop(zone, actor=self.request.user, data=data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("pilot_zone", None)
        serializer.instance = services.update_workshop(serializer.instance, actor=self.request.user, data=data)


class AwarenessMeetingSerializer(serializers.ModelSerializer):
    class Meta:
        model = AwarenessMeeting
        fields = [
            "id", "title", "date", "commune", "place", "organiser", "pilot_zone", "attendance",
            "companies_attending", "notes",
        ]  # fmt: skip


class AwarenessMeetingViewSet(viewsets.ModelViewSet):
    serializer_class = AwarenessMeetingSerializer
    permission_classes = [PartnerStaffOnly]
    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def get_queryset(self):
        return AwarenessMeeting.objects.select_related("commune", "organiser", "pilot_zone").order_by("-date", "pk")

    def perform_create(self, serializer):
        serializer.instance = meeting_services.create_meeting(
            actor=self.request.user, data=dict(serializer.validated_data)
        )

    def perform_update(self, serializer):
        serializer.instance = meeting_services.update_meeting(
            serializer.instance,
            actor=self.request.user,
            data=dict(serializer.validated_data),
        )


def register_zones(router) -> None:
    router.register("pilot-zones", PilotZoneViewSet, basename="flux-zones")
    router.register("workshops", WorkshopViewSet, basename="flux-workshops")
    router.register("awareness-meetings", AwarenessMeetingViewSet, basename="flux-meetings")
