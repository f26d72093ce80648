"""API of the expenditure area (read-only, partner staff): expenditure lines as the reader may see
them (own partner's drafts and declared lines; every declared line for the lead partner),
declared versus budget per partner, and monitoring forms."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import serializers, viewsets

from reporting import permissions_expenditure as access
from reporting.api.access import PartnerStaffRead
from reporting.models import ExpenditureLine, MonitoringEntry, MonitoringReport
from reporting.selectors_expenditure import partner_figures


class ExpenditureLineSerializer(serializers.ModelSerializer):
    partner = serializers.CharField(source="partner.partner_code", read_only=True)
    entered_by = serializers.CharField(source="entered_by_organisation.legal_name", read_only=True)
    document_url = serializers.SerializerMethodField()

    class Meta:
        model = ExpenditureLine
        fields = [
            "id", "partner", "entered_by", "period", "category", "date_incurred", "description", "amount",
            "status", "declared_at", "document_name", "document_url",
        ]  # fmt: skip

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_document_url(self, obj: ExpenditureLine) -> str | None:
        if not obj.document:
            return None
        return self.context["request"].build_absolute_uri(reverse("reporting:expenditure_document", args=[obj.pk]))


@extend_schema(
    parameters=[
        OpenApiParameter("partner", str, description="Partner code, e.g. PACA"),
        OpenApiParameter("period", int, description="Semester number"),
        OpenApiParameter("status", str, enum=ExpenditureLine.Status.values),
    ]
)
class ExpenditureLineViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ExpenditureLineSerializer
    permission_classes = [PartnerStaffRead]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ExpenditureLine.objects.none()
        lines = access.visible_lines(self.request.user).select_related("partner", "entered_by_organisation")
        params = self.request.query_params
        if params.get("partner"):
            lines = lines.filter(partner__partner_code=params["partner"])
        if params.get("period", "").isdigit():
            lines = lines.filter(period=int(params["period"]))
        if params.get("status") in ExpenditureLine.Status.values:
            lines = lines.filter(status=params["status"])
        return lines.order_by("partner__partner_code", "period", "date_incurred", "pk")


class CategoryFiguresSerializer(serializers.Serializer):
    category = serializers.CharField()
    budget = serializers.DecimalField(max_digits=14, decimal_places=2)
    declared = serializers.DecimalField(max_digits=14, decimal_places=2)
    burn_rate = serializers.FloatField(allow_null=True)
    over_budget = serializers.BooleanField()


class PartnerFiguresSerializer(serializers.Serializer):
    partner = serializers.CharField(source="partner.partner_code")
    budget = serializers.DecimalField(max_digits=14, decimal_places=2)
    declared = serializers.DecimalField(max_digits=14, decimal_places=2)
    burn_rate = serializers.FloatField(allow_null=True)
    erdf_rate = serializers.DecimalField(max_digits=5, decimal_places=4)
    national_rate = serializers.DecimalField(max_digits=5, decimal_places=4)
    erdf_share = serializers.DecimalField(max_digits=14, decimal_places=2)
    national_share = serializers.DecimalField(max_digits=14, decimal_places=2)
    categories = CategoryFiguresSerializer(many=True)


class ExpenditureSummaryViewSet(viewsets.GenericViewSet):
    """Declared versus budget per partner and cost category (declared lines only)."""

    serializer_class = PartnerFiguresSerializer
    permission_classes = [PartnerStaffRead]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return access.project_partners().none()
        return access.visible_partners(self.request.user)

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        figures = partner_figures([p.pk for p in page])
        return self.get_paginated_response(self.get_serializer(figures, many=True).data)


class MonitoringEntrySerializer(serializers.ModelSerializer):
    work_package = serializers.CharField(source="work_package.code", read_only=True)

    class Meta:
        model = MonitoringEntry
        fields = ["work_package", "activities", "problems", "corrective_actions"]


class MonitoringReportSerializer(serializers.ModelSerializer):
    partner = serializers.CharField(source="partner.partner_code", read_only=True)
    entries = MonitoringEntrySerializer(many=True, read_only=True)

    class Meta:
        model = MonitoringReport
        fields = ["id", "partner", "period", "status", "submitted_at", "entries"]


class MonitoringReportViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = MonitoringReportSerializer
    permission_classes = [PartnerStaffRead]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return MonitoringReport.objects.none()
        return (
            access.visible_reports(self.request.user)
            .select_related("partner")
            .prefetch_related("entries__work_package")
            .order_by("period", "partner__partner_code")
        )


def register(router) -> None:
    router.register("expenditure-lines", ExpenditureLineViewSet, basename="reporting-expenditure-line")
    router.register("expenditure-summary", ExpenditureSummaryViewSet, basename="reporting-expenditure-summary")
    router.register("monitoring-reports", MonitoringReportViewSet, basename="reporting-monitoring-report")
