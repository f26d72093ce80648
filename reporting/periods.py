"""Reporting periods from the project calendar (reporting.ProjectEdition rows): each edition has a
start date, a duration and a period length (6 months: semesters, the programme's six-monthly
progress reports). The current edition is the latest one that has started (the first one while
none has); project months count from 1 in its start month, and annual periods are the calendar
years within it.

Periods are numbered across editions (`Period.index`), in edition order, so that a number stored
on an expenditure line, a monitoring form or a report names the same span for good; `number`
counts within the edition and is what labels show. Without any edition row (a fresh database),
the project row's start and duration, or the charter's defaults, make a single edition."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from circuito.translated import current_language

DEFAULT_START = datetime.date(2019, 1, 1)
DEFAULT_DURATION = 30
SEMESTER_MONTHS = 6


@dataclass(frozen=True)
class Period:
    index: int
    start: datetime.date
    end: datetime.date  # inclusive
    first_month: int
    last_month: int
    kind: str = "semester"
    number: int = 0  # within the edition (0: same as index)
    edition: int = 1
    months: int = SEMESTER_MONTHS

    @property
    def position(self) -> int:
        return self.number or self.index

    @property
    def label(self) -> str:
        values = {"index": self.position, "first": self.first_month, "last": self.last_month}
        if self.kind == "year":
            return _("Year %(year)s (months %(first)s–%(last)s)") % {**values, "year": self.start.year}
        if self.months == SEMESTER_MONTHS:
            return _("Semester %(index)s (months %(first)s–%(last)s)") % values
        return _("Period %(index)s (months %(first)s–%(last)s)") % values

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class Edition:
    """One edition of the calendar, as the periods module sees it (no database access)."""

    number: int
    start: datetime.date
    duration: int
    period_months: int
    first_index: int  # the index of its first period across editions
    names: dict[str, str] = field(default_factory=dict)
    pk: int | None = None

    @property
    def name(self) -> str:
        lang = current_language()
        return self.names.get(lang) or next((n for n in self.names.values() if n), "") or str(self.number)

    @property
    def end(self) -> datetime.date:
        return month_end(self.duration, self.start)

    @property
    def period_count(self) -> int:
        return -(-self.duration // self.period_months)

    @property
    def last_index(self) -> int:
        return self.first_index + self.period_count - 1

    def periods(self) -> list[Period]:
        result = []
        first = 1
        for number in range(1, self.period_count + 1):
            last = min(first + self.period_months - 1, self.duration)
            result.append(
                Period(
                    self.first_index + number - 1,
                    month_start(first, self.start),
                    month_end(last, self.start),
                    first,
                    last,
                    number=number,
                    edition=self.number,
                    months=self.period_months,
                )
            )
            first = last + 1
        return result

    def years(self) -> list[Period]:
        """Calendar years within the edition (the first and last may be partial)."""
        end = self.end
        result = []
        for index, year in enumerate(range(self.start.year, end.year + 1), start=1):
            p_start = max(self.start, datetime.date(year, 1, 1))
            p_end = min(end, datetime.date(year, 12, 31))
            result.append(
                Period(
                    index,
                    p_start,
                    p_end,
                    project_month(p_start, self.start),
                    project_month(p_end, self.start),
                    kind="year",
                    edition=self.number,
                    months=12,
                )
            )
        return result

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def calendar() -> list[Edition]:
    """Every edition, in order (one query; two when the calendar is still empty)."""
    from reporting.models import Project, ProjectEdition

    rows = ProjectEdition.objects.order_by("number").values(
        "pk", "number", "name_fr", "name_it", "start_date", "duration_months", "period_months"
    )
    editions = []
    first = 1
    for row in rows:
        edition = Edition(
            row["number"],
            row["start_date"].replace(day=1),
            row["duration_months"],
            row["period_months"],
            first,
            {"fr": row["name_fr"] or "", "it": row["name_it"] or ""},
            row["pk"],
        )
        editions.append(edition)
        first = edition.last_index + 1
    if editions:
        return editions
    row = Project.objects.order_by("pk").values_list("start_date", "duration_months").first()
    start, duration = row if row else (DEFAULT_START, DEFAULT_DURATION)
    return [Edition(1, start.replace(day=1), duration, SEMESTER_MONTHS, 1)]


def current_edition(editions: list[Edition] | None = None) -> Edition:
    """The latest edition that has started, or the first one while none has."""
    editions = editions if editions is not None else calendar()
    day = today()
    started = [e for e in editions if e.start <= day]
    return started[-1] if started else editions[0]


def _project_bounds() -> tuple[datetime.date, int]:
    edition = current_edition()
    return edition.start, edition.duration


def project_start() -> datetime.date:
    return _project_bounds()[0]


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The first day of the month `months` after `day`'s month."""
    total = day.year * 12 + (day.month - 1) + months
    return datetime.date(total // 12, total % 12 + 1, 1)


def month_start(month: int, start: datetime.date | None = None) -> datetime.date:
    """First day of project month `month` (1-based)."""
    start = start or _project_bounds()[0]
    return add_months(start.replace(day=1), month - 1)


def month_end(month: int, start: datetime.date | None = None) -> datetime.date:
    return month_start(month + 1, start) - datetime.timedelta(days=1)


def project_month(day: datetime.date, start: datetime.date | None = None) -> int:
    """Project month of `day`: 1 in the start month, 0 or less before the start, > duration after."""
    start = start or _project_bounds()[0]
    return (day.year - start.year) * 12 + (day.month - start.month) + 1


def today() -> datetime.date:
    return timezone.localdate()


def current_month() -> int:
    """Today's project month, clamped to 0..duration+1 (0: not started, duration+1: ended)."""
    start, duration = _project_bounds()
    return max(0, min(project_month(today(), start), duration + 1))


def semesters() -> list[Period]:
    """The reporting periods of the current edition (semesters unless the calendar says otherwise)."""
    return current_edition().periods()


def years() -> list[Period]:
    """Calendar years within the current edition (the first and last may be partial)."""
    return current_edition().years()


def semester(index: int) -> Period | None:
    """The reporting period numbered `index`, in whichever edition it is."""
    for edition in calendar():
        if edition.first_index <= index <= edition.last_index:
            return edition.periods()[index - edition.first_index]
    return None


def period_for(day: datetime.date) -> Period | None:
    """The reporting period containing `day`, or None outside every edition."""
    for edition in calendar():
        if day in edition:
            return next(p for p in edition.periods() if day in p)
    return None


def current_period() -> Period | None:
    return period_for(today())
