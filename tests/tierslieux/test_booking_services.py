"""Equipment booking services: who may book, the rules (notice, training, members only, price),
no double booking, decisions and cancellations by the right people, e-mails in each recipient's
language with the booking's .ics."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from circuito.audit.models import AuditEntry
from tests.factories import UserFactory
from tests.tierslieux.factories_booking import bookable_lab, slot_in
from tierslieux.models import Booking, EquipmentClosure, Training
from tierslieux.services import booking as services
from tierslieux.tasks_booking import send_booking_reminders

pytestmark = pytest.mark.django_db


def ics_of(message) -> str:
    return next(content for name, content, _type in message.attachments if name.endswith(".ics"))


def test_a_request_waits_for_the_referent_who_confirms_it_and_both_are_mailed_in_their_language(
    django_capture_on_commit_callbacks,
):
    lab = bookable_lab()
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.request_booking(lab.equipment, starts_at=slot_in(3), slots=2, actor=lab.booker)
    assert booking.status == Booking.Status.REQUESTED
    assert booking.ends_at - booking.starts_at == dt.timedelta(hours=2)
    assert [m.to for m in mail.outbox] == [[lab.referent.email]]
    assert "Prusa MK4" in mail.outbox[0].subject and "Demande de réservation" in mail.outbox[0].subject
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_booking(booking, actor=lab.referent)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {lab.booker.email, lab.referent.email}
    assert "Prenotazione confermata" in by_recipient[lab.booker.email].subject
    assert "Réservation confirmée" in by_recipient[lab.referent.email].subject
    ics = ics_of(by_recipient[lab.booker.email])
    assert f"DTSTART:{booking.starts_at.astimezone(dt.UTC):%Y%m%dT%H%M%SZ}" in ics
    assert "STATUS:CONFIRMED" in ics
    assert AuditEntry.objects.filter(action="tierslieux.booking.confirmed").count() == 1


def test_auto_confirmed_rules_confirm_at_once(django_capture_on_commit_callbacks):
    lab = bookable_lab(auto_confirm=True, price_per_slot=Decimal("12.50"))
    with django_capture_on_commit_callbacks(execute=True):
        booking = services.request_booking(lab.equipment, starts_at=slot_in(2), slots=3, actor=lab.booker)
    assert booking.status == Booking.Status.CONFIRMED
    assert booking.price == Decimal("37.50")
    assert {m.to[0] for m in mail.outbox} == {lab.booker.email, lab.referent.email}


def test_the_same_slot_cannot_be_booked_twice():
    lab = bookable_lab()
    services.request_booking(lab.equipment, starts_at=slot_in(3, 10), slots=2, actor=lab.booker)
    with pytest.raises(ValidationError) as error:
        services.request_booking(lab.equipment, starts_at=slot_in(3, 11), actor=lab.outsider)
    assert error.value.code == "slot_taken"
    assert Booking.objects.count() == 1


def test_a_declined_or_cancelled_booking_frees_its_slot():
    lab = bookable_lab()
    first = services.request_booking(lab.equipment, starts_at=slot_in(3), actor=lab.booker)
    services.decline_booking(first, actor=lab.referent, answer="Machine en panne")
    second = services.request_booking(lab.equipment, starts_at=slot_in(3), actor=lab.outsider)
    services.cancel_booking(second, actor=lab.outsider)
    services.request_booking(lab.equipment, starts_at=slot_in(3), actor=lab.colleague)
    assert Booking.objects.filter(status__in=Booking.LIVE).count() == 1


@pytest.mark.parametrize(
    ("starts_at", "why"),
    [
        (lambda: slot_in(0, 12), "too soon (24 h notice)"),
        (lambda: slot_in(90), "beyond 60 days"),
        (lambda: slot_in(3, 21), "after closing time"),
        (lambda: slot_in(3) + dt.timedelta(minutes=20), "not the start of a slot"),
    ],
)
def test_times_outside_the_free_slots_are_refused(starts_at, why):
    lab = bookable_lab()
    with pytest.raises(ValidationError) as error:
        services.request_booking(lab.equipment, starts_at=starts_at(), actor=lab.booker)
    assert error.value.code == "slot_unavailable", why


def test_a_closure_day_is_not_bookable():
    lab = bookable_lab()
    day = timezone.localdate() + dt.timedelta(days=4)
    services.add_closure(lab.equipment, day, day, "Maintenance", actor=lab.referent)
    with pytest.raises(ValidationError):
        services.request_booking(lab.equipment, starts_at=slot_in(4), actor=lab.booker)
    services.request_booking(lab.equipment, starts_at=slot_in(5), actor=lab.booker)


def test_training_required_until_a_referent_records_it():
    lab = bookable_lab(training_required=True)
    with pytest.raises(PermissionDenied, match="formation|training"):
        services.request_booking(lab.equipment, starts_at=slot_in(3), actor=lab.booker)
    with pytest.raises(PermissionDenied):  # only the place's referents record trainings
        services.record_training(lab.equipment, lab.booker.email, timezone.localdate(), actor=lab.booker)
    services.record_training(lab.equipment, lab.booker.email.upper(), timezone.localdate(), actor=lab.referent)
    assert Training.objects.get().user == lab.booker
    services.request_booking(lab.equipment, starts_at=slot_in(3), actor=lab.booker)


def test_members_only_rules_refuse_people_without_an_organisation():
    lab = bookable_lab(audience="members")
    loner = UserFactory()
    with pytest.raises(PermissionDenied):
        services.request_booking(lab.equipment, starts_at=slot_in(3), actor=loner)
    services.request_booking(lab.equipment, starts_at=slot_in(3), actor=lab.booker)


def test_booking_for_someone_elses_organisation_is_refused():
    lab = bookable_lab()
    other = lab.outsider.memberships.get().organisation
    with pytest.raises(PermissionDenied):
        services.request_booking(lab.equipment, starts_at=slot_in(3), organisation=other, actor=lab.booker)


def test_only_referents_decide_and_only_the_booker_or_referents_cancel():
    lab = bookable_lab()
    booking = services.request_booking(lab.equipment, starts_at=slot_in(3), actor=lab.booker)
    for intruder in (lab.booker, lab.colleague, lab.outsider):
        with pytest.raises(PermissionDenied):
            services.confirm_booking(booking, actor=intruder)
    for intruder in (lab.colleague, lab.outsider):
        with pytest.raises(PermissionDenied):
            services.cancel_booking(booking, actor=intruder)
    with pytest.raises(ValidationError, match="why|pourquoi"):
        services.decline_booking(booking, actor=lab.referent, answer=" ")
    services.cancel_booking(booking, actor=lab.booker)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    with pytest.raises(ValidationError):
        services.confirm_booking(booking, actor=lab.referent)


def test_rules_and_availability_are_set_by_referents_only():
    lab = bookable_lab()
    with pytest.raises(PermissionDenied):
        services.save_booking_rules(lab.equipment, {"slot_minutes": 30}, actor=lab.booker)
    services.save_booking_rules(lab.equipment, {"slot_minutes": 30, "opening": "own"}, actor=lab.referent)
    day = (timezone.localdate() + dt.timedelta(days=3)).weekday()
    services.save_availability(lab.equipment, [(day, dt.time(14), dt.time(15))], actor=lab.referent)
    with pytest.raises(ValidationError):  # 10:00 is outside the machine's own calendar
        services.request_booking(lab.equipment, starts_at=slot_in(3, 10), actor=lab.booker)
    booking = services.request_booking(lab.equipment, starts_at=slot_in(3, 14), slots=2, actor=lab.booker)
    assert booking.ends_at - booking.starts_at == dt.timedelta(minutes=60)
    with pytest.raises(ValidationError):
        services.save_availability(
            lab.equipment, [(0, dt.time(9), dt.time(12)), (0, dt.time(11), dt.time(13))], actor=lab.referent
        )
    with pytest.raises(ValidationError):
        services.save_booking_rules(lab.equipment, {"slot_minutes": 5}, actor=lab.referent)


def test_closures_end_after_they_start():
    lab = bookable_lab()
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.add_closure(lab.equipment, today, today - dt.timedelta(days=1), actor=lab.referent)
    assert not EquipmentClosure.objects.exists()


def test_reminders_go_the_day_before_once_in_each_language(settings):
    lab = bookable_lab(auto_confirm=True, min_lead_hours=0)
    tomorrow = services.request_booking(lab.equipment, starts_at=slot_in(1, 9), actor=lab.booker)
    services.request_booking(lab.equipment, starts_at=slot_in(3, 9), actor=lab.booker)
    mail.outbox.clear()
    assert send_booking_reminders() == 1
    assert send_booking_reminders() == 0
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert set(subjects) == {lab.booker.email, lab.referent.email}
    assert "Domani" in subjects[lab.booker.email] and "Demain" in subjects[lab.referent.email]
    tomorrow.refresh_from_db()
    assert tomorrow.reminded_at is not None
