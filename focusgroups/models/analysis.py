"""Analysis: a codebook of themes, the coding of quotes and answers, SWOT items per territory."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from focusgroups.models.questionnaires import ResponseAnswer
from focusgroups.models.reference import Study
from focusgroups.models.sessions import Answer, Quote, Session


class Theme(models.Model):
    """A code of the codebook; shared by every study when `study` is empty."""

    study = models.ForeignKey(
        Study,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="themes",
        verbose_name=_("study"),
        help_text=_("Empty: shared by every study."),
    )
    code = models.SlugField(_("code"), max_length=50)
    label = models.CharField(_("label"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent theme"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["study", "code"], condition=Q(study__isnull=False), name="fg_theme_unique_code_study"
            ),
            models.UniqueConstraint(
                fields=["code"], condition=Q(study__isnull=True), name="fg_theme_unique_code_shared"
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.code


class Coding(models.Model):
    """A theme put on exactly one piece of evidence: a quote, a session answer or a questionnaire answer."""

    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="codings", verbose_name=_("theme"))
    quote = models.ForeignKey(
        Quote, on_delete=models.CASCADE, null=True, blank=True, related_name="codings", verbose_name=_("quote")
    )
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="codings", verbose_name=_("answer")
    )
    response_answer = models.ForeignKey(
        ResponseAnswer,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="codings",
        verbose_name=_("questionnaire answer"),
    )
    coded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("coded by")
    )
    coded_at = models.DateTimeField(_("coded"), auto_now_add=True)

    class Meta:
        verbose_name = _("coding")
        verbose_name_plural = _("codings")
        ordering = ["theme", "coded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quote__isnull=False, answer__isnull=True, response_answer__isnull=True)
                | Q(quote__isnull=True, answer__isnull=False, response_answer__isnull=True)
                | Q(quote__isnull=True, answer__isnull=True, response_answer__isnull=False),
                name="fg_coding_exactly_one_target",
            ),
            models.UniqueConstraint(
                fields=["theme", "quote"], condition=Q(quote__isnull=False), name="fg_coding_unique_quote"
            ),
            models.UniqueConstraint(
                fields=["theme", "answer"], condition=Q(answer__isnull=False), name="fg_coding_unique_answer"
            ),
            models.UniqueConstraint(
                fields=["theme", "response_answer"],
                condition=Q(response_answer__isnull=False),
                name="fg_coding_unique_response_answer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.theme} · {self.quote_id or self.answer_id or self.response_answer_id}"


class SwotItem(models.Model):
    class Quadrant(models.TextChoices):
        STRENGTH = "S", _("Strengths")
        WEAKNESS = "W", _("Weaknesses")
        OPPORTUNITY = "O", _("Opportunities")
        THREAT = "T", _("Threats")

    study = models.ForeignKey(Study, on_delete=models.CASCADE, related_name="swot_items", verbose_name=_("study"))
    territory = models.ForeignKey(
        "geo.Territory",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("territory"),
        limit_choices_to={"level": "region"},
    )
    quadrant = models.CharField(_("quadrant"), max_length=1, choices=Quadrant.choices)
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    evidence_sessions = models.ManyToManyField(
        Session, blank=True, related_name="swot_items", verbose_name=_("supporting focus groups")
    )
    evidence_quotes = models.ManyToManyField(
        Quote, blank=True, related_name="swot_items", verbose_name=_("supporting quotes")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")
        ordering = ["study", "territory", "quadrant", "order", "pk"]

    def __str__(self) -> str:
        return f"{self.quadrant}: {self.text[:60]}"
