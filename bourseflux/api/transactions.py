"""Deals API: the transactions of the synergies a user may see, with their actual quantities.
POST records (or corrects) a synergy's deal; POST …/quantities/ records one period's quantity.
The same services as the pages do the checks."""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from bourseflux.models import ActualQuantity, Flow, Synergy, Transaction
from bourseflux.permissions import get_synergy, visible_synergies
from bourseflux.services import transactions as services


class ActualQuantitySerializer(serializers.ModelSerializer):
    class Meta:
        model = ActualQuantity
        fields = ["id", "period_start", "period_end", "quantity", "tonnes", "amount_eur", "co2e_avoided_t"]
        read_only_fields = ["id", "tonnes", "amount_eur", "co2e_avoided_t"]


class TransactionSerializer(serializers.ModelSerializer):
    synergy_id = serializers.IntegerField()
    supplier = serializers.CharField(source="supplier.legal_name", read_only=True)
    receiver = serializers.CharField(source="receiver.legal_name", read_only=True)
    ewc = serializers.CharField(required=False, allow_blank=True, allow_null=True, max_length=8)
    unit = serializers.ChoiceField(choices=Flow.Unit.choices)
    transport = serializers.ChoiceField(choices=Synergy.Transport.choices)
    ends_on = serializers.DateField(required=False, allow_null=True)
    carrier = serializers.CharField(required=False, allow_blank=True, max_length=150)
    actuals = ActualQuantitySerializer(many=True, read_only=True)

    class Meta:
        model = Transaction
        fields = [
            "id",
            "synergy_id",
            "supplier",
            "receiver",
            "material",
            "ewc",
            "quantity",
            "unit",
            "period",
            "pricing",
            "price_eur",
            "starts_on",
            "ends_on",
            "logistics",
            "transport",
            "carrier",
            "actuals",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "supplier", "receiver", "actuals", "created_at", "updated_at"]

    def to_representation(self, instance: Transaction) -> dict:
        data = super().to_representation(instance)
        data["ewc"] = instance.ewc.code if instance.ewc_id else None
        return data

    def create(self, validated_data: dict) -> Transaction:
        user = self.context["request"].user
        synergy = get_synergy(validated_data.pop("synergy_id"), user)  # 404 for whoever does not see it
        return services.record_transaction(synergy, actor=user, data=validated_data)


class TransactionViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Deals of the synergies the user sees (all of them for facilitators)."""

    serializer_class = TransactionSerializer
    permission_classes = [permissions.IsAuthenticated]
    filterset_fields = ["pricing", "period"]
    ordering_fields = ["starts_on", "created_at"]
    search_fields: list[str] = []

    def get_queryset(self):
        return (
            Transaction.objects.filter(synergy__in=visible_synergies(self.request.user).values("pk"))
            .select_related("supplier", "receiver", "ewc")
            .prefetch_related("actuals")
            .order_by("-starts_on", "-pk")
        )

    def create(self, request, *args, **kwargs):
        # A body that is not an object is refused by the serializer below, with its 400.
        raw = request.data.get("synergy_id") if isinstance(request.data, Mapping) else None
        try:
            synergy_id = int(raw)
        except (TypeError, ValueError):
            synergy_id = None
        if synergy_id is not None:
            get_synergy(synergy_id, request.user)  # 404 before any check of the data for those who may not see it
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        deal = serializer.save()
        return Response(self.get_serializer(self.get_queryset().get(pk=deal.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ActualQuantitySerializer, responses={201: ActualQuantitySerializer})
    @action(detail=True, methods=["post"], serializer_class=ActualQuantitySerializer)
    def quantities(self, request, pk=None):
        deal = self.get_object()  # 404 before anything else for those who may not see it
        serializer = ActualQuantitySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not services.can_record(request.user, deal.synergy):
            raise PermissionDenied
        actual = services.record_actual_quantity(deal, actor=request.user, **serializer.validated_data)
        return Response(ActualQuantitySerializer(actual).data, status=status.HTTP_201_CREATED)
