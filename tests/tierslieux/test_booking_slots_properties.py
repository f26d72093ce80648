"""The slot scheduler, property-based: whatever the opening periods, closures, bookings, rules and
the moment of asking, a free slot never overlaps a booking nor falls on a closed day, starts after
the minimum notice and before the maximum advance, lasts exactly one slot length (DST included)
and fits in one opening period; slots never overlap each other; and a span of free slots is
accepted only when every slot in it is free and they follow each other."""

import datetime as dt
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from tierslieux import slots
from tierslieux.hours import ZONES

PARIS = ZONES["FR"]
BASE = dt.date(2027, 3, 22)  # a week with the spring DST change (28 March 2027)
EXAMPLES = settings(max_examples=100, deadline=None)

quarter = st.integers(min_value=0, max_value=95)  # 15-minute steps of a day


@st.composite
def periods_st(draw) -> list[slots.Period]:
    """Non-overlapping periods of each weekday (like validated opening hours)."""
    periods = []
    for weekday in range(7):
        cuts = sorted(draw(st.sets(quarter, max_size=6)))
        for start, end in zip(cuts[::2], cuts[1::2], strict=False):
            if end > start:
                periods.append((weekday, dt.time(start // 4, start % 4 * 15), dt.time(end // 4, end % 4 * 15)))
    return periods


def moment(days: int, minutes: int) -> dt.datetime:
    return dt.datetime.combine(BASE, dt.time(0), PARIS).astimezone(dt.UTC) + dt.timedelta(days=days, minutes=minutes)


busy_st = st.lists(
    st.tuples(st.integers(0, 8), st.integers(0, 24 * 60), st.integers(15, 600)).map(
        lambda t: (moment(t[0], t[1]), moment(t[0], t[1] + t[2]))
    ),
    max_size=8,
)
closures_st = st.lists(
    st.tuples(st.integers(0, 8), st.integers(0, 3)).map(
        lambda t: (BASE + dt.timedelta(days=t[0]), BASE + dt.timedelta(days=t[0] + t[1]))
    ),
    max_size=2,
)
rules_st = st.builds(
    slots.Rules,
    slot_minutes=st.sampled_from([15, 30, 45, 60, 90, 120, 240]),
    min_lead=st.integers(0, 72).map(lambda h: dt.timedelta(hours=h)),
    max_advance=st.integers(1, 10).map(lambda d: dt.timedelta(days=d)),
)
now_st = st.tuples(st.integers(-2, 4), st.integers(0, 24 * 60 - 1)).map(lambda t: moment(t[0], t[1]))


def week(periods, closures, busy, rules, now) -> list[slots.Slot]:
    found = []
    for offset in range(7):
        found += slots.day_slots(
            BASE + dt.timedelta(days=offset),
            periods=periods,
            closures=closures,
            busy=busy,
            rules=rules,
            now=now,
            zone=PARIS,
        )
    return found


@EXAMPLES
@given(periods_st(), closures_st, busy_st, rules_st, now_st)
def test_free_slots_respect_bookings_closures_and_rules(periods, closures, busy, rules, now):
    for slot in week(periods, closures, busy, rules, now):
        assert slot.ends_at - slot.starts_at == dt.timedelta(minutes=rules.slot_minutes)
        local_start = slot.starts_at.astimezone(PARIS)
        day = local_start.date()
        assert any(  # inside one period of its day (bounds as the place's clock shows them)
            weekday == day.weekday()
            and dt.datetime.combine(day, opens, PARIS) <= slot.starts_at
            and slot.ends_at <= dt.datetime.combine(day, closes, PARIS)
            for weekday, opens, closes in periods
        )
        if not slot.is_free:
            continue
        assert all(not (slot.starts_at < end and start < slot.ends_at) for start, end in busy)
        assert not any(first <= local_start.date() <= last for first, last in closures)
        assert slot.starts_at >= now + rules.min_lead
        assert slot.starts_at <= now + rules.max_advance


@EXAMPLES
@given(periods_st(), rules_st, now_st)
def test_slots_never_overlap_each_other(periods, rules, now):
    found = sorted(week(periods, [], [], rules, now), key=lambda s: s.starts_at)
    for earlier, later in pairwise(found):
        assert earlier.ends_at <= later.starts_at


@EXAMPLES
@given(periods_st(), busy_st, rules_st, now_st, st.integers(0, 40), st.integers(1, 4))
def test_a_span_is_only_made_of_consecutive_free_slots(periods, busy, rules, now, index, count):
    day_slots = week(periods, [], busy, rules, now)
    if not day_slots:
        return
    first = day_slots[index % len(day_slots)]
    interval = slots.span(day_slots, first.starts_at, count)
    chosen = day_slots[day_slots.index(first) : day_slots.index(first) + count]
    if interval is None:
        assert (
            len(chosen) < count
            or not all(s.is_free for s in chosen)
            or any(a.ends_at != b.starts_at for a, b in pairwise(chosen))
        )
    else:
        assert interval == (first.starts_at, first.starts_at + count * dt.timedelta(minutes=rules.slot_minutes))
        assert all(not (interval[0] < end and start < interval[1]) for start, end in busy)


def test_a_booked_hour_leaves_the_next_one_free():
    """A concrete case: 09:00–12:00 by hours, 10:00–11:00 booked, asked the day before."""
    day = BASE + dt.timedelta(days=1)
    booked = (dt.datetime.combine(day, dt.time(10), PARIS), dt.datetime.combine(day, dt.time(11), PARIS))
    found = slots.day_slots(
        day,
        periods=[(day.weekday(), dt.time(9), dt.time(12))],
        closures=[],
        busy=[booked],
        rules=slots.Rules(60, dt.timedelta(hours=1), dt.timedelta(days=30)),
        now=dt.datetime.combine(BASE, dt.time(9), PARIS),
        zone=PARIS,
    )
    assert [(s.starts_at.astimezone(PARIS).hour, s.state) for s in found] == [
        (9, slots.FREE),
        (10, slots.BUSY),
        (11, slots.FREE),
    ]
