"""The portal's URLs, plus the NACE autocomplete if the root URLconf does not include it yet."""

from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from circuito.urls import urlpatterns as portal_urlpatterns


def _has_namespace(patterns, namespace: str) -> bool:
    for pattern in patterns:
        if getattr(pattern, "namespace", None) == namespace:
            return True
        if hasattr(pattern, "url_patterns") and _has_namespace(pattern.url_patterns, namespace):
            return True
    return False


urlpatterns = list(portal_urlpatterns)
if not _has_namespace(urlpatterns, "nace"):
    urlpatterns += i18n_patterns(path("", include("circuito.nace.urls")), prefix_default_language=True)
