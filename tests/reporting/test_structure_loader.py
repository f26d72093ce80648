"""The project structure loaded from the charter: complete, idempotent, and respectful of the
lead partner's edits."""

import datetime

import pytest

from reporting.loaders import load_structure
from reporting.models import Activity, Deliverable, Indicator, Project, WorkPackage
from reporting.services.structure import update_deliverable, update_indicator
from tests.reporting.factories_structure import org, outsider, people, structure  # noqa: F401

pytestmark = pytest.mark.django_db


def _state():
    return (
        list(WorkPackage.objects.values_list("code", "name_fr", "name_it", "lead_id", "start_month", "end_month")),
        list(Activity.objects.values_list("code", "work_package_id", "lead_id", "start_month", "end_month")),
        list(Deliverable.objects.order_by("pk").values_list("pk", "name_fr", "target_count", "source", "due_month")),
        list(Indicator.objects.values_list("code", "target", "breakdown", "source")),
    )


def test_charter_structure_is_loaded(structure):  # noqa: F811
    project = Project.objects.get()
    assert project.start_date == datetime.date(2019, 1, 1) and project.duration_months == 30
    assert project.title_it.startswith("CIRCuItO")
    assert list(WorkPackage.objects.values_list("code", flat=True)) == ["WP1", "WP2", "WP3", "WP4", "WP5"]
    assert WorkPackage.objects.get(code="WP3").lead == org("PIE")
    assert Activity.objects.count() == 16
    a22 = Activity.objects.get(code="2.2")
    assert (a22.first_month, a22.last_month) == (2, 29)
    a31 = Activity.objects.get(code="3.1")
    assert (a31.first_month, a31.last_month) == (1, 8)  # inherited from WP3
    assert set(a31.excluded_partners.values_list("partner_code", flat=True)) == {"UNIGE", "UNITO"}
    focus = Deliverable.objects.get(activity__code="3.2", order=0)
    assert focus.target_count == 20 and focus.kind == "focus_group" and focus.source == "focusgroups.held.3.2"
    assert Deliverable.objects.get(activity__code="1.1", order=0).source == "committees.in_person"
    assert Deliverable.objects.get(activity__code="4.2", order=2).source == "tierslieux.events.open_innovation"
    assert Deliverable.objects.get(activity__code="4.3", order=3).source == "bourseflux.awareness_meetings"
    assert Deliverable.objects.get(activity__code="2.1", order=2).per_partner
    output = Indicator.objects.get(code="I.1-output")
    assert output.target == 13 and output.breakdown["intermediaries"] == 5
    assert output.source == "structures.participating"


def test_loading_twice_changes_nothing(structure):  # noqa: F811
    before = _state()
    counts = load_structure()
    assert counts["created"] == 0
    assert _state() == before


def test_reload_keeps_the_lead_partners_edits(people):  # noqa: F811
    deliverable = Deliverable.objects.get(activity__code="2.1", order=1)  # roll-ups, 14
    update_deliverable(deliverable, target_count=16, due_month=12, responsible=org("PACA"), actor=people["lead"])
    update_indicator(Indicator.objects.get(code="I.1-result"), target=4, actor=people["lead"])
    load_structure()
    deliverable.refresh_from_db()
    assert (deliverable.target_count, deliverable.due_month, deliverable.responsible) == (16, 12, org("PACA"))
    assert Indicator.objects.get(code="I.1-result").target == 4
    # Unedited rows still follow the charter.
    Deliverable.objects.filter(activity__code="2.1", order=0).update(target_count=99)
    load_structure()
    assert Deliverable.objects.get(activity__code="2.1", order=0).target_count == 1
