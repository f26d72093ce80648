from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TiersLieuxConfig(AppConfig):
    name = "tierslieux"
    verbose_name = _("Tiers-Lieux")

    def ready(self) -> None:
        from circuito.search import register_vocabulary
        from tierslieux import search_index
        from tierslieux.indicators import register_indicators
        from tierslieux.search import tierslieux_words

        search_index.connect()
        register_vocabulary("tierslieux", tierslieux_words)
        register_indicators()
