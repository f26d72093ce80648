"""URLs of the Tiers-Lieux platform under /<lang>/tiers-lieux/. Each area keeps its own module."""

from django.urls import include, path

app_name = "tierslieux"
urlpatterns = [
    path("", include("tierslieux.urls.places")),
    path("", include("tierslieux.urls.booking")),
    path("", include("tierslieux.urls.requests")),
    path("", include("tierslieux.urls.events")),
    path("", include("tierslieux.urls.network")),
]
