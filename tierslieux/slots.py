"""The slot scheduler of equipment booking: pure functions, no database.

Slots are cut from the weekly periods when the equipment is available (the place's opening hours
or the equipment's own calendar), in the place's local wall-clock time, each `slot_minutes` long
from the start of its period; a slot that would run past the end of its period is not offered.
Each slot then gets a state: closed (a closure covers its day), too soon (before now + the
minimum notice), too far (after now + the maximum advance), busy (overlaps a live booking) or free.

Slot times are computed in UTC, so slot lengths stay exact across DST; aware datetimes compare as
instants whatever their zone, so bookings and bounds need no conversion.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

Period = tuple[int, time, time]  # weekday (0 = Monday), opens, closes — local time
Interval = tuple[datetime, datetime]  # aware, end excluded

FREE, BUSY, CLOSED, TOO_SOON, TOO_FAR = "free", "busy", "closed", "too_soon", "too_far"


@dataclass(frozen=True)
class Rules:
    slot_minutes: int
    min_lead: timedelta
    max_advance: timedelta


@dataclass(frozen=True)
class Slot:
    starts_at: datetime  # UTC
    ends_at: datetime
    state: str

    @property
    def is_free(self) -> bool:
        return self.state == FREE


def _overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    return a_start < b_end and b_start < a_end


def day_slots(
    day: date,
    *,
    periods: Iterable[Period],
    closures: Iterable[tuple[date, date]],
    busy: Iterable[Interval],
    rules: Rules,
    now: datetime,
    zone: ZoneInfo,
) -> list[Slot]:
    """Every slot of `day` (local date in `zone`), in time order, with its state."""
    length = timedelta(minutes=rules.slot_minutes)
    closed = any(start <= day <= end for start, end in closures)
    busy = list(busy)
    earliest, latest = now + rules.min_lead, now + rules.max_advance
    slots: list[Slot] = []
    for weekday, opens, closes in sorted(periods):
        if weekday != day.weekday():
            continue  # a period that closes before it opens gives no slot: the loop below never runs
        start = datetime.combine(day, opens, zone).astimezone(UTC)
        period_end = datetime.combine(day, closes, zone)
        while start + length <= period_end:
            end = start + length
            if closed:
                state = CLOSED
            elif start < earliest:
                state = TOO_SOON
            elif start > latest:
                state = TOO_FAR
            elif any(_overlaps(start, end, b_start, b_end) for b_start, b_end in busy):
                state = BUSY
            else:
                state = FREE
            slots.append(Slot(start, end, state))
            start = end
    return slots


def span(slots: list[Slot], starts_at: datetime, count: int) -> Interval | None:
    """The interval of `count` consecutive free slots from the one starting at `starts_at`, or None
    when there is no such slot, or one of them is not free, or they do not follow each other."""
    starts = [slot.starts_at for slot in slots]
    if count < 1 or starts_at not in starts:
        return None
    first = starts.index(starts_at)
    chosen = slots[first : first + count]
    if len(chosen) != count or not all(slot.is_free for slot in chosen):
        return None
    if any(a.ends_at != b.starts_at for a, b in pairwise(chosen)):
        return None
    return chosen[0].starts_at, chosen[-1].ends_at
