from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoursefluxConfig(AppConfig):
    name = "bourseflux"
    verbose_name = _("Flux exchange")

    def ready(self) -> None:
        from bourseflux.reference_lookup import ewc_words
        from circuito.search import register_vocabulary

        register_vocabulary("ewc", ewc_words)
