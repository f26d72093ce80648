"""The API root: every app registers its viewsets on this one router under /api/v1/.

Routes are named after their resource in kebab-case, without the app's name (`places`,
`focus-groups`, `committee-meetings`). The app-prefixed names of earlier releases still answer,
with a `Deprecation` header and a `Link` to the new address, and are left out of the schema.

This module and circuito/urls.py are the composition root: the only places of the circuito
package that name the feature apps."""

import functools

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern
from rest_framework.routers import DefaultRouter, SimpleRouter

import bourseflux.api
import focusgroups.api
import reporting.api
import tierslieux.api
from circuito.accounts.api import OrganisationViewSet
from circuito.geo.api import CommuneViewSet, TerritoryViewSet
from circuito.nace.api import NaceActivityViewSet

router = DefaultRouter()
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("communes", CommuneViewSet, basename="commune")
router.register("territories", TerritoryViewSet, basename="territory")
router.register("nace", NaceActivityViewSet, basename="nace")
bourseflux.api.register(router)
tierslieux.api.register(router)
focusgroups.api.register(router)
reporting.api.register(router)

#: Old route → its new name (the old names answer until 1.0, marked deprecated).
DEPRECATED_PREFIXES: dict[str, str] = {
    "tierslieux/places": "places",
    "tierslieux/services": "services",
    "tierslieux/requests": "service-requests",
    "tierslieux/innovation": "innovation-needs",
    "tierslieux/news": "news",
    "tierslieux/projects": "projects",
    "tierslieux/events": "events",
    "tierslieux/registrations": "registrations",
    "tierslieux/b2b-requests": "b2b-requests",
    "focus-groups/sessions": "focus-groups",
    "focusgroups/questionnaires": "questionnaires",
    "focusgroups/questionnaire-responses": "questionnaire-responses",
    "focusgroups/themes": "themes",
    "focusgroups/swot-items": "swot-items",
    "focusgroups/progress": "focus-group-progress",
    "reporting/deliverables": "deliverables",
    "reporting/indicators": "indicators",
    "reporting/meetings": "committee-meetings",
    "reporting/expenditure-lines": "expenditure-lines",
    "reporting/expenditure-summary": "expenditure-summary",
    "reporting/monitoring-reports": "monitoring-reports",
    "reporting/reports": "reports",
    "flux/zones": "pilot-zones",
    "flux/workshops": "workshops",
    "flux/meetings": "awareness-meetings",
    "map/flows": "flow-map",
    "map/synergies": "synergy-map",
}


def _deprecated(view, old: str, new: str):
    @functools.wraps(view)  # keeps the attributes DRF and Django read (cls, actions, csrf_exempt)
    def answer(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Deprecation"] = "true"
        response["Link"] = f'<{request.path.replace(f"/{old}/", f"/{new}/", 1)}>; rel="successor-version"'
        return response

    return answer


def _deprecated_urls() -> list[URLPattern]:
    viewsets = {prefix: (viewset, basename) for prefix, viewset, basename in router.registry}
    patterns: list[URLPattern] = []
    for old, new in DEPRECATED_PREFIXES.items():
        viewset, basename = viewsets[new]
        alias = SimpleRouter()
        alias.register(old, viewset, basename=f"deprecated-{basename}")
        patterns += [URLPattern(p.pattern, _deprecated(p.callback, old, new), p.default_args) for p in alias.urls]
    return patterns


#: What /api/v1/ serves: the router's routes, then the deprecated aliases.
urlpatterns = [*router.urls, *_deprecated_urls()]
