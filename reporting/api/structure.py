"""API of the structure area: deliverables with target, achieved and status, and indicators
(read-only, partner staff)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from reporting.api.access import PartnerStaffRead
from reporting.models import Deliverable, Indicator
from reporting.progress import Calculator


def _calculator(serializer) -> Calculator:
    context = serializer.context
    if "calculator" not in context:
        context["calculator"] = Calculator()
    return context["calculator"]


class DeliverableSerializer(serializers.ModelSerializer):
    activity = serializers.CharField(source="activity.code", read_only=True)
    work_package = serializers.CharField(source="activity.work_package.code", read_only=True)
    responsible = serializers.CharField(source="responsible.partner_code", read_only=True, allow_null=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Deliverable
        fields = [
            "id", "work_package", "activity", "name_fr", "name_it", "kind", "target_count", "per_partner",
            "due_month", "responsible", "source", "progress",
        ]  # fmt: skip

    @extend_schema_field(
        {
            "type": "object",
            "properties": {
                "target": {"type": "integer"},
                "achieved": {"type": "number", "nullable": True},
                "status": {"type": "string", "enum": ["done", "on_track", "late", "not_started", "unknown"]},
                "due_month": {"type": "integer"},
            },
        }
    )
    def get_progress(self, obj: Deliverable) -> dict:
        p = _calculator(self).deliverable(obj)
        return {"target": p.target, "achieved": p.achieved, "status": p.status, "due_month": p.due_month}


class DeliverableViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = DeliverableSerializer
    permission_classes = [PartnerStaffRead]

    def get_queryset(self):
        return (
            Deliverable.objects.select_related("activity__work_package", "responsible")
            .prefetch_related("activity__excluded_partners", "activity__work_package__excluded_partners")
            .order_by("activity__work_package__order", "activity__order", "order")
        )


class IndicatorSerializer(serializers.ModelSerializer):
    achieved = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = ["id", "code", "kind", "name_fr", "name_it", "target", "breakdown", "source", "achieved"]

    def get_achieved(self, obj: Indicator) -> float | None:
        return _calculator(self).indicator(obj)["achieved"]


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = IndicatorSerializer
    permission_classes = [PartnerStaffRead]
    queryset = Indicator.objects.order_by("order", "code")


def register(router) -> None:
    router.register("deliverables", DeliverableViewSet, basename="reporting-deliverable")
    router.register("indicators", IndicatorViewSet, basename="reporting-indicator")
