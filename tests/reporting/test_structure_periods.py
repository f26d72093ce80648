"""Reporting periods derived from the project (start 2019-01-01, 30 months)."""

import datetime

import pytest

from reporting import periods
from reporting.models import Project

pytestmark = pytest.mark.django_db


def test_five_semesters_cover_the_thirty_months():
    semesters = periods.semesters()
    assert [(s.index, s.start, s.end) for s in semesters] == [
        (1, datetime.date(2019, 1, 1), datetime.date(2019, 6, 30)),
        (2, datetime.date(2019, 7, 1), datetime.date(2019, 12, 31)),
        (3, datetime.date(2020, 1, 1), datetime.date(2020, 6, 30)),
        (4, datetime.date(2020, 7, 1), datetime.date(2020, 12, 31)),
        (5, datetime.date(2021, 1, 1), datetime.date(2021, 6, 30)),
    ]
    assert [(s.first_month, s.last_month) for s in semesters] == [(1, 6), (7, 12), (13, 18), (19, 24), (25, 30)]


def test_project_month_of_a_date():
    assert periods.project_month(datetime.date(2019, 1, 1)) == 1
    assert periods.project_month(datetime.date(2019, 1, 31)) == 1
    assert periods.project_month(datetime.date(2019, 12, 15)) == 12
    assert periods.project_month(datetime.date(2021, 6, 30)) == 30
    assert periods.project_month(datetime.date(2018, 12, 31)) == 0


def test_period_for_a_date_and_outside_the_project():
    assert periods.period_for(datetime.date(2020, 2, 29)).index == 3
    assert periods.period_for(datetime.date(2020, 6, 30)).index == 3
    assert periods.period_for(datetime.date(2020, 7, 1)).index == 4
    assert periods.period_for(datetime.date(2018, 12, 31)) is None
    assert periods.period_for(datetime.date(2021, 7, 1)) is None


def test_annual_periods_are_calendar_years_within_the_project():
    years = periods.years()
    assert [(y.start, y.end) for y in years] == [
        (datetime.date(2019, 1, 1), datetime.date(2019, 12, 31)),
        (datetime.date(2020, 1, 1), datetime.date(2020, 12, 31)),
        (datetime.date(2021, 1, 1), datetime.date(2021, 6, 30)),
    ]
    assert years[2].first_month == 25 and years[2].last_month == 30


def test_current_period_follows_today(monkeypatch):
    monkeypatch.setattr(periods, "today", lambda: datetime.date(2019, 8, 10))
    assert periods.current_period().index == 2
    assert periods.current_month() == 8
    monkeypatch.setattr(periods, "today", lambda: datetime.date(2026, 1, 1))
    assert periods.current_period() is None
    assert periods.current_month() == 31  # past the end: everything due is due


def test_periods_follow_the_project_row():
    Project.objects.create(acronym="X", title="X", start_date=datetime.date(2020, 3, 1), duration_months=8)
    semesters = periods.semesters()
    assert [(s.first_month, s.last_month) for s in semesters] == [(1, 6), (7, 8)]
    assert semesters[1].end == datetime.date(2020, 10, 31)
