"""Steering committee: meetings (in person or by videoconference), attendance, decisions,
action items and bilingual minutes approved by the lead partner."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Meeting(models.Model):
    class Kind(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        VIDEOCONFERENCE = "videoconference", _("Videoconference")

    class MinutesStatus(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    number = models.PositiveSmallIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.IN_PERSON)
    city = models.CharField(_("city"), max_length=120, blank=True)
    date = models.DateField(_("date"), db_index=True)
    agenda = models.TextField(_("agenda"), blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_status = models.CharField(
        _("minutes status"), max_length=8, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    approved_at = models.DateTimeField(_("approved on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("steering committee meeting")
        verbose_name_plural = _("steering committee meetings")
        ordering = ["date", "pk"]
        constraints = [
            # Meetings are numbered separately in person and by videoconference (the charter's 5 + 5).
            models.UniqueConstraint(fields=["kind", "number"], name="meeting_unique_number"),
            models.CheckConstraint(
                condition=Q(minutes_status="draft") | Q(approved_at__isnull=False),
                name="meeting_approved_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number} ({self.date:%Y-%m-%d})"

    @property
    def project_month(self) -> int:
        from reporting.periods import project_month

        # Lists set `_project_start` once for all rows, to avoid a query per meeting.
        return project_month(self.date, getattr(self, "_project_start", None))

    @property
    def is_approved(self) -> bool:
        return self.minutes_status == self.MinutesStatus.APPROVED


class Attendance(models.Model):
    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("meeting")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("organisation")
    )
    person_name = models.CharField(_("name"), max_length=200)
    present = models.BooleanField(_("present"), default=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["organisation__legal_name", "person_name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "organisation", "person_name"], name="attendance_unique_person")
        ]

    def __str__(self) -> str:
        return f"{self.person_name} ({self.organisation})"


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("meeting"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.TextField(_("decision"))

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.order}"


class ActionItem(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DONE = "done", _("Done")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="action_items", verbose_name=_("meeting")
    )
    text = models.TextField(_("action"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reporting_action_items",
        verbose_name=_("owner"),
    )
    owner_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("owner organisation"),
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=4, choices=Status.choices, default=Status.OPEN, db_index=True)
    done_at = models.DateTimeField(_("done on"), null=True, blank=True)

    class Meta:
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        ordering = ["due_date", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status="open") | Q(done_at__isnull=False), name="action_done_has_date")
        ]

    def __str__(self) -> str:
        return self.text[:60]
