"""URLs of the flux exchange under /<lang>/flux/. Each area keeps its own module."""

from django.urls import include, path

app_name = "bourseflux"
urlpatterns = [
    path("", include("bourseflux.urls.flows")),
    path("", include("bourseflux.urls.reference")),
    path("", include("bourseflux.urls.matching")),
    path("", include("bourseflux.urls.synergies")),
    path("", include("bourseflux.urls.transactions")),
    path("", include("bourseflux.urls.company_mail")),
    path("", include("bourseflux.urls.explore")),
    path("", include("bourseflux.urls.zones")),
    path("", include("bourseflux.urls.inventory")),
]
