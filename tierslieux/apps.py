from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TiersLieuxConfig(AppConfig):
    name = "tierslieux"
    verbose_name = _("Tiers-Lieux")
