"""Admin site configuration.

django-leaflet's admin module imports GeoDjango, which needs the GDAL system library. The
portal stores locations as plain latitude/longitude, so leaflet's admin is skipped during
autodiscovery; every other app's admin module is loaded as usual.
"""

from importlib import import_module

from django.apps import apps
from django.contrib.admin.apps import AdminConfig, SimpleAdminConfig
from django.utils.module_loading import module_has_submodule

SKIPPED_ADMIN_MODULES = {"leaflet"}


class CircuitoAdminConfig(AdminConfig):
    def ready(self) -> None:
        SimpleAdminConfig.ready(self)  # system checks, without the stock autodiscovery
        self.module.site.site_header = "CIRCUITO"
        self.module.site.site_title = "CIRCUITO"
        for app_config in apps.get_app_configs():
            if app_config.name in SKIPPED_ADMIN_MODULES:
                continue
            if module_has_submodule(app_config.module, "admin"):
                import_module(f"{app_config.name}.admin")
