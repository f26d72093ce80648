"""Synergies API: the synergies a user may see, their messages, and the same writes as the pages.

Register in bourseflux/api/__init__.py:
    router.register("synergies", SynergyViewSet, basename="synergy")
"""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bourseflux.anonymity import company_name
from bourseflux.models import Synergy, SynergyMessage
from bourseflux.permissions import get_flow, visible_synergies
from bourseflux.services import synergies as services


class FlowSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()  # in the request's language, with fallback
    title_fr = serializers.CharField()
    title_it = serializers.CharField()
    organisation = serializers.SerializerMethodField()
    country = serializers.CharField()

    def get_organisation(self, flow) -> str:
        """The company's name, or "a company in <department>" while it is listed anonymously."""
        return company_name(self.context["request"].user, flow)


class SynergySerializer(serializers.ModelSerializer):
    offer = FlowSummarySerializer(read_only=True)
    need = FlowSummarySerializer(read_only=True)
    offer_id = serializers.IntegerField(write_only=True)
    need_id = serializers.IntegerField(write_only=True)
    message = serializers.CharField(write_only=True, required=False, allow_blank=True, max_length=5000)
    money_saved_eur = serializers.SerializerMethodField()
    # Declared so that the schema admits the blank of a synergy that was not abandoned.
    abandon_reason = serializers.ChoiceField(choices=Synergy.AbandonReason.choices, allow_blank=True, read_only=True)

    class Meta:
        model = Synergy
        fields = [
            "id",
            "offer",
            "need",
            "offer_id",
            "need_id",
            "message",
            "stage",
            "abandon_reason",
            "cross_border",
            "distance_km",
            "created_at",
            "stage_changed_at",
            "implemented_on",
            "tonnes_per_year",
            "transport",
            "co2e_avoided_t",
            "money_saved_eur",
            "facilitator",
        ]
        read_only_fields = [f for f in fields if f not in ("offer_id", "need_id", "message")]

    def get_money_saved_eur(self, obj: Synergy) -> str | None:
        # Every viewer of a synergy is a participant or a facilitator; still, honour the choice.
        return str(obj.money_saved_eur) if obj.money_saved_eur is not None and obj.money_saved_public else None

    def create(self, validated_data: dict) -> Synergy:
        user = self.context["request"].user
        offer = get_flow(validated_data["offer_id"], user).flow
        need = get_flow(validated_data["need_id"], user).flow
        return services.express_interest(actor=user, offer=offer, need=need, message=validated_data.get("message", ""))


class SynergyMessageSerializer(serializers.ModelSerializer):
    author = serializers.CharField(source="author.__str__", read_only=True, allow_null=True)
    organisation = serializers.CharField(source="organisation.legal_name", read_only=True, allow_null=True)

    class Meta:
        model = SynergyMessage
        fields = ["id", "author", "organisation", "body", "created_at"]
        read_only_fields = ["id", "author", "organisation", "created_at"]


class StageSerializer(serializers.Serializer):
    to_stage = serializers.ChoiceField(choices=Synergy.Stage.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    abandon_reason = serializers.CharField(required=False, allow_blank=True, default="")


class ImpactSerializer(serializers.Serializer):
    tonnes_per_year = serializers.FloatField()
    transport = serializers.ChoiceField(choices=Synergy.Transport.choices)
    distance_km = serializers.FloatField(required=False, allow_null=True, default=None)
    money_saved_eur = serializers.DecimalField(
        max_digits=12, decimal_places=2, required=False, allow_null=True, default=None
    )
    money_saved_public = serializers.BooleanField(required=False, default=False)


class SynergyViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Synergies of the user's organisations (all of them for facilitators). POST creates an
    expression of interest (returns the existing synergy for a pair already followed)."""

    serializer_class = SynergySerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["stage", "cross_border"]
    ordering_fields = ["stage_changed_at", "created_at"]
    search_fields: list[str] = []

    def get_queryset(self):
        return (
            visible_synergies(self.request.user)
            .select_related("offer__organisation", "need__organisation")
            .order_by("-stage_changed_at", "-pk")
        )

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        synergy = serializer.save()
        return Response(self.get_serializer(synergy).data, status=status.HTTP_201_CREATED)

    def _act(self, synergy: Synergy, fn, **kwargs):
        return fn(synergy, actor=self.request.user, **kwargs)

    @extend_schema(methods=["GET"], responses=SynergyMessageSerializer(many=True))
    @extend_schema(methods=["POST"], request=SynergyMessageSerializer, responses={201: SynergyMessageSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=SynergyMessageSerializer)
    def messages(self, request, pk=None):
        synergy = self.get_object()  # 404 before anything else for those who may not see it
        if request.method == "POST":
            serializer = SynergyMessageSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            message = self._act(synergy, services.post_message, body=serializer.validated_data["body"])
            return Response(SynergyMessageSerializer(message).data, status=status.HTTP_201_CREATED)
        queryset = synergy.messages.select_related("author", "organisation")
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(SynergyMessageSerializer(page, many=True).data)

    @extend_schema(request=StageSerializer, responses=SynergySerializer)
    @action(detail=True, methods=["post"], serializer_class=StageSerializer)
    def stage(self, request, pk=None):
        synergy = self.get_object()
        serializer = StageSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        synergy = self._act(synergy, services.change_stage, **serializer.validated_data)
        return Response(SynergySerializer(synergy, context=self.get_serializer_context()).data)

    @extend_schema(request=ImpactSerializer, responses=SynergySerializer)
    @action(detail=True, methods=["post"], serializer_class=ImpactSerializer)
    def impact(self, request, pk=None):
        synergy = self.get_object()
        serializer = ImpactSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        synergy = self._act(synergy, services.record_impact, **serializer.validated_data)
        return Response(SynergySerializer(synergy, context=self.get_serializer_context()).data)
