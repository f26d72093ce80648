from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "circuito.jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # Each app's job handlers register themselves when its `jobs` module is imported.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("jobs")
