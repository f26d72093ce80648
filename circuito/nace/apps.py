from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NaceConfig(AppConfig):
    name = "circuito.nace"
    verbose_name = _("Economic activities (NACE)")

    def ready(self) -> None:
        from circuito.nace.lookup import activity_words
        from circuito.search import register_vocabulary

        register_vocabulary("nace", activity_words)
