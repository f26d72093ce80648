"""Demo data of the structure and committees areas: the charter's meetings, idempotent."""

import io

import pytest

from reporting.demo import committees, structure
from reporting.models import ActionItem, Attendance, DeliverableEvidence, Meeting

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Meeting.objects.count(),
        Attendance.objects.count(),
        ActionItem.objects.count(),
        DeliverableEvidence.objects.count(),
    )


def test_demo_loads_the_planned_meetings_once():
    out = io.StringIO()
    structure.load(out)
    committees.load(out)
    in_person = Meeting.objects.filter(kind=Meeting.Kind.IN_PERSON).order_by("number")
    assert [(m.city, m.project_month) for m in in_person] == [
        ("Imperia", 1),
        ("Nice", 7),
        ("Chambéry", 14),
        ("Aosta", 20),
        ("Torino", 28),
    ]
    assert Meeting.objects.filter(kind=Meeting.Kind.VIDEOCONFERENCE).count() == 5
    assert all(m.is_approved and m.minutes_fr and m.minutes_it for m in Meeting.objects.all())
    assert Attendance.objects.exists() and DeliverableEvidence.objects.exists()
    before = _counts()
    structure.load(out)
    committees.load(out)
    assert _counts() == before
