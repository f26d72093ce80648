"""API of service requests (seen only by the company, the place's referents and partner staff)
and of innovation needs and calls (logged-in users). Writes go through the page services."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from circuito.accounts.models import Organisation
from circuito.search.api import SearchReasonsField
from tierslieux.api.search import SearchableMixin
from tierslieux.models import (
    InnovationAnswer,
    InnovationNeed,
    Place,
    RequestMessage,
    Sector,
    Service,
    ServiceKind,
    ServiceRequest,
)
from tierslieux.permissions import get_place, visible_requests
from tierslieux.services import innovation as innovation_services
from tierslieux.services import requests as services


class RequestMessageSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.get_full_name", read_only=True, default="")

    class Meta:
        model = RequestMessage
        fields = ["id", "author", "body", "created_at"]
        read_only_fields = ["id", "author", "created_at"]


class ServiceRequestSerializer(serializers.ModelSerializer):
    place = serializers.SlugRelatedField(slug_field="slug", queryset=Place.objects.all())
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    organisation_name = serializers.CharField(source="organisation.legal_name", read_only=True)
    place_name = serializers.CharField(source="place.name", read_only=True)
    service = serializers.PrimaryKeyRelatedField(queryset=Service.objects.all(), required=False, allow_null=True)
    message = serializers.CharField(write_only=True, max_length=services.MAX_MESSAGE_LENGTH)

    class Meta:
        model = ServiceRequest
        fields = [
            "id",
            "place",
            "place_name",
            "organisation",
            "organisation_name",
            "service",
            "subject",
            "message",
            "status",
            "cross_border",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["status", "cross_border", "created_at", "updated_at"]

    def create(self, validated_data: dict) -> ServiceRequest:
        user = self.context["request"].user
        place = get_place(validated_data["place"].slug, user).place  # drafts stay 404
        return services.create_request(
            actor=user,
            place=place,
            organisation=validated_data["organisation"],
            service=validated_data.get("service"),
            subject=validated_data["subject"],
            message=validated_data["message"],
        )


class StatusSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ServiceRequest.Status.choices)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ServiceRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Requests of my companies and to my places (all, for partner staff); `?status=` filters."""

    serializer_class = ServiceRequestSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends: list = []

    def get_queryset(self):
        queryset = visible_requests(self.request.user).select_related("place", "organisation", "service")
        wanted = self.request.query_params.get("status")
        if wanted:
            queryset = queryset.filter(status=wanted)
        return queryset.order_by("-created_at", "-pk")

    @extend_schema(methods=["GET"], responses=RequestMessageSerializer(many=True))
    @extend_schema(methods=["POST"], request=RequestMessageSerializer, responses={201: RequestMessageSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=RequestMessageSerializer)
    def messages(self, request: Request, pk=None) -> Response:
        req = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(req.messages.select_related("author"))
            return self.get_paginated_response(RequestMessageSerializer(page, many=True).data)
        serializer = RequestMessageSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = services.post_message(req, actor=request.user, body=serializer.validated_data["body"])
        return Response(RequestMessageSerializer(message).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=StatusSerializer, responses=ServiceRequestSerializer)
    @action(detail=True, methods=["post"], serializer_class=StatusSerializer)
    def status(self, request: Request, pk=None) -> Response:
        req = self.get_object()
        serializer = StatusSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.change_status(
            req,
            actor=request.user,
            to_status=serializer.validated_data["status"],
            reason=serializer.validated_data["reason"],
        )
        return Response(ServiceRequestSerializer(req, context={"request": request}).data)


class InnovationAnswerSerializer(serializers.ModelSerializer):
    place = serializers.SlugRelatedField(
        slug_field="slug", queryset=Place.objects.all(), required=False, allow_null=True
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )

    class Meta:
        model = InnovationAnswer
        fields = ["id", "place", "organisation", "body", "created_at"]
        read_only_fields = ["id", "created_at"]


class InnovationNeedSerializer(serializers.ModelSerializer):
    service_kinds = serializers.SlugRelatedField(
        slug_field="code", many=True, queryset=ServiceKind.objects.all(), required=False
    )
    sectors = serializers.SlugRelatedField(slug_field="code", many=True, queryset=Sector.objects.all(), required=False)
    place = serializers.SlugRelatedField(
        slug_field="slug", queryset=Place.objects.all(), required=False, allow_null=True
    )
    organisation = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    search_reasons = SearchReasonsField()

    class Meta:
        model = InnovationNeed
        fields = [
            "id",
            "kind",
            "status",
            "organisation",
            "place",
            "title_fr",
            "title_it",
            "description_fr",
            "description_it",
            "service_kinds",
            "sectors",
            "deadline",
            "created_at",
            "search_reasons",
        ]
        read_only_fields = ["kind", "status", "created_at"]

    def create(self, validated_data: dict) -> InnovationNeed:
        return innovation_services.create_need(
            actor=self.context["request"].user,
            data=validated_data,
            organisation=validated_data.pop("organisation", None),
            place=validated_data.pop("place", None),
            service_kinds=validated_data.pop("service_kinds", []),
            sectors=validated_data.pop("sectors", []),
        )


class NoBodySerializer(serializers.Serializer):
    """Actions that take no input."""


class InnovationNeedViewSet(
    SearchableMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """Open innovation needs and calls; `q` (or `search`) searches them in French and Italian,
    best first, with `search_reasons`; `answers` lists the answers the reader may see."""

    search_schemes = ("service",)

    serializer_class = InnovationNeedSerializer
    permission_classes = [permissions.IsAuthenticated]
    filter_backends: list = []

    def get_queryset(self):
        queryset = innovation_services.open_needs().select_related("organisation", "place")
        queryset = queryset.prefetch_related("service_kinds", "sectors").order_by("-created_at", "-pk")
        return self.searched(queryset) if self.action == "list" else queryset

    @extend_schema(methods=["GET"], responses=InnovationAnswerSerializer(many=True))
    @extend_schema(methods=["POST"], request=InnovationAnswerSerializer, responses={201: InnovationAnswerSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=InnovationAnswerSerializer)
    def answers(self, request: Request, pk=None) -> Response:
        need = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(innovation_services.visible_answers(request.user, need))
            return self.get_paginated_response(InnovationAnswerSerializer(page, many=True).data)
        serializer = InnovationAnswerSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        answer = innovation_services.answer_need(
            need,
            actor=request.user,
            body=data["body"],
            place=data.get("place"),
            organisation=data.get("organisation"),
        )
        return Response(InnovationAnswerSerializer(answer).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=NoBodySerializer, responses=InnovationNeedSerializer)
    @action(detail=True, methods=["post"], serializer_class=NoBodySerializer)
    def close(self, request: Request, pk=None) -> Response:
        need = self.get_object()
        innovation_services.close_need(need, actor=request.user)
        return Response(InnovationNeedSerializer(need, context={"request": request}).data)


def register(router) -> None:
    router.register("service-requests", ServiceRequestViewSet, basename="tierslieux-request")
    router.register("innovation-needs", InnovationNeedViewSet, basename="tierslieux-innovation")
