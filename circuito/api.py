"""The API root: every app registers its viewsets on this one router under /api/v1/.

This module and circuito/urls.py are the composition root: the only places of the circuito
package that name the feature apps."""

from rest_framework.routers import DefaultRouter

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
