"""Generated reports (semestrial, annual, intermediate, final) with the figures they were
built from, so a report downloaded again later shows the same numbers."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from circuito.files import PrivateUploadTo, private_storage

LANGUAGES = [("fr", _("French")), ("it", _("Italian"))]


class Report(models.Model):
    class Kind(models.TextChoices):
        SEMESTRIAL = "semestrial", _("Semestrial progress report")
        ANNUAL = "annual", _("Annual implementation report")
        INTERMEDIATE = "intermediate", _("Intermediate report")
        FINAL = "final", _("Final report")

    class Status(models.TextChoices):
        PENDING = "pending", _("Being generated")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    period_index = models.PositiveSmallIntegerField(_("period"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=LANGUAGES, default="fr")
    # 1 for the first report of its kind, period and language; regenerating makes the next one and
    # keeps the earlier versions downloadable.
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    job = models.ForeignKey(
        "jobs.Job", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("job")
    )
    figures = models.JSONField(_("figures"), default=dict, blank=True)
    pdf = models.FileField(
        _("PDF"), storage=private_storage, upload_to=PrivateUploadTo("reporting/reports"), blank=True
    )
    xlsx = models.FileField(
        _("XLSX"), storage=private_storage, upload_to=PrivateUploadTo("reporting/reports"), blank=True
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="report_period_ordered")
        ]

    def __str__(self) -> str:
        span = f"{self.period_start:%Y-%m-%d}–{self.period_end:%Y-%m-%d}"
        return f"{self.get_kind_display()} {span} ({self.language}, v{self.version})"
