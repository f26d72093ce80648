from django.apps import AppConfig
from django.db.models.signals import post_save, pre_save
from django.utils.translation import gettext_lazy as _


class BoursefluxConfig(AppConfig):
    name = "bourseflux"
    verbose_name = _("Flux exchange")

    def ready(self) -> None:
        from bourseflux.caching import connect as connect_caching
        from bourseflux.indicators import register_indicators
        from bourseflux.models import EwcCode, MaterialCategory
        from bourseflux.reference_lookup import ewc_words
        from bourseflux.search import material_words, refresh_fed_flows, remember_texts
        from circuito.search import register_vocabulary

        register_vocabulary("ewc", ewc_words)
        register_vocabulary("materials", material_words)
        register_indicators()
        connect_caching()
        # Flows copy the names of their category and the labels of their code into their search
        # documents: a change of wording reaches them.
        for model in (MaterialCategory, EwcCode):
            pre_save.connect(remember_texts, sender=model, dispatch_uid=f"flow-search-before-{model.__name__}")
            post_save.connect(refresh_fed_flows, sender=model, dispatch_uid=f"flow-search-after-{model.__name__}")
