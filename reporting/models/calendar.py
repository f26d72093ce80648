"""The project calendar: editions (the charter's first edition, then follow-up phases), each with
its start, duration and the length of its reporting periods. Lead partner staff keep it in the
portal; the periods, project months and reports all follow it, so a new edition needs no code."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MAX_DURATION = 120
MAX_PERIOD_MONTHS = 12


class ProjectEdition(models.Model):
    project = models.ForeignKey(
        "reporting.Project", on_delete=models.CASCADE, related_name="editions", verbose_name=_("project")
    )
    # 1 for the charter's edition. Reporting periods are numbered across editions in this order,
    # so a period number (on expenditure lines, monitoring forms, reports) names one span for good.
    number = models.PositiveSmallIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start date"), help_text=_("The first day of a month."))
    duration_months = models.PositiveSmallIntegerField(
        _("duration (months)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_DURATION)]
    )
    period_months = models.PositiveSmallIntegerField(
        _("length of a reporting period (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_PERIOD_MONTHS)],
        help_text=_("6 for semesters (the programme's rule); 3 for quarters, 12 for years."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Set when lead partner staff change the edition: the charter loader never touches it again.
    edited_at = models.DateTimeField(_("edited"), null=True, blank=True)

    class Meta:
        verbose_name = _("project edition")
        verbose_name_plural = _("project calendar")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="edition_unique_number"),
            models.CheckConstraint(
                condition=Q(duration_months__gte=1) & Q(number__gte=1), name="edition_duration_positive"
            ),
            models.CheckConstraint(
                condition=Q(period_months__gte=1) & Q(period_months__lte=MAX_PERIOD_MONTHS),
                name="edition_period_months",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name} ({self.start_date:%Y-%m})"
