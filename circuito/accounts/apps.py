from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "circuito.accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from circuito import lookups  # noqa: F401  (integer `in` lookups that cannot overflow)
        from circuito.accounts import signals  # noqa: F401  (connects the receivers)
        from circuito.accounts.search import organisation_words
        from circuito.search import register_vocabulary

        register_vocabulary("organisations", organisation_words)
