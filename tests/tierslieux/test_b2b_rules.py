"""B2B meetings with exact values: which meeting the schedule puts in which slot and at which
table, what it keeps and what it leaves out; every message a participant or a manager reads; slot
generation at its bounds; names as other participants see them."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from circuito.audit.models import AuditEntry
from tests.factories import OrganisationFactory, UserFactory
from tests.tierslieux.factories import EventFactory
from tests.tierslieux.factories_events import b2b_event, participant
from tierslieux.models import B2BMeeting, B2BProfile, B2BRequest, B2BSlot, Event, Registration
from tierslieux.services import b2b

pytestmark = pytest.mark.django_db

DAY = dt.date(2030, 1, 1)


@pytest.fixture(autouse=True)
def english():
    """Messages are checked against their English msgids."""
    with translation.override("en"):
        yield


def at(hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(DAY, dt.time(hour, minute), b2b.PARIS)


def accepted(event, a, b) -> B2BRequest:
    request = b2b.request_meeting(event, requester=a.user, invitee=b, message="")
    return b2b.answer_request(request, actor=b.user, accept=True)


def make_slots(event, manager, *times: tuple[int, int, int, int]) -> list[B2BSlot]:
    return [B2BSlot.objects.create(event=event, starts_at=at(h1, m1), ends_at=at(h2, m2)) for h1, m1, h2, m2 in times]


def seats(event) -> set[tuple[int, int, int, int]]:
    """(request, slot, participant, table) of every seat."""
    return set(B2BMeeting.objects.filter(slot__event=event).values_list("request", "slot", "participant", "table"))


def message(error) -> str:
    return " ".join(error.value.messages)


def test_participant_and_display_name():
    event, _manager = b2b_event()
    company = OrganisationFactory(legal_name="Officina Srl")
    named = participant(event, first_name="Chiara", last_name="Neri")
    Registration.objects.filter(pk=named.pk).update(organisation=company)
    named.refresh_from_db()
    nameless = participant(event, first_name="", last_name="")
    assert b2b.display_name(named) == "Chiara Neri · Officina Srl"
    assert b2b.display_name(nameless) == "Participant"
    assert b2b.participant(event, named.user) == named
    assert b2b.participant(event, AnonymousUser()) is None
    assert b2b.participant(event, UserFactory()) is None
    Registration.objects.filter(pk=named.pk).update(status=Registration.Status.CANCELLED)
    assert b2b.participant(event, named.user) is None


def test_profiles_are_trimmed_cut_and_updated_in_place():
    event, _manager = b2b_event()
    someone = participant(event, profile=False)
    with pytest.raises(ValidationError) as error:
        b2b.save_profile(event, actor=someone.user, summary="   ")
    assert error.value.message_dict == {
        "summary": ["Say in a few words who you are: other participants choose from this."]
    }
    profile = b2b.save_profile(event, actor=someone.user, summary=" Sensors ", offers=" x " * 2000, seeks=None)
    assert (profile.summary, len(profile.offers), profile.seeks) == ("Sensors", b2b.MAX_TEXT, "")
    again = b2b.save_profile(event, actor=someone.user, summary="Pilots", offers="", seeks="Money")
    assert again.pk == profile.pk and B2BProfile.objects.count() == 1
    profile.refresh_from_db()
    assert (profile.summary, profile.offers, profile.seeks) == ("Pilots", "", "Money")
    with pytest.raises(PermissionDenied) as refused:
        b2b.save_profile(event, actor=UserFactory(), summary="Intruder")
    assert str(refused.value) == "Only registered participants take part in the B2B meetings."
    plain = EventFactory(b2b_enabled=False)
    with pytest.raises(ValidationError) as error:
        b2b.save_profile(plain, actor=someone.user, summary="x")
    assert message(error) == "This event has no B2B meetings."


def test_every_reason_a_meeting_request_is_refused():
    event, _manager = b2b_event()
    other_event, _ = b2b_event()
    a, b = participant(event), participant(event)
    stranger = participant(other_event)
    gone = participant(event)
    Registration.objects.filter(pk=gone.pk).update(status=Registration.Status.CANCELLED)
    gone.refresh_from_db()
    cases = [
        (stranger, "This person is not a participant of the event."),
        (gone, "This person is not a participant of the event."),
        (a, "You cannot ask yourself for a meeting."),
    ]
    for invitee, text in cases:
        with pytest.raises(ValidationError) as error:
            b2b.request_meeting(event, requester=a.user, invitee=invitee)
        assert message(error) == text
    request = b2b.request_meeting(event, requester=a.user, invitee=b, message="  Let's talk " + "x" * 3000)
    assert request.message.startswith("Let's talk x") and len(request.message) == b2b.MAX_TEXT
    assert (request.requester, request.invitee, request.status) == (a, b, B2BRequest.Status.PENDING)
    for requester, invitee in ((a, b), (b, a)):
        with pytest.raises(ValidationError) as error:
            b2b.request_meeting(event, requester=requester.user, invitee=invitee)
        assert message(error) == "A meeting request already exists between you two: see your requests."
    with pytest.raises(PermissionDenied) as refused:
        b2b.answer_request(request, actor=a.user, accept=True)
    assert str(refused.value) == "Only the invited participant can answer this request."
    assert b2b.answer_request(request, actor=b.user, accept=True).status == B2BRequest.Status.ACCEPTED
    request.refresh_from_db()
    assert request.status == B2BRequest.Status.ACCEPTED
    assert AuditEntry.objects.filter(action="tierslieux.b2b.accepted").count() == 1
    with pytest.raises(ValidationError) as error:
        b2b.answer_request(request, actor=b.user, accept=False)
    assert message(error) == "This request has already been answered."


@pytest.mark.parametrize(
    ("start", "end", "minutes", "expected"),
    [
        ((14, 0), (15, 0), 20, [(14, 0), (14, 20), (14, 40)]),
        ((14, 0), (15, 10), 20, [(14, 0), (14, 20), (14, 40)]),  # 15:00–15:10 is too short for one more
        ((14, 0), (14, 5), 5, [(14, 0)]),
        ((9, 0), (13, 0), 240, [(9, 0)]),
    ],
)
def test_generated_slots(start, end, minutes, expected):
    event, manager = b2b_event()
    created = b2b.generate_slots(
        event, actor=manager, day=DAY, start=dt.time(*start), end=dt.time(*end), minutes=minutes
    )
    assert [(s.starts_at.astimezone(b2b.PARIS).hour, s.starts_at.astimezone(b2b.PARIS).minute) for s in created] == [
        *expected
    ]
    assert all(s.ends_at - s.starts_at == dt.timedelta(minutes=minutes) for s in created)
    assert list(B2BSlot.objects.filter(event=event).order_by("starts_at")) == created
    entry = AuditEntry.objects.get(action="tierslieux.b2b.slots")
    assert entry.changes == {"created": len(expected)}


@pytest.mark.parametrize(
    ("start", "end", "minutes", "field", "text"),
    [
        ((14, 0), (15, 0), 4, "minutes", "A meeting lasts between 5 and 240 minutes."),
        ((9, 0), (14, 0), 241, "minutes", "A meeting lasts between 5 and 240 minutes."),
        ((14, 0), (14, 19), 20, "end", "The end must leave room for at least one meeting after the start."),
        ((14, 0), (13, 0), 20, "end", "The end must leave room for at least one meeting after the start."),
    ],
)
def test_slot_generation_bounds(start, end, minutes, field, text):
    event, manager = b2b_event()
    with pytest.raises(ValidationError) as error:
        b2b.generate_slots(event, actor=manager, day=DAY, start=dt.time(*start), end=dt.time(*end), minutes=minutes)
    assert error.value.message_dict == {field: [text]}
    assert not B2BSlot.objects.exists()


def test_slots_that_line_up_are_kept_and_straddling_ones_are_named():
    event, manager = b2b_event()
    first = b2b.generate_slots(event, actor=manager, day=DAY, start=dt.time(14), end=dt.time(15), minutes=30)
    more = b2b.generate_slots(event, actor=manager, day=DAY, start=dt.time(14, 30), end=dt.time(16), minutes=30)
    assert [s.starts_at for s in more] == [at(15), at(15, 30)]
    assert B2BSlot.objects.filter(event=event).count() == 4 and len(first) == 2
    with pytest.raises(ValidationError) as error:
        b2b.generate_slots(event, actor=manager, day=DAY, start=dt.time(13, 50), end=dt.time(15, 10), minutes=20)
    assert message(error) == (
        "These times overlap existing meeting slots (01/01 14:00–14:30, 01/01 14:30–15:00, 01/01 15:00–15:30): "
        "start after the last one or end before the first one, or use the same length so the slots line up."
    )
    assert B2BSlot.objects.filter(event=event).count() == 4
    other, other_manager = b2b_event()
    assert (
        len(b2b.generate_slots(other, actor=other_manager, day=DAY, start=dt.time(14), end=dt.time(15), minutes=20))
        == 3
    )
    with pytest.raises(PermissionDenied) as refused:
        b2b.generate_slots(event, actor=other_manager, day=DAY, start=dt.time(9), end=dt.time(10), minutes=20)
    assert str(refused.value) == "Only the managers of this event can define the meeting slots."


def test_the_schedule_places_each_meeting_in_the_earliest_slot_where_both_are_free():
    event, manager = b2b_event()
    a, b, c, d = (participant(event) for _ in range(4))
    ab, cd, ac, bd = accepted(event, a, b), accepted(event, c, d), accepted(event, a, c), accepted(event, b, d)
    first, second, third = make_slots(event, manager, (14, 0, 14, 20), (14, 20, 14, 40), (14, 40, 15, 0))
    result = b2b.build_schedule(event, actor=manager)
    assert (result.placed, result.unplaced, result.kept) == ([ab, cd, ac, bd], [], 0)
    assert seats(event) == {
        (ab.pk, first.pk, a.pk, 1),
        (ab.pk, first.pk, b.pk, 1),
        (cd.pk, first.pk, c.pk, 2),
        (cd.pk, first.pk, d.pk, 2),
        (ac.pk, second.pk, a.pk, 1),
        (ac.pk, second.pk, c.pk, 1),
        (bd.pk, second.pk, b.pk, 2),
        (bd.pk, second.pk, d.pk, 2),
    }
    assert third.pk not in {slot for _, slot, _, _ in seats(event)}
    entry = AuditEntry.objects.filter(action="tierslieux.b2b.schedule").get()
    assert entry.changes == {"placed": 4, "unplaced": 0}


def test_the_schedule_keeps_meetings_placed_by_hand_and_skips_what_fits_nowhere():
    event, manager = b2b_event()
    a, b, c = (participant(event) for _ in range(3))
    ab, ac, bc = accepted(event, a, b), accepted(event, a, c), accepted(event, b, c)
    declined = b2b.request_meeting(event, requester=c.user, invitee=participant(event))
    b2b.answer_request(declined, actor=declined.invitee.user, accept=False)
    first, second = make_slots(event, manager, (14, 0, 14, 20), (14, 20, 14, 40))
    b2b.book_slot(ac, second, actor=c.user)
    result = b2b.build_schedule(event, actor=manager)
    # a–c holds the second slot; a–b takes the first; b–c fits nowhere (b busy first, c busy second)
    assert (result.placed, result.unplaced, result.kept) == ([ab], [bc], 1)
    assert seats(event) == {
        (ac.pk, second.pk, a.pk, 1),
        (ac.pk, second.pk, c.pk, 1),
        (ab.pk, first.pk, a.pk, 1),
        (ab.pk, first.pk, b.pk, 1),
    }
    assert AuditEntry.objects.filter(action="tierslieux.b2b.schedule").get().changes == {"placed": 1, "unplaced": 1}


def test_a_cancelled_participant_is_not_scheduled():
    event, manager = b2b_event()
    a, b, c = (participant(event) for _ in range(3))
    ab, ac = accepted(event, a, b), accepted(event, a, c)
    Registration.objects.filter(pk=b.pk).update(status=Registration.Status.CANCELLED)
    make_slots(event, manager, (14, 0, 14, 20))
    result = b2b.build_schedule(event, actor=manager)
    assert (result.placed, result.unplaced) == ([ac], [])
    assert ab.pk not in {request for request, *_ in seats(event)}


def test_overlapping_legacy_slots_share_people_and_tables():
    event, manager = b2b_event()
    a, b, c, d = (participant(event) for _ in range(4))
    ab, ac, cd = accepted(event, a, b), accepted(event, a, c), accepted(event, c, d)
    long, short, later = make_slots(event, manager, (14, 0, 14, 40), (14, 20, 14, 40), (15, 0, 15, 20))
    result = b2b.build_schedule(event, actor=manager)
    # a–b in the long slot; a–c can take neither the long nor the short one (a sits in the long
    # slot, which shares its time): later; c–d joins the long slot at the next table.
    assert result.placed == [ab, ac, cd]
    assert seats(event) == {
        (ab.pk, long.pk, a.pk, 1),
        (ab.pk, long.pk, b.pk, 1),
        (ac.pk, later.pk, a.pk, 1),
        (ac.pk, later.pk, c.pk, 1),
        (cd.pk, long.pk, c.pk, 2),
        (cd.pk, long.pk, d.pk, 2),
    }
    assert short.pk not in {slot for _, slot, _, _ in seats(event)}


def test_tables_continue_after_meetings_placed_by_hand():
    event, manager = b2b_event()
    a, b, c, d = (participant(event) for _ in range(4))
    ab, cd = accepted(event, a, b), accepted(event, c, d)
    (slot,) = make_slots(event, manager, (14, 0, 14, 20))
    b2b.book_slot(ab, slot, actor=manager)
    assert b2b.build_schedule(event, actor=manager).placed == [cd]
    assert seats(event) == {
        (ab.pk, slot.pk, a.pk, 1),
        (ab.pk, slot.pk, b.pk, 1),
        (cd.pk, slot.pk, c.pk, 2),
        (cd.pk, slot.pk, d.pk, 2),
    }


def test_only_managers_build_the_schedule_of_a_b2b_event():
    event, _manager = b2b_event()
    someone = participant(event)
    with pytest.raises(PermissionDenied) as refused:
        b2b.build_schedule(event, actor=someone.user)
    assert str(refused.value) == "Only the managers of this event can build the schedule."
    plain, plain_manager = b2b_event()
    Event.objects.filter(pk=plain.pk).update(b2b_enabled=False)
    plain.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        b2b.build_schedule(plain, actor=plain_manager)
    assert message(error) == "This event has no B2B meetings."


def test_booking_rules_and_moving_a_meeting():
    event, manager = b2b_event()
    a, b, c = (participant(event) for _ in range(3))
    ab = accepted(event, a, b)
    pending = b2b.request_meeting(event, requester=a.user, invitee=c)
    first, second = make_slots(event, manager, (14, 0, 14, 20), (14, 20, 14, 40))
    other_event, other_manager = b2b_event()
    (foreign,) = make_slots(other_event, other_manager, (9, 0, 9, 20))
    with pytest.raises(PermissionDenied) as refused:
        b2b.book_slot(ab, first, actor=c.user)
    assert str(refused.value) == "Only the two participants or the managers can place this meeting."
    with pytest.raises(ValidationError) as error:
        b2b.book_slot(pending, first, actor=a.user)
    assert message(error) == "Only accepted requests can be placed in a slot."
    with pytest.raises(ValidationError) as error:
        b2b.book_slot(ab, foreign, actor=a.user)
    assert message(error) == "Choose a slot of this event."
    b2b.book_slot(ab, first, actor=b.user)
    b2b.book_slot(ab, second, actor=a.user)  # moving frees the first slot
    assert seats(event) == {(ab.pk, second.pk, a.pk, 1), (ab.pk, second.pk, b.pk, 1)}
    assert AuditEntry.objects.filter(action="tierslieux.b2b.book").count() == 2
    mine = b2b.schedule_of(a)
    assert [(seat.slot, seat.other) for seat in mine] == [(second, b)]
    assert [(seat.slot, seat.other) for seat in b2b.schedule_of(b)] == [(second, a)]


def test_a_busy_side_is_named_and_nothing_is_half_booked():
    event, manager = b2b_event()
    a = participant(event, first_name="Anna", last_name="Rossi")
    b = participant(event, first_name="Bruno", last_name="Verdi")
    c = participant(event)
    ab, ac = accepted(event, a, b), accepted(event, a, c)
    first, overlapping = make_slots(event, manager, (14, 0, 14, 20), (14, 10, 14, 30))
    b2b.book_slot(ab, first, actor=manager)
    with pytest.raises(ValidationError) as error:
        b2b.book_slot(ac, overlapping, actor=manager)
    assert message(error) == "This slot is already taken for Anna Rossi: pick another one."
    assert not ac.seats.exists()
    # both sides busy: both named
    bc = accepted(event, b, c)
    b2b.book_slot(ac, make_slots(event, manager, (15, 0, 15, 20))[0], actor=manager)
    late = B2BSlot.objects.get(starts_at=at(15))
    with pytest.raises(ValidationError) as error:
        b2b.book_slot(bc, late, actor=manager)
    assert message(error) == f"This slot is already taken for {b2b.display_name(c)}: pick another one."
    assert not bc.seats.exists()


def test_a_table_taken_in_an_overlapping_slot_is_not_given_again():
    event, manager = b2b_event()
    a, b, c, d = (participant(event) for _ in range(4))
    ab, cd = accepted(event, a, b), accepted(event, c, d)
    early, overlapping = make_slots(event, manager, (14, 0, 14, 20), (14, 10, 14, 30))
    b2b.book_slot(ab, overlapping, actor=manager)  # table 1 from 14:10
    assert b2b.build_schedule(event, actor=manager).placed == [cd]
    assert seats(event) == {
        (ab.pk, overlapping.pk, a.pk, 1),
        (ab.pk, overlapping.pk, b.pk, 1),
        (cd.pk, early.pk, c.pk, 2),
        (cd.pk, early.pk, d.pk, 2),
    }
