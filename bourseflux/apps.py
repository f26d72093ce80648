from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoursefluxConfig(AppConfig):
    name = "bourseflux"
    verbose_name = _("Flux exchange")
