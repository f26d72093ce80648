"""API of the reports area: the reports made, their frozen figures and their download links.
Lead partner staff only (everyone else gets 403); generating a report is done on the page."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions as drf
from rest_framework import serializers, viewsets

from reporting.models import Report
from reporting.permissions_reports import can_manage_reports
from reporting.services.reports import effective_status


class LeadPartnerRead(drf.BasePermission):
    def has_permission(self, request, view) -> bool:
        return request.method in drf.SAFE_METHODS and can_manage_reports(request.user)


class ReportSerializer(serializers.ModelSerializer):
    # Plain strings in the schema: enums named "kind"/"status" already exist in other apps.
    kind = serializers.CharField(read_only=True, help_text="semestrial, annual, intermediate or final")
    language = serializers.CharField(read_only=True, help_text="fr or it")
    status = serializers.SerializerMethodField(help_text="pending, ready or failed")
    created_by = serializers.SlugRelatedField(slug_field="email", read_only=True)
    downloads = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id", "kind", "period_index", "period_start", "period_end", "language", "version", "status",
            "created_by", "created_at", "downloads",
        ]  # fmt: skip

    @extend_schema_field(serializers.CharField())
    def get_status(self, obj: Report) -> str:
        return effective_status(obj)

    @extend_schema_field(
        {
            "type": "object",
            "nullable": True,
            "properties": {"pdf": {"type": "string"}, "xlsx": {"type": "string"}},
        }
    )
    def get_downloads(self, obj: Report) -> dict | None:
        if obj.status != Report.Status.READY:
            return None
        request = self.context.get("request")
        links = {fmt: reverse("reporting:report_download", args=[obj.pk, fmt]) for fmt in ("pdf", "xlsx")}
        return {fmt: request.build_absolute_uri(url) if request else url for fmt, url in links.items()}


class ReportDetailSerializer(ReportSerializer):
    figures = serializers.JSONField(read_only=True, help_text="The figures the report was built from (frozen).")

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "figures"]


class ReportViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [LeadPartnerRead]

    def get_queryset(self):
        queryset = Report.objects.select_related("created_by", "job").order_by("-created_at", "-pk")
        return queryset if self.action == "retrieve" else queryset.defer("figures")

    def get_serializer_class(self):
        return ReportDetailSerializer if self.action == "retrieve" else ReportSerializer


def register(router) -> None:
    router.register("reports", ReportViewSet, basename="reporting-report")
