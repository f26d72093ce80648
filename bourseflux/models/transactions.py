"""The deal a synergy leads to: what the two companies agreed to exchange (quantity per period,
price, dates, logistics), its documents, and the quantities actually exchanged period by period.
Actual quantities replace the synergy's estimate in impact, indicators and reports."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bourseflux.models.flows import Flow
from bourseflux.models.reference import EwcCode
from bourseflux.models.synergies import Synergy
from circuito.files import PrivateUploadTo, private_storage


class Transaction(models.Model):
    class Period(models.TextChoices):
        MONTH = "month", _("per month")
        QUARTER = "quarter", _("per quarter")
        YEAR = "year", _("per year")

    class Pricing(models.TextChoices):
        FREE = "free", _("Free of charge")
        PRICED = "priced", _("Priced")

    class Logistics(models.TextChoices):
        PICKUP = "pickup", _("Picked up by the receiver")
        DELIVERY = "delivery", _("Delivered by the supplier")
        CARRIER = "carrier", _("Carried by a third-party carrier")

    synergy = models.OneToOneField(
        Synergy, on_delete=models.CASCADE, related_name="transaction", verbose_name=_("synergy")
    )
    # The parties, copied from the synergy's flows when the record is made (a flow may change hands).
    supplier = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("supplier")
    )
    receiver = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("receiver")
    )
    material = models.CharField(_("material"), max_length=200)
    ewc = models.ForeignKey(
        EwcCode, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("EWC code")
    )
    nace = models.ForeignKey(
        "nace.NaceActivity",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("producing activity (NACE)"),
    )
    quantity = models.DecimalField(_("agreed quantity"), max_digits=14, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=6, choices=Flow.Unit.choices)
    period = models.CharField(_("per"), max_length=8, choices=Period.choices)
    pricing = models.CharField(_("price"), max_length=6, choices=Pricing.choices)
    price_eur = models.DecimalField(_("price per unit (€)"), max_digits=12, decimal_places=2, null=True, blank=True)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("end"), null=True, blank=True)
    logistics = models.CharField(_("logistics"), max_length=8, choices=Logistics.choices)
    transport = models.CharField(_("transport"), max_length=6, choices=Synergy.Transport.choices)
    carrier = models.CharField(_("carrier"), max_length=150, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("recorded by")
    )
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("transaction")
        verbose_name_plural = _("transactions")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="transaction_quantity_positive"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")), name="transaction_dates_in_order"
            ),
            models.CheckConstraint(
                condition=Q(pricing="free", price_eur__isnull=True) | Q(pricing="priced", price_eur__gte=0),
                name="transaction_price_matches_pricing",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.material} ({self.supplier} → {self.receiver})"

    def get_absolute_url(self) -> str:
        return reverse("bourseflux:transaction_detail", args=[self.synergy_id])


class ActualQuantity(models.Model):
    """What was really exchanged over one period, entered by one of the parties."""

    transaction = models.ForeignKey(
        Transaction, on_delete=models.CASCADE, related_name="actuals", verbose_name=_("transaction")
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    quantity = models.DecimalField(_("quantity exchanged"), max_digits=14, decimal_places=3)
    # Derived when saved (bourseflux.services.transactions): tonnes when the unit is a mass,
    # the amount paid at the agreed price and the CO2e avoided by this quantity.
    tonnes = models.FloatField(_("tonnes"), null=True, blank=True, editable=False)
    amount_eur = models.DecimalField(_("amount (€)"), max_digits=14, decimal_places=2, default=0, editable=False)
    co2e_avoided_t = models.FloatField(_("CO2e avoided (t)"), default=0, editable=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("entered by")
    )
    entered_at = models.DateTimeField(_("entered"), auto_now=True)

    class Meta:
        verbose_name = _("actual quantity")
        verbose_name_plural = _("actual quantities")
        ordering = ["period_start"]
        constraints = [
            models.UniqueConstraint(fields=["transaction", "period_start"], name="actual_quantity_one_per_period"),
            models.CheckConstraint(condition=Q(quantity__gte=0), name="actual_quantity_not_negative"),
            models.CheckConstraint(condition=Q(period_end__gte=F("period_start")), name="actual_period_in_order"),
        ]

    def __str__(self) -> str:
        return f"{self.period_start}–{self.period_end}: {self.quantity}"


class TransactionDocument(models.Model):
    class Kind(models.TextChoices):
        CONTRACT = "contract", _("Contract")
        TRANSPORT = "transport", _("Transport document")
        BY_PRODUCT = "byproduct", _("By-product declaration")

    transaction = models.ForeignKey(
        Transaction, on_delete=models.CASCADE, related_name="documents", verbose_name=_("transaction")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), storage=private_storage, upload_to=PrivateUploadTo("transactions"))
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by")
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("transaction document")
        verbose_name_plural = _("transaction documents")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.name
