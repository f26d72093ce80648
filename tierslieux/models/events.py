"""Events (trainings, webinars, Open Innovation sessions, missions) with registration, waiting
list, attendance, and B2B matchmaking in fixed time slots without clashes."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from circuito.search.fields import SearchDocumentField
from tierslieux.models.places import Place


class Event(models.Model):
    class Kind(models.TextChoices):
        TRAINING = "training", _("Training")
        WEBINAR = "webinar", _("Webinar")
        OPEN_INNOVATION = "open_innovation", _("Open Innovation session")
        MISSION = "mission", _("Mission of entrepreneurs")
        OTHER = "other", _("Other event")

    class Topic(models.TextChoices):
        TECH_TRANSFER = "tech_transfer", _("Technology transfer")
        EU_PROJECTS = "eu_projects", _("EU projects")
        FINANCE = "finance", _("Access to credit (venture capital, business angels, crowdfunding)")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    topic = models.CharField(_("topic"), max_length=16, choices=Topic.choices, default=Topic.OTHER)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    place = models.ForeignKey(
        Place, on_delete=models.SET_NULL, null=True, blank=True, related_name="events", verbose_name=_("place")
    )
    organiser = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organiser")
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    online = models.BooleanField(_("online"), default=False)
    location = models.CharField(_("location"), max_length=250, blank=True)
    # Where an event away from any place is held: shown on its page, used by territory filters.
    commune = models.ForeignKey(
        "geo.Commune",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune"),
        help_text=_("Where the event takes place when it is not at one of the places of the directory."),
    )
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    registration_open = models.BooleanField(_("registration open"), default=True)
    b2b_enabled = models.BooleanField(_("B2B matchmaking"), default=False)
    published = models.BooleanField(_("published"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    search_document = SearchDocumentField()  # see tierslieux.search_index

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start")
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("tierslieux:event_detail", args=[self.slug])


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        WAITING = "waiting", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REGISTERED)
    attended = models.BooleanField(_("attended"), default=False)
    created_at = models.DateTimeField(_("registered on"), auto_now_add=True)
    # Set when the day-before reminder went out (the periodic task claims each registration once).
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["event", "user"], name="registration_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.event}"


class B2BProfile(models.Model):
    registration = models.OneToOneField(Registration, on_delete=models.CASCADE, related_name="b2b_profile")
    summary = models.TextField(_("who we are"))
    offers = models.TextField(_("what we offer"), blank=True)
    seeks = models.TextField(_("what we look for"), blank=True)
    search_document = SearchDocumentField()  # see tierslieux.search_index

    class Meta:
        verbose_name = _("B2B profile")
        verbose_name_plural = _("B2B profiles")

    def __str__(self) -> str:
        return str(self.registration)


class B2BSlot(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="b2b_slots")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        verbose_name = _("meeting slot")
        verbose_name_plural = _("meeting slots")
        ordering = ["starts_at"]
        constraints = [models.UniqueConstraint(fields=["event", "starts_at"], name="slot_unique_start")]

    def __str__(self) -> str:
        return f"{self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class B2BRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="b2b_requests")
    requester = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="b2b_sent")
    invitee = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="b2b_received")
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("meeting request")
        verbose_name_plural = _("meeting requests")
        constraints = [
            models.UniqueConstraint(fields=["requester", "invitee"], name="b2b_request_unique"),
            models.CheckConstraint(condition=~models.Q(requester=models.F("invitee")), name="b2b_not_self"),
        ]

    def __str__(self) -> str:
        return f"{self.requester} → {self.invitee}"


class B2BMeeting(models.Model):
    """One seat per participant and slot: the unique constraint makes clashes impossible."""

    request = models.ForeignKey(B2BRequest, on_delete=models.CASCADE, related_name="seats")
    slot = models.ForeignKey(B2BSlot, on_delete=models.CASCADE, related_name="seats")
    participant = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="b2b_seats")
    table = models.PositiveSmallIntegerField(_("table"), default=1)

    class Meta:
        verbose_name = _("B2B meeting seat")
        verbose_name_plural = _("B2B meeting seats")
        ordering = ["slot__starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["slot", "participant"], name="b2b_no_clash"),
            models.UniqueConstraint(fields=["request", "participant"], name="b2b_one_seat_per_side"),
        ]

    def __str__(self) -> str:
        return f"{self.slot} {self.participant}"
