"""Project structure from the charter: the project itself, work packages, activities,
deliverables with their evidence, and the programme's output and result indicators."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from circuito.files import PrivateUploadTo, private_storage


class Project(models.Model):
    """The project (one row). Its start date and duration are the charter's; the reporting periods
    follow the calendar (ProjectEdition rows), whose first edition is made from them."""

    acronym = models.CharField(_("acronym"), max_length=32)
    title = models.CharField(_("title"), max_length=250)
    programme = models.CharField(_("programme"), max_length=250, blank=True)
    start_date = models.DateField(_("start date"), default=datetime.date(2019, 1, 1))
    duration_months = models.PositiveSmallIntegerField(_("duration (months)"), default=30)

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("project")
        constraints = [models.CheckConstraint(condition=Q(duration_months__gte=1), name="project_duration_positive")]

    def __str__(self) -> str:
        return self.acronym


class WorkPackage(models.Model):
    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=250)
    lead = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead partner"),
    )
    start_month = models.PositiveSmallIntegerField(_("start month"))
    end_month = models.PositiveSmallIntegerField(_("end month"))
    excluded_partners = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="+", verbose_name=_("partners not taking part")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("work package")
        verbose_name_plural = _("work packages")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_month__gte=1) & Q(end_month__gte=models.F("start_month")),
                name="wp_months_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Activity(models.Model):
    work_package = models.ForeignKey(
        WorkPackage, on_delete=models.CASCADE, related_name="activities", verbose_name=_("work package")
    )
    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=250)
    lead = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("lead partner"),
    )
    # Empty months: the activity runs over its work package's months (see the properties).
    start_month = models.PositiveSmallIntegerField(_("start month"), null=True, blank=True)
    end_month = models.PositiveSmallIntegerField(_("end month"), null=True, blank=True)
    excluded_partners = models.ManyToManyField(
        "accounts.Organisation", blank=True, related_name="+", verbose_name=_("partners not taking part")
    )
    note = models.TextField(_("note"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_month__isnull=True)
                | Q(end_month__isnull=True)
                | Q(end_month__gte=models.F("start_month")),
                name="activity_months_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def first_month(self) -> int:
        return self.start_month or self.work_package.start_month

    @property
    def last_month(self) -> int:
        return self.end_month or self.work_package.end_month

    @property
    def lead_organisation(self):
        return self.lead or self.work_package.lead


class Deliverable(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document or report")
        EVENT = "event", _("Event or meeting")
        MATERIAL = "material", _("Communication material")
        TOOL = "tool", _("Platform or tool")
        FOCUS_GROUP = "focus_group", _("Focus group")
        OTHER = "other", _("Other")

    MANUAL = "manual"

    activity = models.ForeignKey(
        Activity, on_delete=models.CASCADE, related_name="deliverables", verbose_name=_("activity")
    )
    name = models.CharField(_("name"), max_length=250)
    target_count = models.PositiveIntegerField(_("target"))
    per_partner = models.BooleanField(_("target per partner"), default=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.DOCUMENT)
    due_month = models.PositiveSmallIntegerField(_("due month"), null=True, blank=True)
    responsible = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible partner"),
    )
    # "manual": achieved = sum of the evidence counts; otherwise a key of circuito.indicators.
    source = models.CharField(_("source of the achieved count"), max_length=64, default=MANUAL)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # Set when lead partner staff change the target, due month or responsible partner: the
    # charter loader then leaves those fields alone.
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        ordering = ["activity__order", "activity__code", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "order"], name="deliverable_unique_order"),
            models.CheckConstraint(
                condition=Q(due_month__isnull=True) | Q(due_month__gte=1), name="deliverable_due_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.activity.code} {self.name}"

    @property
    def is_manual(self) -> bool:
        return self.source == self.MANUAL

    @property
    def effective_due_month(self) -> int:
        return self.due_month or self.activity.last_month


class DeliverableEvidence(models.Model):
    """A manual record of something delivered (a count, with a file or a link as proof)."""

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("deliverable")
    )
    date = models.DateField(_("date"))
    count = models.PositiveIntegerField(_("count"), default=1)
    partner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=PrivateUploadTo("reporting/evidence"), blank=True, max_length=200
    )
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    link = models.URLField(_("link"), blank=True, max_length=500)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["-date", "-pk"]
        constraints = [models.CheckConstraint(condition=Q(count__gte=1), name="evidence_count_positive")]

    def __str__(self) -> str:
        return f"{self.deliverable} ×{self.count} ({self.date})"


class Indicator(models.Model):
    class Kind(models.TextChoices):
        OUTPUT = "output", _("Output indicator")
        RESULT = "result", _("Result indicator")

    code = models.CharField(_("code"), max_length=32, unique=True)
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=250)
    target = models.PositiveIntegerField(_("target"))
    # Target breakdown, e.g. {"regional_public_authorities": 5, "universities": 2, ...}.
    breakdown = models.JSONField(_("target breakdown"), default=dict, blank=True)
    source = models.CharField(_("source of the achieved value"), max_length=64, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"
