from csp.decorators import csp_update
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from circuito import views
from circuito.api import urlpatterns as api_urlpatterns
from circuito.files import media_urlpatterns
from circuito.languages.views import switch_language

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("i18n/switch/<str:language>/", switch_language, name="switch_language"),
    path("healthz", views.healthz, name="healthz"),
    path("api/v1/", include(api_urlpatterns)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # Swagger UI sets inline styles; the relaxation is limited to this page.
    path(
        "api/docs/",
        csp_update({"style-src": ["'unsafe-inline'"]})(SpectacularSwaggerSplitView.as_view(url_name="schema")),
        name="api-docs",
    ),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("legal/", views.legal, name="legal"),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("accounts/", include("allauth.urls")),
    path("", include("circuito.accounts.urls")),
    path("", include("circuito.geo.urls")),
    path("", include("circuito.nace.urls")),
    path("jobs/", include("circuito.jobs.urls")),
    path("flux/", include("bourseflux.urls")),
    path("tiers-lieux/", include("tierslieux.urls")),
    path("focus-groups/", include("focusgroups.urls")),
    path("reporting/", include("reporting.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

if settings.DEBUG:
    # Public media for the development server; never a private file (circuito.files.serve_media).
    urlpatterns += media_urlpatterns()
