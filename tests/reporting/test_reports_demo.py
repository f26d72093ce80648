"""Demo reports: the last ended semester's, made once, in French and Italian, ready to download;
loading again changes nothing."""

import io

import pytest

from reporting.demo import reports as demo
from reporting.models import Report
from tests.reporting.factories_structure import structure  # noqa: F401

pytestmark = pytest.mark.django_db


def test_demo_reports_are_made_once(structure):  # noqa: F811
    demo.load(io.StringIO())
    made = list(Report.objects.order_by("language").values_list("kind", "period_index", "language", "status"))
    # With the charter's calendar only (2019–2021), the last ended semester is the fifth.
    assert made == [("semestrial", 5, "fr", "ready"), ("semestrial", 5, "it", "ready")]
    assert all(r.pdf and r.xlsx and r.figures for r in Report.objects.all())
    demo.load(io.StringIO())
    assert Report.objects.count() == 2
