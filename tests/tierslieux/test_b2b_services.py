"""B2B matchmaking: requests, answers, slots and a schedule without clashes."""

import datetime as dt
import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from tests.factories import UserFactory
from tests.tierslieux.factories_events import b2b_event, participant
from tierslieux.models import B2BMeeting, B2BRequest, B2BSlot
from tierslieux.services import b2b
from tierslieux.services.events import cancel_registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are checked against their English msgids."""
    with translation.override("en"):
        yield


def slots(event, manager, n: int, minutes: int = 20) -> list[B2BSlot]:
    end = (dt.datetime(2030, 1, 1, 14, 0) + dt.timedelta(minutes=minutes * n)).time()
    return b2b.generate_slots(
        event, actor=manager, day=dt.date(2030, 1, 1), start=dt.time(14, 0), end=end, minutes=minutes
    )


def accepted(event, a, b) -> B2BRequest:
    request = b2b.request_meeting(event, requester=a.user, invitee=b, message="")
    return b2b.answer_request(request, actor=b.user, accept=True)


def test_slot_generator_makes_twenty_minute_slots_in_paris_time_and_is_repeatable():
    event, manager = b2b_event()
    created = b2b.generate_slots(
        event, actor=manager, day=dt.date(2030, 3, 5), start=dt.time(14), end=dt.time(16), minutes=20
    )
    assert len(created) == 6
    assert created[0].starts_at.astimezone(b2b.PARIS).time() == dt.time(14)
    assert created[-1].ends_at.astimezone(b2b.PARIS).time() == dt.time(16)
    assert (
        b2b.generate_slots(
            event, actor=manager, day=dt.date(2030, 3, 5), start=dt.time(14), end=dt.time(16), minutes=20
        )
        == []
    )
    with pytest.raises(PermissionDenied):
        b2b.generate_slots(
            event, actor=UserFactory(), day=dt.date(2030, 3, 5), start=dt.time(14), end=dt.time(16), minutes=20
        )


def test_request_rules_profile_needed_no_duplicates_only_invitee_answers():
    event, _manager = b2b_event()
    a, b = participant(event), participant(event)
    silent = participant(event, profile=False)
    with pytest.raises(ValidationError, match="Publish your B2B profile"):
        b2b.request_meeting(event, requester=silent.user, invitee=a)
    with pytest.raises(ValidationError, match="no B2B profile"):
        b2b.request_meeting(event, requester=a.user, invitee=silent)
    with pytest.raises(PermissionDenied):
        b2b.request_meeting(event, requester=UserFactory(), invitee=a)
    request = b2b.request_meeting(event, requester=a.user, invitee=b, message="Let's talk")
    with pytest.raises(ValidationError, match="already exists"):
        b2b.request_meeting(event, requester=b.user, invitee=a)
    with pytest.raises(PermissionDenied):
        b2b.answer_request(request, actor=a.user, accept=True)
    assert b2b.answer_request(request, actor=b.user, accept=False).status == B2BRequest.Status.DECLINED
    with pytest.raises(ValidationError, match="already been answered"):
        b2b.answer_request(request, actor=b.user, accept=True)


def test_schedule_puts_meetings_of_one_person_in_different_slots_and_reports_what_does_not_fit():
    event, manager = b2b_event()
    hub, x, y, z = (participant(event) for _ in range(4))
    for other in (x, y, z):
        accepted(event, other, hub)
    slots(event, manager, 2)
    result = b2b.build_schedule(event, actor=manager)
    assert len(result.placed) == 2 and len(result.unplaced) == 1
    hub_slots = list(B2BMeeting.objects.filter(participant=hub).values_list("slot_id", flat=True))
    assert len(hub_slots) == len(set(hub_slots)) == 2
    # one more slot and a re-run: what was placed stays, the rest is placed
    before = set(B2BMeeting.objects.values_list("pk", "slot_id"))
    slots(event, manager, 3)
    again = b2b.build_schedule(event, actor=manager)
    assert again.kept == 2 and len(again.placed) == 1 and not again.unplaced
    assert before <= set(B2BMeeting.objects.values_list("pk", "slot_id"))
    assert b2b.build_schedule(event, actor=manager).placed == []  # idempotent


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_many_participants_no_one_twice_in_a_slot_and_everyone_placed_when_slots_suffice(seed):
    rng = random.Random(seed)
    event, manager = b2b_event()
    people = [participant(event) for _ in range(12)]
    pairs = {tuple(sorted(rng.sample(range(12), 2))) for _ in range(30)}
    for i, j in pairs:
        accepted(event, people[i], people[j])
    most = max(sum(1 for p in pairs if k in p) for k in range(12))
    slots(event, manager, 2 * most)  # greedy needs at most 2·degree − 1 slots
    result = b2b.build_schedule(event, actor=manager)
    assert not result.unplaced and len(result.placed) == len(pairs)
    seats = list(B2BMeeting.objects.values_list("slot_id", "participant_id", "slot_id", "table"))
    assert len({(s, p) for s, p, _, _ in seats}) == len(seats)  # nobody twice in one slot
    tables = {}
    for slot, _p, _s, table in seats:
        tables.setdefault((slot, table), 0)
        tables[(slot, table)] += 1
    assert set(tables.values()) == {2}  # each table of a slot holds exactly one meeting


def test_booking_a_taken_slot_names_the_busy_person():
    event, manager = b2b_event()
    a, b, c = participant(event), participant(event), participant(event, first_name="Chiara", last_name="Neri")
    first, second = accepted(event, a, c), accepted(event, b, c)
    slot = slots(event, manager, 2)[0]
    b2b.book_slot(first, slot, actor=manager)
    with pytest.raises(ValidationError, match="This slot is already taken for Chiara Neri: pick another one"):
        b2b.book_slot(second, slot, actor=manager)
    assert not second.seats.exists()


def test_the_database_refuses_a_clash_even_without_the_check():
    from django.db import IntegrityError, transaction

    event, manager = b2b_event()
    a, b, c = (participant(event) for _ in range(3))
    first, second = accepted(event, a, b), accepted(event, a, c)
    slot = slots(event, manager, 1)[0]
    B2BMeeting.objects.create(request=first, slot=slot, participant=a)
    with pytest.raises(IntegrityError), transaction.atomic():
        B2BMeeting.objects.create(request=second, slot=slot, participant=a)


def test_cancelling_frees_the_seats_of_both_sides():
    event, manager = b2b_event()
    a, b = participant(event), participant(event)
    accepted(event, a, b)
    slots(event, manager, 1)
    b2b.build_schedule(event, actor=manager)
    assert B2BMeeting.objects.count() == 2
    cancel_registration(a, actor=a.user)
    assert B2BMeeting.objects.count() == 0
