"""Partners' monitoring forms, one per partner and reporting period (semester)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class MonitoringReport(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", pgettext_lazy("monitoring form", "Submitted")

    partner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    period = models.PositiveSmallIntegerField(_("period"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted on"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("monitoring report")
        verbose_name_plural = _("monitoring reports")
        ordering = ["period", "partner__partner_code"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "period"], name="monitoring_unique_partner_period"),
            models.CheckConstraint(condition=Q(period__gte=1), name="monitoring_period_positive"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False), name="monitoring_submitted_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner} S{self.period}"


class MonitoringEntry(models.Model):
    report = models.ForeignKey(
        MonitoringReport, on_delete=models.CASCADE, related_name="entries", verbose_name=_("monitoring report")
    )
    work_package = models.ForeignKey(
        "reporting.WorkPackage", on_delete=models.PROTECT, related_name="+", verbose_name=_("work package")
    )
    activities = models.TextField(_("activities carried out"), blank=True)
    problems = models.TextField(_("problems met"), blank=True)
    corrective_actions = models.TextField(_("corrective actions"), blank=True)

    class Meta:
        verbose_name = _("monitoring entry")
        verbose_name_plural = _("monitoring entries")
        ordering = ["work_package__order", "work_package__code"]
        constraints = [models.UniqueConstraint(fields=["report", "work_package"], name="monitoring_entry_unique_wp")]

    def __str__(self) -> str:
        return f"{self.report} {self.work_package.code}"
