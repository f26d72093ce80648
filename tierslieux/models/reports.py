"""Visitors' reports of an error on a place's page, read by the place's referents."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PlaceErrorReport(models.Model):
    place = models.ForeignKey("tierslieux.Place", on_delete=models.CASCADE, related_name="error_reports")
    message = models.TextField(_("what is wrong"), max_length=2000)
    # Optional, so that the referents can answer; never shown on a public page.
    email = models.EmailField(_("your e-mail (optional)"), blank=True)
    language = models.CharField(max_length=2, default="fr")
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(_("dealt with"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["place", "resolved_at"], name="error_report_open")]

    def __str__(self) -> str:
        return f"{self.place} — {self.created_at:%Y-%m-%d}"
