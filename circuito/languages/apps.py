from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LanguagesConfig(AppConfig):
    """The reader's language: switcher, alternate links, typography and date formats."""

    name = "circuito.languages"
    verbose_name = _("Languages")
