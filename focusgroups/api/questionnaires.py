"""API of online questionnaires, read-only, for the coordinator of the study (and superusers):
the questionnaires with their counts, and their responses with the answers. Respondents use the
pages, not the API."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema_field
from rest_framework import permissions, serializers, viewsets

from circuito.api_filters import PortalFilterBackend
from focusgroups import permissions as fg_permissions
from focusgroups.models import Questionnaire, Response, ResponseAnswer


class IsFocusGroupStaff(permissions.BasePermission):
    """Partner staff and superusers; anyone else is refused (403)."""

    def has_permission(self, request, view) -> bool:
        return fg_permissions.is_staff_member(request.user)


class QuestionnaireSerializer(serializers.ModelSerializer):
    study = serializers.CharField(source="study.code", read_only=True)
    template_version = serializers.IntegerField(source="template_version.number", read_only=True)
    invitations = serializers.IntegerField(source="n_invitations", read_only=True)
    started = serializers.IntegerField(source="n_started", read_only=True)
    submitted = serializers.IntegerField(source="n_submitted", read_only=True)

    class Meta:
        model = Questionnaire
        fields = [
            "id",
            "study",
            "template_version",
            "title_fr",
            "title_it",
            "opens_at",
            "closes_at",
            "allow_public",
            "invitations",
            "started",
            "submitted",
            "created_at",
        ]


class QuestionnaireViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = QuestionnaireSerializer
    permission_classes = [permissions.IsAuthenticated, IsFocusGroupStaff]

    def get_queryset(self):
        return (
            fg_permissions.visible_questionnaires(self.request.user)
            .select_related("study", "template_version")
            .annotate(
                n_invitations=Count("invitations", distinct=True),
                n_started=Count("responses", filter=Q(responses__submitted_at__isnull=True), distinct=True),
                n_submitted=Count("responses", filter=Q(responses__submitted_at__isnull=False), distinct=True),
            )
            .order_by("-created_at", "-pk")
        )


class ResponseAnswerSerializer(serializers.ModelSerializer):
    question = serializers.CharField(source="question.key", read_only=True)
    value = serializers.SerializerMethodField()

    class Meta:
        model = ResponseAnswer
        fields = ["question", "value"]

    @extend_schema_field({"oneOf": [{"type": "string"}, {"type": "number"}, {"type": "boolean"}, {"type": "array"}]})
    def get_value(self, obj: ResponseAnswer):
        return obj.value


class ResponseSerializer(serializers.ModelSerializer):
    # Plain codes: the actor category's choices already have an enum in the sessions' schema.
    category = serializers.CharField(read_only=True)
    territory = serializers.CharField(source="territory.code", read_only=True, default=None, allow_null=True)
    personal_link = serializers.SerializerMethodField()
    answers = ResponseAnswerSerializer(many=True, read_only=True)

    class Meta:
        model = Response
        fields = [
            "id",
            "questionnaire",
            "personal_link",
            "language",
            "respondent_organisation",
            "category",
            "country",
            "territory",
            "started_at",
            "submitted_at",
            "answers",
        ]

    def get_personal_link(self, obj: Response) -> bool:
        return obj.invitation_id is not None


class ResponseViewSet(viewsets.ReadOnlyModelViewSet):
    """Responses of the questionnaires the user coordinates; `?questionnaire=<id>` narrows them."""

    serializer_class = ResponseSerializer
    permission_classes = [permissions.IsAuthenticated, IsFocusGroupStaff]
    filter_backends = [PortalFilterBackend]
    filterset_fields = ["questionnaire"]

    def get_queryset(self):
        visible = fg_permissions.visible_questionnaires(self.request.user)
        questionnaire = self.request.query_params.get("questionnaire")
        if questionnaire and questionnaire.isdigit():
            get_object_or_404(visible, pk=questionnaire)
        return (
            Response.objects.filter(questionnaire__in=visible)
            .select_related("territory")
            .prefetch_related("answers__question")
            .order_by("-started_at", "-pk")
        )


def register(router) -> None:
    router.register("questionnaires", QuestionnaireViewSet, basename="focusgroups-questionnaire")
    router.register("questionnaire-responses", ResponseViewSet, basename="focusgroups-questionnaire-response")
