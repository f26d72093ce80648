"""Writes of equipment booking: rules, availability, closures and trainings (by the place's
referents), and bookings: requested by people logged in from either country, confirmed or
declined by a referent (or confirmed at once when the rules say so), cancelled by either side.

No double booking: a request locks the equipment row (select_for_update) and checks the slot
against the live bookings under that lock; on PostgreSQL the exclusion constraint of migration
0006 refuses any overlap that would slip through another code path, and its error is turned into
the same translated message.

E-mails leave after the commit; a failing mail server is logged (robust callbacks) and never
undoes or hides a booking already saved.
"""

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from circuito.accounts.models import Organisation, User
from circuito.audit.services import diff, record, snapshot
from tierslieux import booking_calendar, booking_mails, hours
from tierslieux.models import (
    Booking,
    BookingRules,
    Equipment,
    EquipmentAvailability,
    EquipmentClosure,
    Training,
)
from tierslieux.permissions import member_organisation_ids
from tierslieux.permissions_booking import booking_refusal, can_manage_equipment, can_see_booking
from tierslieux.slots import span

RULE_FIELDS = [
    "bookable",
    "audience",
    "training_required",
    "slot_minutes",
    "min_lead_hours",
    "max_advance_days",
    "price_per_slot",
    "auto_confirm",
    "opening",
]
MAX_SLOTS_PER_BOOKING = 8


def _require_manager(equipment: Equipment, actor) -> None:
    if not can_manage_equipment(actor, equipment):
        raise PermissionDenied(_("Only the referents of this place manage its equipment's bookings."))


@transaction.atomic
def save_booking_rules(equipment: Equipment, data: dict[str, Any], *, actor) -> BookingRules:
    """Create or change the machine's rules; records what changed."""
    _require_manager(equipment, actor)
    rules = booking_calendar.rules_of(equipment)
    creating = rules is None
    rules = rules or BookingRules(equipment=equipment)
    fields = [f for f in RULE_FIELDS if f in data]
    before = dict.fromkeys(fields) if creating else snapshot(rules, fields)
    for name in fields:
        setattr(rules, name, data[name])
    rules.full_clean()
    changes = diff(rules, before, fields)
    if creating:
        rules.save()
    elif changes:
        rules.save(update_fields=[*changes, "updated_at"])
    if creating or changes:
        record(actor, "tierslieux.booking_rules.save", equipment, changes)
    return rules


@transaction.atomic
def save_availability(equipment: Equipment, periods: list[hours.Period], *, actor) -> None:
    """Replace the machine's weekly availability by `periods` (validated like opening hours)."""
    _require_manager(equipment, actor)
    hours.validate_periods(periods)
    old = hours.osm_opening_hours(equipment.availability.all())
    equipment.availability.all().delete()
    EquipmentAvailability.objects.bulk_create(
        [EquipmentAvailability(equipment=equipment, weekday=d, opens=o, closes=c) for d, o, c in periods]
    )
    new = hours.osm_opening_hours(equipment.availability.all())
    if old != new:
        record(actor, "tierslieux.availability.save", equipment, {"availability": [old, new]})


@transaction.atomic
def add_closure(equipment: Equipment, starts_on: date, ends_on: date, reason: str = "", *, actor) -> EquipmentClosure:
    _require_manager(equipment, actor)
    if ends_on < starts_on:
        raise ValidationError(_("The closure ends before it starts: swap the two dates."))
    closure = EquipmentClosure(equipment=equipment, starts_on=starts_on, ends_on=ends_on, reason=reason[:200])
    closure.full_clean()
    closure.save()
    record(actor, "tierslieux.closure.create", equipment, {"closure": [None, str(closure)]})
    return closure


@transaction.atomic
def delete_closure(closure: EquipmentClosure, *, actor) -> None:
    _require_manager(closure.equipment, actor)
    record(actor, "tierslieux.closure.delete", closure.equipment, {"closure": [str(closure), None]})
    closure.delete()


@transaction.atomic
def record_training(equipment: Equipment, email: str, trained_on: date, *, actor) -> Training:
    """Mark the account with e-mail `email` as trained on the machine (or update the date)."""
    _require_manager(equipment, actor)
    user = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if user is None:
        raise ValidationError(
            _("No account uses the e-mail %(email)s: ask the person to sign up first, then record the training.")
            % {"email": email}
        )
    if trained_on > timezone.localdate():
        raise ValidationError(_("The training date is in the future: record it once the training is done."))
    training, created = Training.objects.update_or_create(
        equipment=equipment, user=user, defaults={"trained_on": trained_on, "recorded_by": actor}
    )
    record(actor, "tierslieux.training.save", equipment, {"trained": [None, user.email], "on": [None, trained_on]})
    return training


@transaction.atomic
def remove_training(training: Training, *, actor) -> None:
    _require_manager(training.equipment, actor)
    record(actor, "tierslieux.training.delete", training.equipment, {"trained": [training.user.email, None]})
    training.delete()


def _slot_taken() -> ValidationError:
    return ValidationError(
        _("This slot has just been booked by someone else. Choose another free slot in the calendar."),
        code="slot_taken",
    )


@transaction.atomic
def request_booking(
    equipment: Equipment,
    *,
    starts_at: datetime,
    slots: int = 1,
    note: str = "",
    organisation: Organisation | None = None,
    actor,
) -> Booking:
    """Book `slots` consecutive slots from `starts_at` for `actor`. Confirmed at once when the
    rules auto-confirm, requested otherwise. Raises ValidationError saying what to change."""
    # The lock serialises requests for one machine: the check below sees every committed booking.
    equipment = Equipment.objects.select_for_update(of=("self",)).select_related("place").get(pk=equipment.pk)
    rules = BookingRules.objects.filter(equipment=equipment).first()
    refusal = booking_refusal(actor, equipment, rules)
    if refusal:
        raise PermissionDenied(refusal)
    if not 1 <= slots <= MAX_SLOTS_PER_BOOKING:
        raise ValidationError(
            _("Book between 1 and %(max)s consecutive slots at a time.") % {"max": MAX_SLOTS_PER_BOOKING}
        )
    if organisation is not None and organisation.pk not in member_organisation_ids(actor):
        raise PermissionDenied(_("You can only book for an organisation you are a member of."))
    day = booking_calendar.day_of(equipment, starts_at)
    week = booking_calendar.week(equipment, rules, booking_calendar.monday_of(day))
    day_slots = next(found for d, found in week.days if d == day)
    interval = span(day_slots, starts_at, slots)
    if interval is None:
        slot = next((s for s in day_slots if s.starts_at == starts_at), None)
        if slot is not None and slot.state == "busy":
            raise _slot_taken()
        raise ValidationError(
            _(
                "This time cannot be booked: it is not a free slot of the calendar (closed, too soon, too far "
                "ahead or already booked). Choose a free slot."
            ),
            code="slot_unavailable",
        )
    status = Booking.Status.CONFIRMED if rules.auto_confirm else Booking.Status.REQUESTED
    price = (rules.price_per_slot * slots) if rules.price_per_slot else Decimal("0")
    booking = Booking(
        equipment=equipment,
        user=actor,
        organisation=organisation,
        starts_at=interval[0],
        ends_at=interval[1],
        status=status,
        note=note.strip()[:2000],
        price=price,
    )
    if status == Booking.Status.CONFIRMED:
        booking.decided_at = timezone.now()
    try:
        with transaction.atomic():  # a savepoint: the constraint's error leaves the outer transaction usable
            booking.save()
    except IntegrityError as error:
        if "booking_no_overlap" in str(error):
            raise _slot_taken() from error
        raise
    record(
        actor, "tierslieux.booking.create", booking, {"status": [None, status], "starts_at": [None, booking.starts_at]}
    )
    if status == Booking.Status.CONFIRMED:
        transaction.on_commit(lambda: booking_mails.booking_confirmed(booking.pk), robust=True)
    else:
        transaction.on_commit(lambda: booking_mails.booking_requested(booking.pk), robust=True)
    return booking


def _lock(booking: Booking) -> Booking:
    return Booking.objects.select_for_update(of=("self",)).select_related("equipment__place").get(pk=booking.pk)


def _set_status(booking: Booking, status: str, *, actor, answer: str = "") -> str:
    old = booking.status
    booking.status = status
    fields = ["status"]
    if answer:
        booking.answer = answer.strip()[:2000]
        fields.append("answer")
    if status in (Booking.Status.CONFIRMED, Booking.Status.DECLINED):
        booking.decided_by, booking.decided_at = actor, timezone.now()
        fields += ["decided_by", "decided_at"]
    booking.save(update_fields=fields)
    record(actor, f"tierslieux.booking.{status}", booking, {"status": [old, status]})
    return old


@transaction.atomic
def confirm_booking(booking: Booking, *, actor, answer: str = "") -> Booking:
    booking = _lock(booking)
    _require_manager(booking.equipment, actor)
    if booking.status != Booking.Status.REQUESTED:
        raise ValidationError(
            _("Only a requested booking can be confirmed; this one is %(status)s.")
            % {"status": booking.get_status_display().lower()}
        )
    _set_status(booking, Booking.Status.CONFIRMED, actor=actor, answer=answer)
    transaction.on_commit(lambda: booking_mails.booking_confirmed(booking.pk), robust=True)
    return booking


@transaction.atomic
def decline_booking(booking: Booking, *, actor, answer: str) -> Booking:
    booking = _lock(booking)
    _require_manager(booking.equipment, actor)
    if booking.status != Booking.Status.REQUESTED:
        raise ValidationError(
            _("Only a requested booking can be declined; this one is %(status)s.")
            % {"status": booking.get_status_display().lower()}
        )
    if not answer.strip():
        raise ValidationError(_("Say why you decline, so the person can book another slot or machine."))
    _set_status(booking, Booking.Status.DECLINED, actor=actor, answer=answer)
    transaction.on_commit(lambda: booking_mails.booking_declined(booking.pk), robust=True)
    return booking


@transaction.atomic
def cancel_booking(booking: Booking, *, actor, answer: str = "") -> Booking:
    """The person who booked, or a referent, cancels a live booking that has not started."""
    booking = _lock(booking)
    if not can_see_booking(actor, booking):
        raise PermissionDenied(_("Only the person who booked and the place's referents may cancel this booking."))
    if not booking.is_live:
        raise ValidationError(
            _("This booking is already %(status)s.") % {"status": booking.get_status_display().lower()}
        )
    if booking.starts_at <= timezone.now():
        raise ValidationError(_("This booking has already started: it can no longer be cancelled."))
    _set_status(booking, Booking.Status.CANCELLED, actor=actor, answer=answer)
    transaction.on_commit(lambda: booking_mails.booking_cancelled(booking.pk, actor.pk), robust=True)
    return booking
