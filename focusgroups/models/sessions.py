"""Focus group sessions: who ran them where, participants and their consent, answers, quotes, files."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from circuito.files import PrivateUploadTo, private_storage
from focusgroups.models.reference import ActorCategory, ConsentText, Language, Sector, Study
from focusgroups.models.templates import Question, TemplateVersion


class SessionQuerySet(models.QuerySet):
    def held_or_beyond(self) -> "SessionQuerySet":
        return self.filter(status__in=Session.HELD_OR_BEYOND)


class Session(models.Model):
    """One focus group, run by a partner in its territory on a version of the study's template."""

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        HELD = "held", _("Held")
        SUBMITTED = "submitted", _("Submitted to the coordinator")
        VALIDATED = "validated", _("Validated")
        RETURNED = "returned", _("Returned for changes")

    # Statuses in which the session took place (for counts against targets).
    HELD_OR_BEYOND = (Status.HELD, Status.SUBMITTED, Status.VALIDATED, Status.RETURNED)
    # Statuses in which the organising partner may still change what was captured.
    EDITABLE = (Status.PLANNED, Status.HELD, Status.RETURNED)

    study = models.ForeignKey(Study, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("study"))
    template_version = models.ForeignKey(
        TemplateVersion, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("question template")
    )
    organiser = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="focus_group_sessions",
        verbose_name=_("organising partner"),
        limit_choices_to={"kind": "partner"},
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    region = models.ForeignKey(
        "geo.Territory",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("region"),
        limit_choices_to={"level": "region"},
    )
    department = models.ForeignKey(
        "geo.Territory",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department / province"),
        limit_choices_to={"level": "department"},
    )
    date = models.DateField(_("date"))
    mode = models.CharField(_("format"), max_length=9, choices=Mode.choices, default=Mode.IN_PERSON)
    place = models.CharField(_("place or link"), max_length=250, blank=True)
    actor_category = models.CharField(_("actor category"), max_length=10, choices=ActorCategory.choices)
    sector = models.CharField(_("economic sector"), max_length=12, choices=Sector.choices, blank=True)
    nace = models.ForeignKey(
        "nace.NaceActivity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("economic activity (NACE)"),
    )
    facilitator = models.CharField(_("facilitator"), max_length=150, blank=True)
    note_taker = models.CharField(_("note-taker"), max_length=150, blank=True)
    language = models.CharField(_("language of the session"), max_length=2, choices=Language.choices)
    general_notes = models.TextField(_("general notes"), blank=True)
    # Highest pseudonym number given (P01, P02…), so that a removed participant's is never reused.
    pseudonym_counter = models.PositiveSmallIntegerField(default=0, editable=False)
    status = models.CharField(_("status"), max_length=9, choices=Status.choices, default=Status.PLANNED, db_index=True)
    return_comment = models.TextField(_("reason for returning"), blank=True)
    held_at = models.DateTimeField(_("marked as held"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    validated_at = models.DateTimeField(_("validated"), null=True, blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("validated by"),
    )
    returned_at = models.DateTimeField(_("returned"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("returned by"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Compared on save to refuse overwriting someone else's concurrent change.
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("focus group")
        verbose_name_plural = _("focus groups")
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["study", "status", "date"], name="fg_session_study_status"),
            models.Index(fields=["organiser", "status"], name="fg_session_organiser"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_comment=""), name="fg_session_returned_has_comment"
            ),
            models.CheckConstraint(
                condition=~Q(status="validated") | Q(validated_at__isnull=False), name="fg_session_validated_has_date"
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["submitted", "validated"]) | Q(submitted_at__isnull=False),
                name="fg_session_submitted_has_date",
            ),
        ]

    def __str__(self) -> str:
        place = self.department or self.region
        return self.title or f"{self.study.code} · {place} · {self.date:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("focusgroups:session_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE


class ParticipantQuerySet(models.QuerySet):
    def active(self) -> "ParticipantQuerySet":
        """Participants that count in exports and analyses: not withdrawn."""
        return self.filter(withdrawn_at__isnull=True)

    def counted(self) -> "ParticipantQuerySet":
        """Participants who attended and did not withdraw."""
        return self.active().filter(attended=True)


class Participant(models.Model):
    """Someone around the table. Exports show the pseudonym only; a withdrawal removes them from analyses."""

    class Country(models.TextChoices):
        FRANCE = "FR", _("France")
        ITALY = "IT", _("Italy")
        SWITZERLAND = "CH", _("Switzerland")
        MONACO = "MC", _("Monaco")
        OTHER = "ZZ", _("Other country")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="participants", verbose_name=_("focus group")
    )
    pseudonym = models.CharField(_("pseudonym"), max_length=8, help_text=_("P01, P02… given in order of entry"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation on the portal"),
    )
    category = models.CharField(_("actor category"), max_length=10, choices=ActorCategory.choices)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices)
    name = models.CharField(
        _("name"), max_length=150, blank=True, help_text=_("Optional; never shown in exports and analyses.")
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    attended = models.BooleanField(_("attended"), default=True)
    consent_text = models.ForeignKey(
        ConsentText,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("consent text shown"),
    )
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrew"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["session", "pseudonym"]
        constraints = [
            models.UniqueConstraint(fields=["session", "pseudonym"], name="fg_participant_unique_pseudonym"),
            models.CheckConstraint(
                condition=Q(consent_text__isnull=True, consent_at__isnull=True)
                | Q(consent_text__isnull=False, consent_at__isnull=False),
                name="fg_participant_consent_complete",
            ),
        ]

    def __str__(self) -> str:
        return self.pseudonym

    @property
    def has_consent(self) -> bool:
        return self.consent_at is not None

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


class Answer(models.Model):
    """What the group said to one question (a draft until the session is submitted)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="answers", verbose_name=_("focus group")
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers", verbose_name=_("question"))
    # str for text, str for single choice, list[str] for multiple choice, int for scale, bool for
    # yes/no, number for number; None when not answered.
    value = models.JSONField(_("answer"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("updated by")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["session", "question__section__order", "question__order"]
        constraints = [
            models.UniqueConstraint(fields=["session", "question"], name="fg_answer_unique_question"),
        ]

    def __str__(self) -> str:
        return f"{self.session_id} · {self.question.key}"


class QuoteQuerySet(models.QuerySet):
    def active(self) -> "QuoteQuerySet":
        """Quotes that may be shown in exports and analyses: not from a withdrawn participant."""
        return self.exclude(participant__withdrawn_at__isnull=False)


class Quote(models.Model):
    """Words said in the session, kept as said (in the language they were said in)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="quotes", verbose_name=_("focus group"))
    question = models.ForeignKey(
        Question,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("question"),
    )
    # Removing a participant removes what is attributed to them.
    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="quotes",
        verbose_name=_("participant"),
    )
    text = models.TextField(_("quote"))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = QuoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["session", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Attachment(models.Model):
    class Kind(models.TextChoices):
        ATTENDANCE = "attendance", _("Signed attendance sheet")
        PHOTO = "photo", _("Photo (flip chart, board)")
        OTHER = "other", _("Other document")

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("focus group")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to=PrivateUploadTo("focusgroups"))
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["session", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name
