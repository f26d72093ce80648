"""The bilingual thesaurus: concepts named by terms in French, Italian and English, linked to the
reference codes they stand for (EWC, NACE, material categories, kinds of service, equipment and
place). Codes are plain strings so that `circuito` depends on no feature app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Concept(models.Model):
    key = models.SlugField(_("key"), max_length=80, unique=True)
    label_fr = models.CharField(_("label (French)"), max_length=200)
    label_it = models.CharField(_("label (Italian)"), max_length=200)
    # Keys of the concepts this one can be used as or can replace (a material and its uses).
    serves = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="served_by", verbose_name=_("can be used as")
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    from_file = models.BooleanField(_("loaded from the reference file"), default=False, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("concepts")
        ordering = ["key"]

    def __str__(self) -> str:
        return f"{self.label_fr} · {self.label_it}"


class Term(models.Model):
    class Language(models.TextChoices):
        FRENCH = "fr", _("French")
        ITALIAN = "it", _("Italian")
        ENGLISH = "en", _("English")

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="terms", verbose_name=_("concept"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    text = models.CharField(_("term"), max_length=200)
    preferred = models.BooleanField(_("preferred label"), default=False)
    # Terms added in the admin are never removed or rewritten when the reference file is reloaded.
    from_file = models.BooleanField(_("loaded from the reference file"), default=False, editable=False)
    # The term's words as the analyser reads them (lists of keys), kept so that a process loads
    # the thesaurus without stemming thousands of words again.
    analysed = models.JSONField(default=list, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["concept", "language", "-preferred", "text"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "language", "text"], name="search_term_unique_text"),
        ]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs) -> None:
        self.analysed = analyse_term(self.text)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "analysed"}
        super().save(*args, **kwargs)


def analyse_term(text: str) -> list[list[str]]:
    from circuito.search.analysis import tokens

    return [sorted(keys) for keys in tokens(text)]


class ConceptLink(models.Model):
    """A concept stands for a code of a reference scheme: `ewc` 030105, `nace` 16.10, `material`
    sawdust-shavings, `service` prototyping, `equipment` laser-cutter, `place` fablab."""

    class Scheme(models.TextChoices):
        EWC = "ewc", _("List of Waste code")
        NACE = "nace", _("NACE activity")
        MATERIAL = "material", _("material category")
        SERVICE = "service", _("kind of service")
        EQUIPMENT = "equipment", _("kind of equipment")
        PLACE = "place", _("kind of place")

    concept = models.ForeignKey(Concept, on_delete=models.CASCADE, related_name="links", verbose_name=_("concept"))
    scheme = models.CharField(_("scheme"), max_length=10, choices=Scheme.choices)
    code = models.CharField(_("code"), max_length=40)
    from_file = models.BooleanField(default=False, editable=False)

    class Meta:
        verbose_name = _("link to a code")
        verbose_name_plural = _("links to codes")
        ordering = ["scheme", "code"]
        constraints = [
            models.UniqueConstraint(fields=["concept", "scheme", "code"], name="search_link_unique"),
        ]
        indexes = [models.Index(fields=["scheme", "code"], name="search_link_code")]

    def __str__(self) -> str:
        return f"{self.scheme}:{self.code}"


class ThesaurusVersion(models.Model):
    """One row whose number goes up whenever the thesaurus changes: every process compares it
    with the one its in-memory copy was built from (one indexed read, cached for a minute)."""

    number = models.PositiveBigIntegerField(default=0)

    class Meta:
        verbose_name = _("thesaurus version")

    def __str__(self) -> str:
        return str(self.number)
