"""Expenditure: partners' budgets per cost category, co-financing rates, and expenditure lines
per reporting period (implementing bodies' lines roll up under their delegating partner)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from circuito.files import PrivateUploadTo, private_storage


class CostCategory(models.TextChoices):
    STAFF = "staff", _("Staff")
    OFFICE = "office", _("Office and administration")
    TRAVEL = "travel", _("Travel and accommodation")
    EXTERNAL = "external", _("External expertise and services")
    EQUIPMENT = "equipment", _("Equipment")


class PartnerBudget(models.Model):
    partner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    category = models.CharField(_("cost category"), max_length=16, choices=CostCategory.choices)
    amount = models.DecimalField(_("budget (EUR)"), max_digits=12, decimal_places=2)

    class Meta:
        verbose_name = _("partner budget")
        verbose_name_plural = _("partner budgets")
        ordering = ["partner__partner_code", "category"]
        constraints = [
            models.UniqueConstraint(fields=["partner", "category"], name="budget_unique_partner_category"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_amount_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.partner} {self.get_category_display()}: {self.amount}"


class PartnerFinance(models.Model):
    partner = models.OneToOneField(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    erdf_rate = models.DecimalField(
        _("ERDF co-financing rate"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.85"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
        help_text=_("Share of eligible expenditure paid by the ERDF, e.g. 0.85 for 85 %."),
    )
    national_rate = models.DecimalField(
        _("national counterpart rate"),
        max_digits=5,
        decimal_places=4,
        default=Decimal("0.15"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )

    class Meta:
        verbose_name = _("partner co-financing")
        verbose_name_plural = _("partner co-financing")
        ordering = ["partner__partner_code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(erdf_rate__gte=0) & Q(national_rate__gte=0) & Q(erdf_rate__lte=1) & Q(national_rate__lte=1),
                name="finance_rates_between_0_and_1",
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} ERDF {self.erdf_rate}"


class ExpenditureLine(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        DECLARED = "declared", _("Declared")

    # Always a project partner: an implementing body's lines are booked under its delegating partner.
    partner = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("partner")
    )
    entered_by_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("entered by (organisation)"),
    )
    period = models.PositiveSmallIntegerField(_("period"))
    category = models.CharField(_("cost category"), max_length=16, choices=CostCategory.choices)
    date_incurred = models.DateField(_("date incurred"))
    description = models.CharField(_("description"), max_length=300)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)
    document = models.FileField(
        _("supporting document"),
        storage=private_storage,
        upload_to=PrivateUploadTo("reporting/expenditure"),
        blank=True,
        max_length=200,
    )
    document_name = models.CharField(_("document name"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    declared_at = models.DateTimeField(_("declared on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("expenditure line")
        verbose_name_plural = _("expenditure lines")
        ordering = ["period", "date_incurred", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=0), name="expenditure_amount_not_negative"),
            models.CheckConstraint(condition=Q(period__gte=1), name="expenditure_period_positive"),
        ]
        indexes = [models.Index(fields=["partner", "period", "category"], name="expenditure_partner_period")]

    def __str__(self) -> str:
        return f"{self.partner} S{self.period} {self.get_category_display()} {self.amount}"
