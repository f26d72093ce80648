"""Registration rules: capacity, waiting list and promotion, closed and past events, attendance."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from tests.factories import MembershipFactory, UserFactory
from tests.tierslieux.factories import EventFactory
from tierslieux.models import Registration
from tierslieux.services.events import (
    cancel_registration,
    record_attendance,
    register,
    update_event,
    waiting_position,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are checked against their English msgids."""
    with translation.override("en"):
        yield


Status = Registration.Status


def test_full_event_puts_people_on_the_waiting_list_with_their_number():
    event = EventFactory(capacity=2)
    first, second = (register(event, user=UserFactory()) for _ in range(2))
    assert {first.registration.status, second.registration.status} == {Status.REGISTERED}
    third = register(event, user=UserFactory())
    fourth = register(event, user=UserFactory())
    assert third.registration.status == Status.WAITING
    assert "number 1 on the waiting list" in third.message
    assert "The event is full: you are number 2 on the waiting list" in fourth.message
    assert event.registrations.filter(status=Status.REGISTERED).count() == 2


def test_cancelling_promotes_the_first_waiting_and_emails_them_in_their_language(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1, title_fr="Atelier", title_it="Laboratorio")
    holder = register(event, user=UserFactory()).registration
    waiting_it = register(event, user=UserFactory(preferred_language="it")).registration
    later = register(event, user=UserFactory()).registration
    with django_capture_on_commit_callbacks(execute=True):
        promoted = cancel_registration(holder, actor=holder.user)
    assert promoted == waiting_it
    waiting_it.refresh_from_db()
    later.refresh_from_db()
    assert waiting_it.status == Status.REGISTERED
    assert waiting_position(later) == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [waiting_it.user.email]
    assert "Laboratorio" in mail.outbox[0].subject


def test_cancelling_a_waiting_place_promotes_nobody():
    event = EventFactory(capacity=1)
    register(event, user=UserFactory())
    waiting = register(event, user=UserFactory()).registration
    assert cancel_registration(waiting, actor=waiting.user) is None
    assert event.registrations.filter(status=Status.REGISTERED).count() == 1


def test_someone_else_cannot_cancel_my_registration():
    registration = register(EventFactory(), user=UserFactory()).registration
    with pytest.raises(PermissionDenied):
        cancel_registration(registration, actor=UserFactory())


def test_closed_past_and_duplicate_registrations_are_refused_with_a_reason():
    with pytest.raises(ValidationError, match="closed"):
        register(EventFactory(registration_open=False), user=UserFactory())
    past = EventFactory(starts_at=timezone.now() - dt.timedelta(days=2))
    with pytest.raises(ValidationError, match="already started or is over"):
        register(past, user=UserFactory())
    event = EventFactory()
    user = UserFactory()
    register(event, user=user)
    with pytest.raises(ValidationError, match="already registered"):
        register(event, user=user)


def test_coming_back_after_cancelling_goes_to_the_back_of_the_queue():
    event = EventFactory(capacity=1)
    holder = register(event, user=UserFactory()).registration
    me = register(event, user=UserFactory()).registration
    other = register(event, user=UserFactory()).registration
    cancel_registration(me, actor=me.user)
    again = register(event, user=me.user)
    assert again.registration.pk == me.pk and waiting_position(again.registration) == 2
    assert waiting_position(Registration.objects.get(pk=other.pk)) == 1
    assert holder.status == Status.REGISTERED


def test_registering_for_a_company_requires_membership():
    event = EventFactory()
    membership = MembershipFactory()
    with pytest.raises(ValidationError):
        register(event, user=UserFactory(), organisation=membership.organisation)
    outcome = register(event, user=membership.user, organisation=membership.organisation)
    assert outcome.registration.organisation == membership.organisation


def test_attendance_is_recorded_by_managers_only():
    event = EventFactory()
    manager = MembershipFactory(organisation=event.organiser).user
    came, absent = (register(event, user=UserFactory()).registration for _ in range(2))
    with pytest.raises(PermissionDenied):
        record_attendance(event, actor=came.user, attended_ids={came.pk})
    assert record_attendance(event, actor=manager, attended_ids={came.pk}) == 1
    came.refresh_from_db()
    absent.refresh_from_db()
    assert came.attended and not absent.attended


def test_raising_the_capacity_moves_the_waiting_list_up(django_capture_on_commit_callbacks):
    event = EventFactory(capacity=1)
    manager = MembershipFactory(organisation=event.organiser).user
    register(event, user=UserFactory())
    waiting = [register(event, user=UserFactory()).registration for _ in range(3)]
    data = {"title_fr": event.title_fr, "starts_at": event.starts_at, "ends_at": event.ends_at, "capacity": 3}
    data["place"] = event.place
    with django_capture_on_commit_callbacks(execute=True):
        update_event(event, actor=manager, data=data)
    statuses = [Registration.objects.get(pk=r.pk).status for r in waiting]
    assert statuses == [Status.REGISTERED, Status.REGISTERED, Status.WAITING]
    assert len(mail.outbox) == 2
    with pytest.raises(PermissionDenied):
        update_event(event, actor=waiting[0].user, data=data)
