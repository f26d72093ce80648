"""URLs of the app under /<lang>/focus-groups/. Each area keeps its own module."""

from django.urls import include, path

app_name = "focusgroups"
urlpatterns = [
    path("", include("focusgroups.urls.templates")),
    path("", include("focusgroups.urls.sessions")),
    path("", include("focusgroups.urls.questionnaires")),
    path("", include("focusgroups.urls.analysis")),
]
