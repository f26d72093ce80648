"""API of the committees area: steering committee meetings with attendance, decisions and
action items (read-only, partner staff); minutes only when the reader may see them (approved,
or lead partner staff)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from reporting import periods, permissions
from reporting.api.access import PartnerStaffRead
from reporting.models import ActionItem, Attendance, Decision, Meeting


class AttendanceSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.legal_name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["organisation", "person_name", "present"]


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["order", "text_fr", "text_it"]


class ActionItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionItem
        fields = ["id", "text_fr", "text_it", "owner", "owner_organisation", "due_date", "status", "done_at"]


class MeetingSerializer(serializers.ModelSerializer):
    project_month = serializers.SerializerMethodField()
    attendances = AttendanceSerializer(many=True, read_only=True)
    decisions = DecisionSerializer(many=True, read_only=True)
    action_items = ActionItemSerializer(many=True, read_only=True)
    minutes = serializers.SerializerMethodField()

    class Meta:
        model = Meeting
        fields = [
            "id", "number", "kind", "city", "date", "project_month", "agenda_fr", "agenda_it", "minutes_status",
            "approved_at", "minutes", "attendances", "decisions", "action_items",
        ]  # fmt: skip

    def get_project_month(self, obj: Meeting) -> int:
        if "project_start" not in self.context:
            self.context["project_start"] = periods.project_start()
        return periods.project_month(obj.date, self.context["project_start"])

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"fr": {"type": "string"}, "it": {"type": "string"}},
        }
    )
    def get_minutes(self, obj: Meeting) -> dict | None:
        if not permissions.can_see_minutes(self.context["request"].user, obj):
            return None
        return {"fr": obj.minutes_fr or "", "it": obj.minutes_it or ""}


class MeetingViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MeetingSerializer
    permission_classes = [PartnerStaffRead]

    def get_queryset(self):
        return Meeting.objects.prefetch_related("decisions", "action_items", "attendances__organisation").order_by(
            "-date", "-pk"
        )


def register(router) -> None:
    router.register("committee-meetings", MeetingViewSet, basename="reporting-meeting")
