"""API of the map: GeoJSON of flows and synergies under /api/v1/flow-map/ and
/api/v1/synergy-map/, with the same filters and permissions as the pages
(bourseflux.filters.FlowFilter, bourseflux.permissions).

Not paginated: the flows are limited by `bbox` and, beyond geojson.MAX_FEATURES, returned as
counts per grid cell."""

from django.http import JsonResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from bourseflux.filters import FlowFilter, filtered_flows
from bourseflux.geojson import flows_collection, synergies_collection

GEOJSON = "application/geo+json"

FLOW_PARAMETERS = [
    OpenApiParameter(name, OpenApiTypes.STR, description=f.label or name) for name, f in FlowFilter.base_filters.items()
]


class FlowMapViewSet(viewsets.ViewSet):
    """Flows as a GeoJSON FeatureCollection: one point per flow at its commune (or at the exact
    site when the company chose so); `clustered: true` with counts per cell when the area holds
    too many flows. Quantities are null where the caller may not see them."""

    permission_classes = [AllowAny]

    @extend_schema(parameters=FLOW_PARAMETERS, responses={(200, GEOJSON): OpenApiTypes.OBJECT})
    def list(self, request):
        _flt, qs = filtered_flows(request.query_params, request.user)
        data = flows_collection(qs, request.user, bbox=request.query_params.get("bbox"))
        return JsonResponse(data, content_type=GEOJSON)


class SynergyMapViewSet(viewsets.ViewSet):
    """Synergies in discussion, trial or implemented as lines between the two companies' communes,
    with their impact. Implemented ones are public; the others only for those who follow them."""

    permission_classes = [AllowAny]

    @extend_schema(responses={(200, GEOJSON): OpenApiTypes.OBJECT})
    def list(self, request):
        return JsonResponse(synergies_collection(request.user), content_type=GEOJSON)


def register_explore(router) -> None:
    router.register("flow-map", FlowMapViewSet, basename="map-flows")
    router.register("synergy-map", SynergyMapViewSet, basename="map-synergies")
