from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FocusgroupsConfig(AppConfig):
    name = "focusgroups"
    verbose_name = _("Focus groups and surveys")

    def ready(self) -> None:
        from focusgroups.indicators import register_indicators

        register_indicators()
