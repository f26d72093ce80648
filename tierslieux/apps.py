from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TiersLieuxConfig(AppConfig):
    name = "tierslieux"
    verbose_name = _("Tiers-Lieux")

    def ready(self) -> None:
        from circuito.search import register_vocabulary
        from circuito.search.thesaurus import thesaurus_loaded
        from tierslieux import caching, search_index
        from tierslieux.indicators import register_indicators
        from tierslieux.search import tierslieux_words

        search_index.connect()
        caching.connect()
        thesaurus_loaded.connect(_rebuild_documents, dispatch_uid="tierslieux-thesaurus-loaded")
        register_vocabulary("tierslieux", tierslieux_words)
        register_indicators()


def _rebuild_documents(sender, **kwargs) -> None:
    """A place's document holds the equipment concepts its machines are named by: rebuild them
    when the thesaurus changed (only documents that differ are written)."""
    from tierslieux.search_index import refresh_all

    refresh_all()
