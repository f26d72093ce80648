from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "circuito.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self) -> None:
        from circuito.search import thesaurus
        from circuito.search.lexicon import register_vocabulary
        from circuito.search.models import Concept, ConceptLink, Term

        register_vocabulary("thesaurus", thesaurus.term_texts)

        def changed(**kwargs) -> None:
            thesaurus.changed()

        for model in (Concept, Term, ConceptLink):
            post_save.connect(changed, sender=model, dispatch_uid=f"search-changed-{model.__name__}")
            post_delete.connect(changed, sender=model, dispatch_uid=f"search-deleted-{model.__name__}")
        m2m_changed.connect(changed, sender=Concept.serves.through, dispatch_uid="search-serves")
