"""Question templates shared by a study's coordinator, versioned: sections and questions."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from focusgroups.models.reference import QuestionTag, Study


class QuestionTemplate(models.Model):
    """A question model written by the coordinator; what is run is one of its versions."""

    study = models.ForeignKey(Study, on_delete=models.PROTECT, related_name="templates", verbose_name=_("study"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("question template")
        verbose_name_plural = _("question templates")
        ordering = ["study", "title"]

    def __str__(self) -> str:
        return self.title


class TemplateVersion(models.Model):
    """A frozen state of a template. Sessions and questionnaires point at the version they used."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    template = models.ForeignKey(
        QuestionTemplate, on_delete=models.CASCADE, related_name="versions", verbose_name=_("template")
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=9, choices=Status.choices, default=Status.DRAFT, db_index=True)
    based_on = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("copied from"),
    )
    change_note = models.TextField(_("what changed"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("published by"),
    )

    class Meta:
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="fg_version_unique_number"),
            # One draft being edited and one published version in use at a time, per template.
            models.UniqueConstraint(fields=["template"], condition=Q(status="draft"), name="fg_version_one_draft"),
            models.UniqueConstraint(
                fields=["template"], condition=Q(status="published"), name="fg_version_one_published"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False), name="fg_version_published_has_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT


class Section(models.Model):
    version = models.ForeignKey(
        TemplateVersion, on_delete=models.CASCADE, related_name="sections", verbose_name=_("version")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("introduction"), blank=True)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["version", "order", "pk"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Open text")
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        SCALE = "scale", _("Scale 1–5")
        YES_NO = "yes_no", _("Yes / no")
        NUMBER = "number", _("Number")

    CHOICE_KINDS = (Kind.SINGLE, Kind.MULTIPLE)
    SCALE_MIN, SCALE_MAX = 1, 5

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions", verbose_name=_("section"))
    # Copied from the section when saved: lets the database keep keys unique within a version.
    version = models.ForeignKey(
        TemplateVersion, on_delete=models.CASCADE, related_name="questions", editable=False, verbose_name=_("version")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    key = models.SlugField(
        _("key"),
        max_length=60,
        help_text=_("Stays the same across versions, so that answers to the same question add up."),
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.TEXT)
    text = models.TextField(_("question"))
    help = models.TextField(_("help for the facilitator"), blank=True)
    required = models.BooleanField(_("required"), default=False)
    # [{"value": "a", "fr": "…", "it": "…"}, …] for single and multiple choice questions.
    choices = models.JSONField(_("choices"), default=list, blank=True)
    tags = models.ManyToManyField(QuestionTag, blank=True, related_name="questions", verbose_name=_("tags"))

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["section__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="fg_question_unique_key"),
        ]

    def __str__(self) -> str:
        return f"{self.key}: {self.text[:60]}"

    def save(self, *args, **kwargs) -> None:
        self.version_id = self.section.version_id
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)

    @property
    def choice_values(self) -> list[str]:
        return [str(c.get("value")) for c in self.choices or []]

    def choice_label(self, value: str, language: str) -> str:
        """The label of a choice in a language, falling back to the other one, then to the value."""
        other = "it" if language == "fr" else "fr"
        for choice in self.choices or []:
            if str(choice.get("value")) == str(value):
                return choice.get(language) or choice.get(other) or str(value)
        return str(value)
