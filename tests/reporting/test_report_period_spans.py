"""The span of every kind of report (reporting.figures.report_period): its dates, its project
months, the reporting periods inside it and its number, for the charter's edition (30 months from
January 2019 in six-month periods) and for a follow-up edition numbered on from it."""

import datetime

import pytest

from reporting import figures, periods
from reporting.figures_sections import ReportPeriod
from reporting.models import Report
from reporting.services.calendar import save_edition
from tests.reporting.factories_structure import org, structure  # noqa: F401

pytestmark = pytest.mark.django_db

D = datetime.date
K = Report.Kind
FIRST = {"edition_start": D(2019, 1, 1), "edition_first": 1}

CHARTER_SPANS = [
    # (kind, index, start, end, first month, last month, periods inside, number)
    (K.SEMESTRIAL, 1, D(2019, 1, 1), D(2019, 6, 30), 1, 6, (1,), 1),
    (K.SEMESTRIAL, 2, D(2019, 7, 1), D(2019, 12, 31), 7, 12, (2,), 2),
    (K.SEMESTRIAL, 5, D(2021, 1, 1), D(2021, 6, 30), 25, 30, (5,), 5),
    (K.ANNUAL, 1, D(2019, 1, 1), D(2019, 12, 31), 1, 12, (1, 2), None),
    (K.ANNUAL, 2, D(2020, 1, 1), D(2020, 12, 31), 13, 24, (3, 4), None),
    (K.ANNUAL, 3, D(2021, 1, 1), D(2021, 6, 30), 25, 30, (5,), None),  # the edition ends in June
    (K.INTERMEDIATE, 1, D(2019, 1, 1), D(2019, 6, 30), 1, 6, (1,), 1),
    (K.INTERMEDIATE, 3, D(2019, 1, 1), D(2020, 6, 30), 1, 18, (1, 2, 3), 3),
    (K.INTERMEDIATE, 5, D(2019, 1, 1), D(2021, 6, 30), 1, 30, (1, 2, 3, 4, 5), 5),
    (K.FINAL, None, D(2019, 1, 1), D(2021, 6, 30), 1, 30, (1, 2, 3, 4, 5), None),
    (K.FINAL, 3, D(2019, 1, 1), D(2021, 6, 30), 1, 30, (1, 2, 3, 4, 5), None),  # the index is ignored
]


@pytest.mark.parametrize(("kind", "index", "start", "end", "first", "last", "inside", "number"), CHARTER_SPANS)
def test_span_of_every_kind_of_report(structure, kind, index, start, end, first, last, inside, number):  # noqa: F811
    expected = ReportPeriod(kind, index if kind != K.FINAL else None, start, end, first, last, inside, number, **FIRST)
    assert figures.report_period(kind, index) == expected


@pytest.mark.parametrize(
    ("kind", "index"),
    [
        (K.SEMESTRIAL, 0),
        (K.SEMESTRIAL, 6),  # after the edition's last period
        (K.SEMESTRIAL, None),
        (K.INTERMEDIATE, 6),
        (K.INTERMEDIATE, None),
        (K.ANNUAL, 0),
        (K.ANNUAL, 4),
        (K.ANNUAL, None),
        ("weekly", 1),
    ],
)
def test_no_span_for_a_period_the_edition_does_not_have(structure, kind, index):  # noqa: F811
    assert figures.report_period(kind, index) is None


@pytest.fixture
def follow_up(structure, monkeypatch):  # noqa: F811
    """A second edition of 18 months in quarters from July 2022, running today."""
    lead, _partner = structure
    save_edition(
        None,
        name_fr="Phase de suivi",
        name_it="Fase di follow-up",
        start_date=D(2022, 7, 1),
        duration_months=18,
        period_months=3,
        actor=lead,
    )
    monkeypatch.setattr(periods, "today", lambda: D(2023, 2, 10))


SECOND = {"edition_start": D(2022, 7, 1), "edition_first": 6}
FOLLOW_UP_SPANS = [
    # Periods are numbered on from the first edition's five; months count from the edition's start.
    (K.SEMESTRIAL, 6, D(2022, 7, 1), D(2022, 9, 30), 1, 3, (6,), 1),
    (K.SEMESTRIAL, 8, D(2023, 1, 1), D(2023, 3, 31), 7, 9, (8,), 3),
    (K.SEMESTRIAL, 11, D(2023, 10, 1), D(2023, 12, 31), 16, 18, (11,), 6),
    (K.INTERMEDIATE, 8, D(2022, 7, 1), D(2023, 3, 31), 1, 9, (6, 7, 8), 3),
    (K.ANNUAL, 1, D(2022, 7, 1), D(2022, 12, 31), 1, 6, (6, 7), None),  # a partial first year
    (K.ANNUAL, 2, D(2023, 1, 1), D(2023, 12, 31), 7, 18, (8, 9, 10, 11), None),
    (K.FINAL, None, D(2022, 7, 1), D(2023, 12, 31), 1, 18, (6, 7, 8, 9, 10, 11), None),
]


@pytest.mark.parametrize(("kind", "index", "start", "end", "first", "last", "inside", "number"), FOLLOW_UP_SPANS)
def test_span_of_every_kind_of_report_in_a_follow_up_edition(
    follow_up, kind, index, start, end, first, last, inside, number
):
    expected = ReportPeriod(kind, index, start, end, first, last, inside, number, **SECOND)
    assert figures.report_period(kind, index) == expected


@pytest.mark.parametrize(("kind", "index"), [(K.SEMESTRIAL, 5), (K.INTERMEDIATE, 2), (K.ANNUAL, 3), (K.SEMESTRIAL, 12)])
def test_a_follow_up_edition_reports_on_its_own_periods_only(follow_up, kind, index):
    assert figures.report_period(kind, index) is None


def test_the_span_as_stored_in_the_snapshot(structure):  # noqa: F811
    assert figures.report_period(K.INTERMEDIATE, 3).as_dict() == {
        "kind": K.INTERMEDIATE,
        "index": 3,
        "number": 3,
        "start": "2019-01-01",
        "end": "2020-06-30",
        "first_month": 1,
        "last_month": 18,
        "semesters": [1, 2, 3],
    }
