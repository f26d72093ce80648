from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "circuito.geo"
    verbose_name = _("Territories")

    def ready(self) -> None:
        from circuito.geo.search import commune_words
        from circuito.search import register_vocabulary

        register_vocabulary("communes", commune_words)
