"""API of the sessions area: focus groups, read-only, for partner staff with the same rules as the
pages (own partner's sessions, and every session of the studies the user coordinates).
Participants appear by pseudonym only; withdrawn ones are left out."""

from django.db.models import Count, Q
from rest_framework import permissions, serializers, viewsets

from focusgroups import permissions as fg_permissions
from focusgroups.models import Session


class PartnerStaffOnly(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        return fg_permissions.is_staff_member(request.user)


class SessionSerializer(serializers.ModelSerializer):
    study = serializers.CharField(source="study.code", read_only=True)
    organiser = serializers.CharField(source="organiser.partner_code", read_only=True)
    region = serializers.CharField(source="region.name", read_only=True)
    department = serializers.CharField(source="department.name", read_only=True, allow_null=True, default=None)
    template_version = serializers.IntegerField(source="template_version.number", read_only=True)
    participants = serializers.IntegerField(source="n_participants", read_only=True)

    class Meta:
        model = Session
        fields = [
            "id", "study", "organiser", "title", "date", "region", "department", "mode", "actor_category",
            "sector", "language", "status", "template_version", "participants", "submitted_at", "validated_at",
        ]  # fmt: skip


class SessionViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SessionSerializer
    permission_classes = [PartnerStaffOnly]
    filterset_fields = ["status", "study__code", "actor_category"]

    def get_queryset(self):
        return (
            fg_permissions.visible_sessions(self.request.user)
            .select_related("study", "organiser", "region", "department", "template_version")
            .annotate(
                n_participants=Count(
                    "participants", filter=Q(participants__attended=True, participants__withdrawn_at__isnull=True)
                )
            )
            .order_by("-date", "-pk")
        )


def register(router) -> None:
    router.register("focus-groups", SessionViewSet, basename="focusgroups-session")
