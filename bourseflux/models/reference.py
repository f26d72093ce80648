"""Reference codes of the flux exchange: the European List of Waste, a bilingual tree of material
categories mapped onto it, and the typical flows of economic activities (NACE)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from circuito.search.fields import SearchDocumentField


class EwcCode(models.Model):
    """An entry of the European List of Waste (Decision 2000/532/EC as amended by 2014/955/EU):
    a chapter ("02"), a sub-chapter ("02 03") or a waste code ("02 03 04")."""

    class Level(models.IntegerChoices):
        CHAPTER = 1, _("Chapter")
        SUBCHAPTER = 2, _("Sub-chapter")
        ENTRY = 3, _("Waste code")

    class ItalianLabel(models.TextChoices):
        PARAPHRASE = "paraphrase", _("Unofficial copy of the Italian wording")
        PROJECT = "project", _("Translated by the project")

    code = models.CharField(_("code"), max_length=8, unique=True)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    chapter = models.CharField(_("chapter"), max_length=2, db_index=True)
    hazardous = models.BooleanField(_("hazardous"), default=False)
    # label_fr is the official French wording (art. R541-8 Code de l'environnement, annex II).
    label = models.CharField(_("label"), max_length=500)
    label_it_origin = models.CharField(
        _("origin of the Italian label"), max_length=12, choices=ItalianLabel.choices, default=ItalianLabel.PARAPHRASE
    )
    # Code forms, both labels and common names, analysed (circuito.search); GIN-indexed.
    search_document = SearchDocumentField()

    class Meta:
        verbose_name = _("EWC code")
        verbose_name_plural = _("European List of Waste")
        ordering = ["code"]

    def __str__(self) -> str:
        star = "*" if self.hazardous else ""
        return f"{self.code}{star} {self.label}"

    @property
    def subchapter(self) -> str:
        return self.code[:5]


class MaterialCategory(models.Model):
    """A node of the bilingual material tree (e.g. organic > fruit and vegetable residues).

    `ewc_prefixes` maps the category onto the List of Waste ("02 03", "20 02 01"): a waste code
    belongs to every category listing its longest matching prefix (reference_lookup.CategoryTree),
    and a by-product without a code still has a category to match on."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    ewc_prefixes = models.JSONField(_("EWC codes and prefixes"), default=list, blank=True)
    # Flows of these natures fall under the category (energy, water, capacity have their own).
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("material category")
        verbose_name_plural = _("material categories")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def root_id(self) -> int:
        return self.parent_id or self.pk


class ActivityFlowProfile(models.Model):
    """A typical flow of an economic activity (e.g. cider making gives off apple pomace; sawmills
    give off sawdust; fruit juice makers take apple pomace). Used to infer "potential" flows of a
    company from its NACE code, shown as estimates until the company confirms them."""

    class Direction(models.TextChoices):
        OFFER = "offer", _("Gives off")
        NEED = "need", _("Needs")

    nace_code = models.CharField(
        _("NACE code"), max_length=8, db_index=True, help_text=_("A division, group or class code: 16, 16.1 or 16.10")
    )
    direction = models.CharField(_("direction"), max_length=5, choices=Direction.choices)
    category = models.ForeignKey(
        MaterialCategory, on_delete=models.PROTECT, related_name="activity_profiles", verbose_name=_("category")
    )
    ewc = models.ForeignKey(
        EwcCode, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("EWC code")
    )
    nature = models.CharField(_("nature"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("typical flow of an activity")
        verbose_name_plural = _("typical flows of activities")
        ordering = ["nace_code", "direction"]

    def __str__(self) -> str:
        return f"{self.nace_code} {self.get_direction_display()}: {self.name}"
