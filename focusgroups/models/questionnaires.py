"""Online questionnaires: a template version sent by personal links or a public link."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from focusgroups.models.reference import ActorCategory, Language, Study
from focusgroups.models.templates import Question, TemplateVersion


class Questionnaire(models.Model):
    study = models.ForeignKey(Study, on_delete=models.PROTECT, related_name="questionnaires", verbose_name=_("study"))
    template_version = models.ForeignKey(
        TemplateVersion, on_delete=models.PROTECT, related_name="questionnaires", verbose_name=_("question template")
    )
    organiser = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sending partner"),
    )
    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    opens_at = models.DateTimeField(_("opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes"), null=True, blank=True)
    public_token = models.CharField(_("public link token"), max_length=64, unique=True)
    allow_public = models.BooleanField(_("open to anyone with the public link"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True) | Q(closes_at__isnull=True) | Q(closes_at__gt=models.F("opens_at")),
                name="fg_questionnaire_closes_after_opening",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Invitation(models.Model):
    """A personal link sent to one recipient: one answer per link."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("questionnaire")
    )
    email = models.EmailField(_("e-mail"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    token = models.CharField(_("token"), max_length=64, unique=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    used_at = models.DateTimeField(_("answered"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["questionnaire", "email"]
        constraints = [
            models.UniqueConstraint(fields=["questionnaire", "email"], name="fg_invitation_unique_email"),
        ]

    def __str__(self) -> str:
        return self.email


class Response(models.Model):
    """One respondent's answers, resumable with its token until submitted."""

    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="responses", verbose_name=_("questionnaire")
    )
    invitation = models.OneToOneField(
        Invitation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="response",
        verbose_name=_("invitation"),
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    resume_token = models.CharField(_("resume token"), max_length=64, unique=True)
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    last_section = models.PositiveSmallIntegerField(_("last section reached"), default=0)
    respondent_organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    category = models.CharField(_("actor category"), max_length=10, choices=ActorCategory.choices, blank=True)
    country = models.CharField(_("country"), max_length=2, blank=True)
    territory = models.ForeignKey(
        "geo.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("territory"),
    )

    class Meta:
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["questionnaire", "submitted_at"], name="fg_response_submitted")]

    def __str__(self) -> str:
        return f"{self.questionnaire} #{self.pk}"


class ResponseAnswer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers", verbose_name=_("response"))
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="response_answers", verbose_name=_("question")
    )
    value = models.JSONField(_("answer"), null=True, blank=True)

    class Meta:
        verbose_name = _("questionnaire answer")
        verbose_name_plural = _("questionnaire answers")
        ordering = ["response", "question__section__order", "question__order"]
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="fg_response_answer_unique_question"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id} · {self.question.key}"
