"""Pilot zones, collective workshops and awareness meetings run by facilitators."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PilotZone(models.Model):
    """A named area on the map (a business park, a metropolis): a centre and a radius."""

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    latitude = models.FloatField(_("latitude of the centre"))
    longitude = models.FloatField(_("longitude of the centre"))
    radius_km = models.FloatField(_("radius (km)"))
    partner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="pilot_zones", verbose_name=_("partner")
    )
    companies = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="in_pilot_zones", verbose_name=_("participating companies")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("pilot zone")
        verbose_name_plural = _("pilot zones")
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=models.Q(radius_km__gt=0), name="zone_radius_positive")]

    def __str__(self) -> str:
        return self.name


class Workshop(models.Model):
    """A collective workshop where a facilitator enters the participants' flows in one grid."""

    pilot_zone = models.ForeignKey(
        PilotZone, on_delete=models.CASCADE, related_name="workshops", verbose_name=_("pilot zone")
    )
    title = models.CharField(_("title"), max_length=150)
    date = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    participants = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="workshops", verbose_name=_("participating companies")
    )
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"


class AwarenessMeeting(models.Model):
    """A circular-economy awareness meeting (six in the project's plan)."""

    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"), db_index=True)
    commune = models.ForeignKey("geo.Commune", on_delete=models.PROTECT, related_name="+", verbose_name=_("commune"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    organiser = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organiser")
    )
    pilot_zone = models.ForeignKey(
        PilotZone, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("pilot zone")
    )
    attendance = models.PositiveIntegerField(_("attendance"))
    companies_attending = models.PositiveIntegerField(_("companies attending"), default=0)
    notes = models.TextField(_("notes"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    class Meta:
        verbose_name = _("awareness meeting")
        verbose_name_plural = _("awareness meetings")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.title} ({self.date})"
