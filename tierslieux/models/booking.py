"""Equipment booking: each machine or room's rules, its availability calendar and closures, who
is trained on it, and the bookings themselves.

Two live bookings of one machine never overlap: on PostgreSQL an exclusion constraint
(btree_gist, equipment = and time range &&, migration 0006) guarantees it; the booking service
checks the same under a row lock of the equipment, which is what SQLite relies on.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tierslieux.models.places import OpeningHours

MIN_SLOT_MINUTES = 15
MAX_SLOT_MINUTES = 8 * 60


class BookingRules(models.Model):
    """How a machine or room is booked. Without rules (or not `bookable`), it is shown but not booked online."""

    class Audience(models.TextChoices):
        ANYONE = "anyone", _("Anyone with an account")
        MEMBERS = "members", _("Members of an organisation registered on the portal")

    class Opening(models.TextChoices):
        PLACE_HOURS = "place", _("The place's opening hours")
        OWN = "own", _("Its own availability calendar")

    equipment = models.OneToOneField("tierslieux.Equipment", on_delete=models.CASCADE, related_name="booking_rules")
    bookable = models.BooleanField(_("bookable online"), default=True)
    audience = models.CharField(_("who may book"), max_length=8, choices=Audience.choices, default=Audience.ANYONE)
    training_required = models.BooleanField(
        _("training required"),
        default=False,
        help_text=_("Only people a referent has marked as trained on this equipment may book it."),
    )
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=60)
    min_lead_hours = models.PositiveSmallIntegerField(
        _("minimum notice (hours)"), default=24, help_text=_("A slot can be booked until this many hours before it.")
    )
    max_advance_days = models.PositiveSmallIntegerField(
        _("bookable up to (days ahead)"), default=60, help_text=_("How far ahead slots are offered.")
    )
    price_per_slot = models.DecimalField(
        _("price per slot (EUR, VAT included)"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty when booking is free."),
    )
    auto_confirm = models.BooleanField(
        _("confirm bookings automatically"),
        default=False,
        help_text=_("Otherwise a referent confirms or declines each request."),
    )
    opening = models.CharField(
        _("available during"), max_length=5, choices=Opening.choices, default=Opening.PLACE_HOURS
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("booking rules")
        verbose_name_plural = _("booking rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=MIN_SLOT_MINUTES) & Q(slot_minutes__lte=MAX_SLOT_MINUTES),
                name="booking_rules_slot_length",
            ),
            models.CheckConstraint(
                condition=Q(price_per_slot__isnull=True) | Q(price_per_slot__gte=0), name="booking_rules_price"
            ),
        ]

    def __str__(self) -> str:
        return str(self.equipment)

    @property
    def is_free(self) -> bool:
        return not self.price_per_slot


class EquipmentAvailability(models.Model):
    """A weekly period when the equipment can be booked (when it has its own calendar)."""

    equipment = models.ForeignKey("tierslieux.Equipment", on_delete=models.CASCADE, related_name="availability")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=OpeningHours.Weekday.choices)
    opens = models.TimeField(pgettext_lazy("availability", "from"))
    closes = models.TimeField(pgettext_lazy("availability", "to"))

    class Meta:
        verbose_name = _("availability period")
        verbose_name_plural = _("availability")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(closes__gt=F("opens")), name="availability_close_after_open"),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class EquipmentClosure(models.Model):
    """Days when the equipment cannot be booked (maintenance, holidays), both days included."""

    equipment = models.ForeignKey("tierslieux.Equipment", on_delete=models.CASCADE, related_name="closures")
    starts_on = models.DateField(pgettext_lazy("closure", "from"))
    ends_on = models.DateField(pgettext_lazy("closure", "until"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="closure_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_on} – {self.ends_on}"


class Training(models.Model):
    """A referent's record that someone was trained on a machine."""

    equipment = models.ForeignKey("tierslieux.Equipment", on_delete=models.CASCADE, related_name="trainings")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="equipment_trainings")
    trained_on = models.DateField(_("trained on"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-trained_on"]
        constraints = [models.UniqueConstraint(fields=["equipment", "user"], name="training_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.equipment}"


class Booking(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", pgettext_lazy("booking", "Requested")
        CONFIRMED = "confirmed", pgettext_lazy("booking", "Confirmed")
        DECLINED = "declined", pgettext_lazy("booking", "Declined")
        CANCELLED = "cancelled", pgettext_lazy("booking", "Cancelled")

    # Bookings in these states hold their slot.
    LIVE = (Status.REQUESTED, Status.CONFIRMED)

    equipment = models.ForeignKey(
        "tierslieux.Equipment", on_delete=models.CASCADE, related_name="bookings", verbose_name=_("equipment")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="bookings", verbose_name=_("booked by")
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for the organisation"),
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    status = models.CharField(_("status"), max_length=9, choices=Status.choices, default=Status.REQUESTED)
    note = models.TextField(_("what you will make"), blank=True)
    price = models.DecimalField(_("price (EUR)"), max_digits=9, decimal_places=2, null=True, blank=True)
    answer = models.TextField(_("referent's answer"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["equipment", "status", "starts_at"], name="booking_calendar")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="booking_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.equipment} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def is_live(self) -> bool:
        return self.status in self.LIVE
