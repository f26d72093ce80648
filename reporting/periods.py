"""Reporting periods derived from the project's start date and duration: semesters (the
programme's six-monthly progress reports) and annual periods (calendar years within the project).
Project months count from 1 (the start month)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

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

    @property
    def label(self) -> str:
        if self.kind == "year":
            return _("Year %(year)s (months %(first)s–%(last)s)") % {
                "year": self.start.year,
                "first": self.first_month,
                "last": self.last_month,
            }
        return _("Semester %(index)s (months %(first)s–%(last)s)") % {
            "index": self.index,
            "first": self.first_month,
            "last": self.last_month,
        }

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end


def _project_bounds() -> tuple[datetime.date, int]:
    from reporting.models import Project

    row = Project.objects.order_by("pk").values_list("start_date", "duration_months").first()
    return row if row else (DEFAULT_START, DEFAULT_DURATION)


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
    start, duration = _project_bounds()
    periods = []
    first = 1
    index = 1
    while first <= duration:
        last = min(first + SEMESTER_MONTHS - 1, duration)
        periods.append(Period(index, month_start(first, start), month_end(last, start), first, last))
        first = last + 1
        index += 1
    return periods


def years() -> list[Period]:
    """Calendar years within the project (the first and last may be partial)."""
    start, duration = _project_bounds()
    end = month_end(duration, start)
    periods = []
    for index, year in enumerate(range(start.year, end.year + 1), start=1):
        p_start = max(start, datetime.date(year, 1, 1))
        p_end = min(end, datetime.date(year, 12, 31))
        periods.append(
            Period(index, p_start, p_end, project_month(p_start, start), project_month(p_end, start), kind="year")
        )
    return periods


def semester(index: int) -> Period | None:
    for period in semesters():
        if period.index == index:
            return period
    return None


def period_for(day: datetime.date) -> Period | None:
    """The semester containing `day`, or None outside the project."""
    for period in semesters():
        if day in period:
            return period
    return None


def current_period() -> Period | None:
    return period_for(today())
