"""URLs of the app under /<lang>/reporting/. Each area keeps its own module."""

from django.urls import include, path

app_name = "reporting"
urlpatterns = [
    path("", include("reporting.urls.structure")),
    path("", include("reporting.urls.committees")),
    path("", include("reporting.urls.expenditure")),
    path("", include("reporting.urls.reports")),
]
