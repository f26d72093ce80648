"""Territories of the ALCOTRA area and the communes/comuni gazetteer.

Locations are plain latitude/longitude (WGS84) fields: no GeoDjango, no GDAL to install.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from circuito.search.fields import SearchDocumentField


class Country(models.TextChoices):
    FRANCE = "FR", _("France")
    ITALY = "IT", _("Italy")


class Territory(models.Model):
    """A country, a region, or a department/province, in one tree."""

    class Level(models.TextChoices):
        COUNTRY = "country", _("Country")
        REGION = "region", _("Region")
        DEPARTMENT = "department", _("Department / province")

    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    code = models.CharField(
        _("code"), max_length=12, help_text=_("FR/IT, region code, department number or province abbreviation")
    )
    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    in_alcotra = models.BooleanField(_("in the ALCOTRA area"), default=False)

    class Meta:
        verbose_name = _("territory")
        verbose_name_plural = _("territories")
        ordering = ["country", "level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "level", "code"], name="territory_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    """A French commune or an Italian comune, with a WGS84 point inside it."""

    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    code = models.CharField(_("official code"), max_length=6, help_text=_("INSEE code (France) or ISTAT code (Italy)"))
    name = models.CharField(_("name"), max_length=120)
    alt_name = models.CharField(
        _("name in the other language"),
        max_length=120,
        blank=True,
        help_text=_("e.g. Nizza for Nice, Turin for Torino"),
    )
    # Lower-case, accent-free "name alt_name" so that search tolerates accents and both languages.
    search_name = models.CharField(max_length=250, db_index=True, editable=False)
    # Both names analysed (circuito.search): what the commune search matches, GIN-indexed.
    search_document = SearchDocumentField()
    department = models.ForeignKey(
        Territory, on_delete=models.PROTECT, related_name="communes", verbose_name=_("department / province")
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        verbose_name = _("commune")
        verbose_name_plural = _("communes")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["country", "code"], name="commune_unique_code")]
        indexes = [models.Index(fields=["latitude", "longitude"], name="commune_latlon")]

    def __str__(self) -> str:
        return f"{self.name} ({self.department.code})" if self.department_id else self.name

    def save(self, *args, **kwargs) -> None:
        from circuito.geo.reference import other_names
        from circuito.geo.search import normalise
        from circuito.search import document

        others = other_names(self.country, self.department.code, self.name) if self.department_id else ()
        self.search_name = normalise(" ".join((self.name, self.alt_name, *others)))
        self.search_document = document(self.name, self.alt_name, *others, stem=False)
        super().save(*args, **kwargs)
