"""B2B schedule, property-based: whatever the requests, the slots (even overlapping ones left
from before overlaps were refused) and the meetings placed by hand, the schedule builder never
seats a participant twice at the same time nor gives one table to two meetings at once, and it
leaves out only the meetings that fit nowhere. New slots never overlap the existing ones."""

import contextlib
import datetime as dt
from itertools import combinations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tierslieux.factories_events import b2b_event, participant
from tierslieux.models import B2BMeeting, B2BRequest, B2BSlot
from tierslieux.services import b2b

pytestmark = pytest.mark.django_db

DAY = dt.datetime(2030, 1, 1, 9, 0, tzinfo=b2b.PARIS)
FIVE = dt.timedelta(minutes=5)
# Each example builds its own event: the database rows of the others do not interfere.
EXAMPLES = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

people_st = st.integers(min_value=2, max_value=6)
pairs_st = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=12)
slots_st = st.lists(st.tuples(st.integers(0, 36), st.integers(1, 8)), min_size=1, max_size=8)  # 5-minute units
manual_st = st.lists(st.tuples(st.integers(0, 13), st.integers(0, 7)), max_size=4)


def overlap(a: B2BSlot, b: B2BSlot) -> bool:
    return a.starts_at < b.ends_at and b.starts_at < a.ends_at


def accepted(event, a, b) -> B2BRequest:
    request = b2b.request_meeting(event, requester=a.user, invitee=b, message="")
    return b2b.answer_request(request, actor=b.user, accept=True)


@EXAMPLES
@given(n=people_st, pairs=pairs_st, slot_specs=slots_st, manual=manual_st)
def test_schedule_never_double_books_a_participant_or_a_table(n, pairs, slot_specs, manual):
    event, manager = b2b_event()
    people = [participant(event) for _ in range(n)]
    requests = []
    for i, j in dict.fromkeys(tuple(sorted((i % n, j % n))) for i, j in pairs):
        if i != j:
            requests.append(accepted(event, people[i], people[j]))
    slots = []
    for start, length in dict(slot_specs).items():  # one slot per start time, as the database asks
        begins = DAY + start * FIVE
        slots.append(B2BSlot.objects.create(event=event, starts_at=begins, ends_at=begins + length * FIVE))
    for r, s in manual:  # meetings placed by hand before the build, when they fit
        if requests:
            with contextlib.suppress(ValidationError):
                b2b.book_slot(requests[r % len(requests)], slots[s % len(slots)], actor=manager)

    result = b2b.build_schedule(event, actor=manager)

    seats = list(B2BMeeting.objects.filter(slot__event=event).select_related("slot"))
    for a, b in combinations(seats, 2):
        if a.request_id == b.request_id:
            assert a.slot_id == b.slot_id and a.table == b.table  # the two sides meet at one table
        elif overlap(a.slot, b.slot):
            assert a.participant_id != b.participant_id, "a participant is in two meetings at once"
            assert a.table != b.table, "a table holds two meetings at once"
    by_request: dict[int, list[B2BMeeting]] = {}
    for seat in seats:
        by_request.setdefault(seat.request_id, []).append(seat)
    assert all(len(pair) == 2 for pair in by_request.values())
    assert set(by_request) | {r.pk for r in result.unplaced} == {r.pk for r in requests}
    for request in result.unplaced:  # left out only when no slot has both sides free
        sides = {request.requester_id, request.invitee_id}
        for slot in slots:
            assert any(s.participant_id in sides and overlap(s.slot, slot) for s in seats)


windows_st = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 12), st.sampled_from([5, 10, 15, 20, 30])), min_size=1, max_size=5
)


@EXAMPLES
@given(windows=windows_st)
def test_generated_slots_never_overlap(windows):
    event, manager = b2b_event()
    for start, length, minutes in windows:
        begins = DAY + start * FIVE
        ends = begins + length * minutes * dt.timedelta(minutes=1)
        if ends.date() != begins.date():
            continue
        with contextlib.suppress(ValidationError):
            b2b.generate_slots(
                event, actor=manager, day=begins.date(), start=begins.time(), end=ends.time(), minutes=minutes
            )
    slots = list(B2BSlot.objects.filter(event=event))
    assert not [(a, b) for a, b in combinations(slots, 2) if overlap(a, b)]


def test_overlapping_slots_are_a_clear_form_error(client):
    event, manager = b2b_event()
    client.force_login(manager)
    url = reverse("tierslieux:b2b_slots", args=[event.slug])
    data = {"day": "2030-01-01", "start": "09:00", "end": "10:00", "minutes": 30}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "start": "09:15", "end": "10:15"})
    assert response.status_code == 400
    errors = response.context["form"].non_field_errors()
    assert len(errors) == 1 and "09:00–09:30" in errors[0] and "09:30–10:00" in errors[0]
    assert B2BSlot.objects.filter(event=event).count() == 2
    # The same slots again, or slots after them, are accepted.
    assert client.post(url, data).status_code == 302
    assert client.post(url, {**data, "start": "10:00", "end": "11:00"}).status_code == 302
    assert B2BSlot.objects.filter(event=event).count() == 4
