"""API of the analysis area (read-only, partner staff): the codebooks, the SWOT items, and the
progress of each study against its target. Quotes and per-session material are not exposed."""

from django.db.models import Count, F
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions as drf
from rest_framework import serializers, viewsets
from rest_framework.response import Response

from focusgroups import permissions
from focusgroups.models import Study, SwotItem, Theme
from focusgroups.selectors_analysis import progress


class StaffRead(drf.BasePermission):
    """Partner staff (and superusers) read; companies and the public are refused."""

    def has_permission(self, request, view) -> bool:
        return request.method in drf.SAFE_METHODS and permissions.is_staff_member(request.user)


STUDY_PARAM = OpenApiParameter("study", str, description="Activity code of the study, e.g. 3.2")


class ThemeSerializer(serializers.ModelSerializer):
    study = serializers.CharField(source="study.code", read_only=True, allow_null=True)
    parent = serializers.CharField(source="parent.code", read_only=True, allow_null=True)

    class Meta:
        model = Theme
        fields = ["id", "study", "code", "parent", "label_fr", "label_it", "description_fr", "description_it", "order"]


@extend_schema_view(list=extend_schema(parameters=[STUDY_PARAM]))
class ThemeViewSet(viewsets.ReadOnlyModelViewSet):
    """Themes of the codebooks; `?study=3.2` gives that study's own and shared themes."""

    serializer_class = ThemeSerializer
    permission_classes = [StaffRead]
    filter_backends: list = []

    def get_queryset(self):
        qs = Theme.objects.select_related("study", "parent").order_by(
            F("study__code").asc(nulls_first=True), "order", "code"
        )
        code = self.request.query_params.get("study")
        if code:
            qs = qs.filter(study__code=code) | qs.filter(study__isnull=True)
        return qs


class SwotItemSerializer(serializers.ModelSerializer):
    study = serializers.CharField(source="study.code", read_only=True)
    territory = serializers.CharField(source="territory.code", read_only=True)
    country = serializers.CharField(source="territory.country", read_only=True)
    supporting_focus_groups = serializers.IntegerField(source="n_sessions", read_only=True)
    supporting_quotes = serializers.IntegerField(source="n_quotes", read_only=True)

    class Meta:
        model = SwotItem
        fields = [
            "id", "study", "territory", "country", "quadrant", "text_fr", "text_it", "order",
            "supporting_focus_groups", "supporting_quotes",
        ]  # fmt: skip


@extend_schema_view(list=extend_schema(parameters=[STUDY_PARAM]))
class SwotItemViewSet(viewsets.ReadOnlyModelViewSet):
    """SWOT items per study and region, with the number of focus groups and quotes supporting each."""

    serializer_class = SwotItemSerializer
    permission_classes = [StaffRead]
    filter_backends: list = []

    def get_queryset(self):
        qs = (
            SwotItem.objects.select_related("study", "territory")
            .annotate(
                n_sessions=Count("evidence_sessions", distinct=True), n_quotes=Count("evidence_quotes", distinct=True)
            )
            .order_by("study__code", "territory__country", "territory__code", "quadrant", "order", "pk")
        )
        code = self.request.query_params.get("study")
        return qs.filter(study__code=code) if code else qs


class ProgressRowSerializer(serializers.Serializer):
    label = serializers.CharField()
    held = serializers.IntegerField()
    validated = serializers.IntegerField()


class ProgressSerializer(serializers.Serializer):
    study = serializers.CharField(source="study.code")
    target = serializers.IntegerField(source="study.target_sessions")
    held = serializers.IntegerField()
    validated = serializers.IntegerField()
    questionnaire_responses = serializers.IntegerField(source="responses")
    by_partner = ProgressRowSerializer(many=True)
    by_territory = ProgressRowSerializer(many=True)


class ProgressViewSet(viewsets.ViewSet):
    """Focus groups held and validated against each study's target, per partner and per region."""

    permission_classes = [StaffRead]
    serializer_class = ProgressSerializer

    @extend_schema(responses=ProgressSerializer(many=True))
    def list(self, request):
        rows = progress(Study.objects.order_by("order", "code"))
        return Response(ProgressSerializer(rows, many=True).data)


def register(router) -> None:
    router.register("themes", ThemeViewSet, basename="focusgroups-theme")
    router.register("swot-items", SwotItemViewSet, basename="focusgroups-swot-item")
    router.register("focus-group-progress", ProgressViewSet, basename="focusgroups-progress")
