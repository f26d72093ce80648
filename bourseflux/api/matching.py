"""Matches API: GET /api/v1/matches/?flow=<id>[&limit=20][&lang=fr|it] — the ranked candidates of
a flow (same permissions as the page: a draft is 404 for outsiders), each with its reasons as a
code, parameters and a text in the requested (or negotiated) language, then the estimates."""

from django.conf import settings
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from bourseflux.anonymity import anonymous_label, may_see_company, reveal
from bourseflux.matching import Candidate, candidates
from bourseflux.models import Flow
from bourseflux.permissions import get_flow
from bourseflux.potential import PotentialCandidate, potential_candidates

MAX_LIMIT = 50


def _revealed(user, found: list[Candidate]) -> list[Candidate]:
    reveal(user, [c.flow for c in found])
    return found


def _candidate(c: Candidate, user) -> dict:
    flow = c.flow
    shown = may_see_company(user, flow)  # listed anonymously: neither name nor id
    return {
        "flow": flow.pk,
        "direction": flow.direction,
        "nature": flow.nature,
        "title": flow.title,
        "title_fr": flow.title_fr or "",
        "title_it": flow.title_it or "",
        "organisation": {
            "id": flow.organisation_id if shown else None,
            "name": flow.organisation.legal_name if shown else anonymous_label(flow),
        },
        "commune": flow.site.commune.name,
        "country": flow.country,
        "category": flow.category.code,
        "ewc": flow.ewc.code if flow.ewc_id else None,
        "score": c.score,
        "strength": c.strength,  # strong ≥ 70, plausible 50–69, weak < 50
        "distance_km": c.distance_km,
        "cross_border": c.cross_border,
        "is_estimate": False,
        "reasons": [r.as_dict() for r in c.reasons],
    }


def _estimate(e: PotentialCandidate) -> dict:
    org = e.organisation
    return {
        "organisation": {"id": org.pk, "name": org.legal_name},
        "commune": org.commune.name,
        "country": org.country,
        "nace": org.nace.code,
        "typical_flow": e.profile.name,
        "category": e.profile.category.code,
        "score": e.score,
        "distance_km": e.distance_km,
        "cross_border": e.cross_border,
        "is_estimate": True,
        "reasons": [r.as_dict() for r in e.reasons],
    }


class MatchViewSet(viewsets.ViewSet):
    """Candidates of one flow on the other side (offer ↔ need)."""

    permission_classes = [permissions.AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("flow", OpenApiTypes.INT, required=True, description="id of the flow"),
            OpenApiParameter("limit", OpenApiTypes.INT, description=f"candidates returned (1–{MAX_LIMIT}, 20)"),
            OpenApiParameter("lang", OpenApiTypes.STR, description="language of the reason texts: fr or it"),
        ],
        responses=OpenApiTypes.OBJECT,
    )
    def list(self, request: Request) -> Response:
        try:
            pk = int(request.query_params.get("flow", ""))
            limit = int(request.query_params.get("limit", 20))
        except ValueError as exc:
            raise ValidationError({"flow": ["Give the id of a flow: ?flow=<id>."]}) from exc
        limit = max(1, min(limit, MAX_LIMIT))
        access = get_flow(pk, request.user)
        flow = access.flow
        lang = request.query_params.get("lang")
        languages = dict(settings.LANGUAGES)
        with translation.override(lang if lang in languages else translation.get_language()):
            found, estimates = [], []
            if flow.status == Flow.Status.PUBLISHED:
                found = candidates(flow, limit=limit, user=request.user)
                shown = {c.flow.organisation_id for c in found}
                estimates = potential_candidates(flow, limit=5, exclude_organisations=shown)
            data = {
                "flow": flow.pk,
                "count": len(found),
                "results": [_candidate(c, request.user) for c in _revealed(request.user, found)],
                "estimates": [_estimate(e) for e in estimates],
            }
        return Response(data)
