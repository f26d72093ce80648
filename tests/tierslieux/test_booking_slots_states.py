"""The slot scheduler, state by state: the exact slots a user sees for one day and the state of
each (closed, too soon, too far, busy, free), at the edges of every rule; and `span` on exact
inputs (the wrong start, a gap, a count past the end)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tierslieux import slots
from tierslieux.hours import ZONES

PARIS = ZONES["FR"]
MONDAY = dt.date(2027, 3, 22)  # the week of the spring DST change (Sunday 28 March 2027)
RULES = slots.Rules(60, dt.timedelta(hours=2), dt.timedelta(days=3))


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), PARIS)


def day_of(day=MONDAY, *, periods=None, closures=(), busy=(), rules=RULES, now=None) -> list[tuple[str, str]]:
    found = slots.day_slots(
        day,
        periods=periods if periods is not None else [(day.weekday(), dt.time(9), dt.time(12))],
        closures=closures,
        busy=busy,
        rules=rules,
        now=now or at(MONDAY - dt.timedelta(days=1), 9),
        zone=PARIS,
    )
    for slot in found:  # times are kept in UTC
        assert slot.starts_at.tzinfo == dt.UTC and slot.ends_at - slot.starts_at == dt.timedelta(minutes=60)
    return [(slot.starts_at.astimezone(PARIS).strftime("%H:%M"), slot.state) for slot in found]


def test_every_slot_of_an_open_morning_is_free():
    assert day_of() == [("09:00", "free"), ("10:00", "free"), ("11:00", "free")]


@pytest.mark.parametrize(
    "closure",
    [(MONDAY, MONDAY), (MONDAY - dt.timedelta(days=3), MONDAY), (MONDAY, MONDAY + dt.timedelta(days=2))],
    ids=["that day", "ending that day", "starting that day"],
)
def test_a_closure_covering_the_day_closes_every_slot(closure):
    assert day_of(closures=[closure]) == [("09:00", "closed"), ("10:00", "closed"), ("11:00", "closed")]


def test_a_closure_of_other_days_leaves_the_day_open():
    closures = [(MONDAY - dt.timedelta(days=5), MONDAY - dt.timedelta(days=1)), (MONDAY + dt.timedelta(days=1),) * 2]
    assert day_of(closures=closures) == [("09:00", "free"), ("10:00", "free"), ("11:00", "free")]


def test_closed_wins_over_too_soon_and_busy():
    busy = [(at(MONDAY, 11), at(MONDAY, 12))]
    assert day_of(closures=[(MONDAY, MONDAY)], busy=busy, now=at(MONDAY, 8)) == [
        ("09:00", "closed"),
        ("10:00", "closed"),
        ("11:00", "closed"),
    ]


def test_the_minimum_notice_is_counted_from_now_and_its_edge_is_bookable():
    # now 08:00 + 2 h notice: 09:00 is too soon, 10:00 exactly at the edge is free.
    assert day_of(now=at(MONDAY, 8)) == [("09:00", "too_soon"), ("10:00", "free"), ("11:00", "free")]
    assert day_of(now=at(MONDAY, 8, 1)) == [("09:00", "too_soon"), ("10:00", "too_soon"), ("11:00", "free")]


def test_the_maximum_advance_is_counted_from_now_and_its_edge_is_bookable():
    # now Friday 10:00 - 3 days = Tuesday 10:00 + 3 days: Friday 10:00 is the last bookable start.
    friday = MONDAY + dt.timedelta(days=4)
    now = at(MONDAY + dt.timedelta(days=1), 10)
    assert day_of(friday, now=now) == [("09:00", "free"), ("10:00", "free"), ("11:00", "too_far")]


def test_too_soon_wins_over_busy_and_busy_wins_over_free():
    busy = [(at(MONDAY, 9), at(MONDAY, 12))]
    assert day_of(busy=busy, now=at(MONDAY, 8)) == [("09:00", "too_soon"), ("10:00", "busy"), ("11:00", "busy")]


@pytest.mark.parametrize(
    ("booking", "expected"),
    [
        ((at(MONDAY, 8), at(MONDAY, 9)), ["free", "free", "free"]),  # ends when the first slot starts
        ((at(MONDAY, 8), at(MONDAY, 9, 1)), ["busy", "free", "free"]),
        ((at(MONDAY, 10, 59), at(MONDAY, 11)), ["free", "busy", "free"]),
        ((at(MONDAY, 12), at(MONDAY, 13)), ["free", "free", "free"]),  # starts when the last slot ends
        ((at(MONDAY, 10, 30), at(MONDAY, 11, 30)), ["free", "busy", "busy"]),
    ],
)
def test_a_booking_makes_busy_exactly_the_slots_it_overlaps(booking, expected):
    assert [state for _, state in day_of(busy=[booking])] == expected


def test_a_booking_given_in_another_zone_is_compared_in_utc():
    rome = ZONES["IT"]
    booking = (at(MONDAY, 10).astimezone(rome), at(MONDAY, 11).astimezone(rome))
    utc = (at(MONDAY, 11).astimezone(dt.UTC), at(MONDAY, 12).astimezone(dt.UTC))
    assert day_of(busy=[booking, utc]) == [("09:00", "free"), ("10:00", "busy"), ("11:00", "busy")]


def test_periods_of_other_weekdays_and_empty_periods_give_no_slot():
    periods = [
        (MONDAY.weekday() + 1, dt.time(9), dt.time(12)),
        (MONDAY.weekday(), dt.time(14), dt.time(14)),
        (MONDAY.weekday(), dt.time(18), dt.time(17)),
    ]
    assert day_of(periods=periods) == []


def test_a_slot_that_would_run_past_its_period_is_not_offered_and_periods_come_in_time_order():
    periods = [(0, dt.time(14), dt.time(16, 30)), (0, dt.time(9), dt.time(10)), (0, dt.time(10), dt.time(10, 59))]
    assert day_of(periods=periods) == [("09:00", "free"), ("14:00", "free"), ("15:00", "free")]


def test_on_the_dst_day_slots_keep_their_length_and_the_wall_clock():
    sunday = MONDAY + dt.timedelta(days=6)
    found = day_of(sunday, periods=[(6, dt.time(1), dt.time(4))], now=at(MONDAY + dt.timedelta(days=4), 9))
    # 02:00–03:00 does not exist that night: 01:00 local is followed by 03:00 local, one hour later.
    assert found == [("01:00", "free"), ("03:00", "free")]


def free_morning() -> list[slots.Slot]:
    return slots.day_slots(
        MONDAY,
        periods=[(0, dt.time(9), dt.time(11)), (0, dt.time(11, 30), dt.time(13, 30))],
        closures=[],
        busy=[(at(MONDAY, 12, 30), at(MONDAY, 13, 30))],
        rules=RULES,
        now=at(MONDAY - dt.timedelta(days=1), 9),
        zone=PARIS,
    )  # 09:00 free, 10:00 free, 11:30 free, 12:30 busy


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        (at(MONDAY, 9), 1, (at(MONDAY, 9), at(MONDAY, 10))),
        (at(MONDAY, 9), 2, (at(MONDAY, 9), at(MONDAY, 11))),
        (at(MONDAY, 9).astimezone(dt.UTC), 2, (at(MONDAY, 9), at(MONDAY, 11))),
        (at(MONDAY, 9), 0, None),
        (at(MONDAY, 9), -1, None),
        (at(MONDAY, 9, 30), 1, None),  # no slot starts then
        (at(MONDAY, 10), 2, None),  # 11:00–11:30 is a gap between two periods
        (at(MONDAY, 11, 30), 2, None),  # the second slot is busy
        (at(MONDAY, 12, 30), 1, None),  # busy
        (at(MONDAY, 11, 30), 1, (at(MONDAY, 11, 30), at(MONDAY, 12, 30))),
    ],
)
def test_span_accepts_only_consecutive_free_slots(start, count, expected):
    assert slots.span(free_morning(), start, count) == expected


def test_span_past_the_last_slot_is_refused():
    found = [slot for slot in free_morning() if slot.starts_at < at(MONDAY, 11)]
    assert slots.span(found, at(MONDAY, 10), 2) is None
    assert slots.span(found, at(MONDAY, 10), 1) == (at(MONDAY, 10), at(MONDAY, 11))


def test_each_day_takes_its_own_periods_from_a_whole_week():
    week = [(weekday, dt.time(9), dt.time(10 + weekday)) for weekday in range(7)]
    tuesday, sunday = MONDAY + dt.timedelta(days=1), MONDAY + dt.timedelta(days=6)
    assert [time for time, _ in day_of(tuesday, periods=week)] == ["09:00", "10:00"]
    assert [time for time, _ in day_of(sunday, periods=week, now=at(MONDAY + dt.timedelta(days=4), 9))] == [
        "09:00",
        "10:00",
        "11:00",
        "12:00",
        "13:00",
        "14:00",
        "15:00",
    ]


def test_slots_follow_the_zone_given_not_the_servers_clock():
    london = ZoneInfo("Europe/London")
    found = slots.day_slots(
        MONDAY,
        periods=[(0, dt.time(9), dt.time(11))],
        closures=[],
        busy=[],
        rules=RULES,
        now=at(MONDAY - dt.timedelta(days=1), 9),
        zone=london,
    )
    assert [slot.starts_at for slot in found] == [
        dt.datetime(2027, 3, 22, 9, tzinfo=dt.UTC),  # London is on GMT until 28 March
        dt.datetime(2027, 3, 22, 10, tzinfo=dt.UTC),
    ]
