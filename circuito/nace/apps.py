from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NaceConfig(AppConfig):
    name = "circuito.nace"
    verbose_name = _("Economic activities (NACE)")
