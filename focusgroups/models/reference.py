"""Reference data: the studies (activities that run focus groups), analysis tags, consent texts."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Language(models.TextChoices):
    """Languages in which the app's content is written, run and answered."""

    FRENCH = "fr", _("French")
    ITALIAN = "it", _("Italian")


class ActorCategory(models.TextChoices):
    """The brief's actor categories (who sits around the table)."""

    RESEARCH = "research", _("Research centres and intermediaries")
    COMPANY = "company", _("Companies")
    PUBLIC = "public", _("Public bodies")
    OTHER = "other", _("Other")


class Sector(models.TextChoices):
    """The brief's pilot sectors; a NACE activity may be given as well."""

    AGRIFOOD = "agrifood", _("Agri-food")
    FLORICULTURE = "floriculture", _("Floriculture and horticulture")
    CONSTRUCTION = "construction", _("Construction")
    CROSS = "cross", _("Several sectors")
    OTHER = "other", _("Other")


class Study(models.Model):
    """One activity of the charter that runs focus groups and questionnaires (3.2, 3.3, 5.2)."""

    code = models.CharField(_("activity"), max_length=8, unique=True, help_text=_("charter code, e.g. 3.2"))
    name = models.CharField(_("name"), max_length=250)
    coordinator = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="coordinated_studies",
        verbose_name=_("coordinator"),
        limit_choices_to={"kind": "partner"},
        help_text=_("The partner that leads the activity: it shares the templates and validates sessions."),
    )
    description = models.TextField(_("what the charter asks"), blank=True)
    target_sessions = models.PositiveIntegerField(_("focus groups planned"), default=0)
    target_responses = models.PositiveIntegerField(_("questionnaire answers planned"), null=True, blank=True)
    # The charter gives no focus-group count for some activities (5.2): the loader sets a default
    # once and never overwrites what was edited afterwards.
    target_from_charter = models.BooleanField(_("target taken from the charter"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("study")
        verbose_name_plural = _("studies")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class QuestionTag(models.Model):
    """Which analysis a question feeds (e.g. the obstacles to cooperation for 3.2)."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    label = models.CharField(_("label"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("question tag")
        verbose_name_plural = _("question tags")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.label or self.code


class ConsentText(models.Model):
    """The consent text read to participants, versioned per language (never edited once used)."""

    version = models.PositiveIntegerField(_("version"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        ordering = ["-version", "language"]
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="fg_consent_unique_version_language"),
        ]

    def __str__(self) -> str:
        return f"v{self.version} ({self.language})"

    @classmethod
    def current(cls, language: str) -> "ConsentText | None":
        """The latest version in a language."""
        return cls.objects.filter(language=language).order_by("-version").first()
