"""NACE Rev. 2 (statistical classification of economic activities), with French NAF rév. 2 and
Italian ATECO 2007 labels. NAF and ATECO equal NACE down to the 4-digit class; their national
sub-classes (NAF `10.32Z`, ATECO `10.32.00`) map onto a class.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from circuito.search.fields import SearchDocumentField


class NaceActivity(models.Model):
    class Level(models.TextChoices):
        SECTION = "section", _("Section")
        DIVISION = "division", _("Division")
        GROUP = "group", _("Group")
        CLASS = "class", _("Class")

    code = models.CharField(_("code"), max_length=8, unique=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    label = models.CharField(_("label"), max_length=300)
    # Code forms and both labels, analysed (circuito.search); GIN-indexed on PostgreSQL.
    search_document = SearchDocumentField()

    class Meta:
        verbose_name = _("NACE activity")
        verbose_name_plural = _("NACE activities")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class NationalSubclass(models.Model):
    """A NAF sub-class or an ATECO sub-category, mapped to its NACE class."""

    class Scheme(models.TextChoices):
        NAF = "naf", "NAF rév. 2"
        ATECO = "ateco", "ATECO 2007"

    scheme = models.CharField(_("scheme"), max_length=6, choices=Scheme.choices)
    code = models.CharField(_("code"), max_length=10)
    label = models.CharField(_("label"), max_length=300)
    nace_class = models.ForeignKey(
        NaceActivity, on_delete=models.CASCADE, related_name="subclasses", verbose_name=_("NACE class")
    )

    class Meta:
        verbose_name = _("national sub-class")
        verbose_name_plural = _("national sub-classes")
        constraints = [models.UniqueConstraint(fields=["scheme", "code"], name="subclass_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"
