from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = _("Project reporting")

    def ready(self) -> None:
        from reporting import checks  # noqa: F401  (registers the system check)
        from reporting.indicators import register_indicators

        register_indicators()
