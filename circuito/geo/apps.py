from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GeoConfig(AppConfig):
    name = "circuito.geo"
    verbose_name = _("Territories")

    def ready(self) -> None:
        from circuito.geo.search import _forget_alt_names, commune_words
        from circuito.search import register_vocabulary, thesaurus

        register_vocabulary("communes", commune_words)
        thesaurus.on_reset(_forget_alt_names)
