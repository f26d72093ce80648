"""The figures of a report equal the records: deliverables, indicators, focus groups, meetings,
expenditure per partner and category (previous / current / cumulative), monitoring forms;
the period rules; and figure collection in a number of queries that does not grow with data."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext

from reporting import figures, periods
from reporting.models import CostCategory, Meeting, Report
from reporting.services.reports import request_report
from tests.reporting.factories_reports import (
    S2_DAY,
    evidence,
    expenditure,
    expenditure_row,
    find_deliverable,
    monitoring,
    records,  # noqa: F401
)
from tests.reporting.factories_structure import (  # noqa: F401
    make_meeting,
    org,
    outsider,
    people,
    replace_indicator,
    structure,
)

pytestmark = pytest.mark.django_db


def test_semestrial_figures_equal_the_records(records):  # noqa: F811
    data = figures.collect(Report.Kind.SEMESTRIAL, 2, "fr")
    json.dumps(data)  # the frozen snapshot is plain JSON
    assert data["period"]["start"] == "2019-07-01" and data["period"]["end"] == "2019-12-31"
    assert data["period"]["semesters"] == [2]

    deliverable = find_deliverable(data, records["deliverable"].pk)
    assert deliverable["achieved_period"] == 2  # semester 2 evidence only
    assert deliverable["achieved"] == 3  # since the start
    assert deliverable["target"] == records["deliverable"].target_count

    staff = expenditure_row(data, "LIG", CostCategory.STAFF)
    assert (staff["previous"], staff["current"], staff["cumulative"]) == ("1000.00", "500.25", "1500.25")
    assert expenditure_row(data, "LIG", CostCategory.TRAVEL)["current"] == "0.00"  # the draft is left out
    external = expenditure_row(data, "PACA", CostCategory.EXTERNAL)
    assert (external["current"], external["cumulative"], external["budget"]) == ("300.50", "300.50", "250.00")
    assert external["over_budget"] is True  # allowed but flagged
    lig = next(p for p in data["expenditure"]["partners"] if p["code"] == "LIG")
    assert lig["cumulative"] == "1500.25"
    assert (lig["erdf_rate"], lig["erdf"]) == ("0.85", "1275.21")  # the default ERDF rate, 85 %
    assert data["expenditure"]["totals"]["current"] == "800.75"
    assert data["expenditure"]["totals"]["cumulative"] == "1800.75"

    counts = data["committees"]["counts"]
    assert counts["in_person_period"] == 1 and counts["videoconference_period"] == 1
    assert [m["city"] for m in data["committees"]["meetings"]] == ["Nice", ""]

    entries = data["monitoring"]["entries"]
    assert [(e["partner"], e["problems"], e["corrective_actions"]) for e in entries] == [
        ("PACA", "Retard des marchés publics", "Procédure accélérée")
    ]
    missing = {m["partner"] for m in data["monitoring"]["missing"]}
    assert "LIG" in missing and "PACA" not in missing

    structures = next(i for i in data["indicators"] if i["code"] == "I.1-output")
    assert structures["achieved"] == sum(b["achieved"] or 0 for b in structures["breakdown"])


def test_annual_intermediate_and_final_periods(records):  # noqa: F811
    annual = figures.collect(Report.Kind.ANNUAL, 1, "it")
    assert annual["period"]["semesters"] == [1, 2]
    staff = expenditure_row(annual, "LIG", CostCategory.STAFF)
    assert (staff["previous"], staff["current"]) == ("0.00", "1500.25")

    intermediate = figures.collect(Report.Kind.INTERMEDIATE, 2, "fr")
    assert intermediate["period"]["start"] == "2019-01-01"
    assert find_deliverable(intermediate, records["deliverable"].pk)["achieved_period"] == 3

    final = figures.collect(Report.Kind.FINAL, None, "fr")
    assert final["period"]["semesters"] == [1, 2, 3, 4, 5]
    assert expenditure_row(final, "PACA", CostCategory.EXTERNAL)["cumulative"] == "1299.50"
    assert final["committees"]["counts"]["in_person"] == 2


def test_names_are_in_the_report_language(records):  # noqa: F811
    deliverable = records["deliverable"]
    fr = find_deliverable(figures.collect(Report.Kind.SEMESTRIAL, 2, "fr"), deliverable.pk)
    it = find_deliverable(figures.collect(Report.Kind.SEMESTRIAL, 2, "it"), deliverable.pk)
    assert (fr["name"], it["name"]) == (deliverable.name_fr, deliverable.name_it or deliverable.name_fr)


def test_focus_groups_come_from_the_focusgroups_indicators(records, monkeypatch):  # noqa: F811
    """Focus groups held per study, as the focusgroups app counts them for the period."""
    held = {("3.2", S2_DAY): 2, ("3.3", datetime.date(2019, 2, 1)): 1, ("5.2", datetime.date(2020, 5, 1)): 4}

    def sessions_held(study_code):
        def count(start, end, territory=None):
            return sum(n for (code, day), n in held.items() if code == study_code and start <= day <= end)

        return count

    for code in ("3.2", "3.3", "5.2"):
        replace_indicator(monkeypatch, f"focusgroups.held.{code}", sessions_held(code))
    data = figures.collect(Report.Kind.SEMESTRIAL, 2, "fr")
    rows = {r["key"]: (r["period"], r["cumulative"]) for r in data["focus_groups"]}
    assert rows == {"3.2": (2, 2), "3.3": (0, 1), "5.2": (0, 0)}


def test_figure_collection_queries_do_not_grow_with_data(records):  # noqa: F811
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            figures.collect(Report.Kind.SEMESTRIAL, 2, "fr")
        return len(ctx)

    before = count()
    for i in range(30):
        expenditure("LIG", 2, CostCategory.values[i % 5], "10.00")
        expenditure("PACA", 1, CostCategory.values[i % 5], "5.00")
        evidence(records["deliverable"], S2_DAY, 1)
    for i in range(5):
        make_meeting(10 + i, kind=Meeting.Kind.VIDEOCONFERENCE, date=datetime.date(2019, 8, 1 + i))
    monitoring("LIG", 2, "Problème", "Action")
    after = count()
    assert after == before
    # Each registered indicator is read over three spans and broken down by country, region and
    # partner: the count grows with the indicators and territories, never with the records.
    assert before <= 200


def test_a_period_that_has_not_started_is_refused(records, monkeypatch):  # noqa: F811
    monkeypatch.setattr(periods, "today", lambda: datetime.date(2019, 5, 2))
    for language in ("fr", "it"):
        with translation.override(language), pytest.raises(ValidationError) as exc:
            request_report(Report.Kind.SEMESTRIAL, 2, "fr", actor=records["lead"])
        with translation.override(language):
            expected = gettext(
                "This period starts on %(date)s and has not started yet: a report can only be made "
                "for a period that has started. Choose an earlier period."
            ) % {"date": date_format(datetime.date(2019, 7, 1), "DATE_FORMAT")}
        assert exc.value.messages == [expected]
    assert not Report.objects.exists()
    # The running semester is accepted (its figures run to date).
    assert request_report(Report.Kind.SEMESTRIAL, 1, "it", actor=records["lead"]).period_index == 1


def test_unknown_periods_and_choices_are_refused(records):  # noqa: F811
    lead = records["lead"]
    with pytest.raises(ValidationError) as exc:
        request_report(Report.Kind.SEMESTRIAL, 9, "fr", actor=lead)
    assert "semester" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        request_report(Report.Kind.ANNUAL, 7, "fr", actor=lead)
    assert "year" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        request_report("weekly", 1, "de", actor=lead)
    assert set(exc.value.message_dict) == {"kind", "language"}
    assert not Report.objects.exists()


def test_only_lead_partner_staff_request_reports(people):  # noqa: F811
    for who in ("partner", "outsider"):
        with pytest.raises(PermissionDenied):
            request_report(Report.Kind.SEMESTRIAL, 1, "fr", actor=people[who])
    assert not Report.objects.exists()


def test_implementing_body_expenditure_rolls_up_under_its_partner(records):  # noqa: F811
    from circuito.accounts.models import Organisation

    body = Organisation.objects.filter(delegating_partner=org("PACA")).first()
    assert body is not None
    expenditure("PACA", 2, CostCategory.EQUIPMENT, "40.00", entered_by_organisation=body)
    data = figures.collect(Report.Kind.SEMESTRIAL, 2, "fr")
    assert expenditure_row(data, "PACA", CostCategory.EQUIPMENT)["current"] == "40.00"
    assert data["expenditure"]["totals"]["current"] == "840.75"
    assert body.partner_code not in {p["code"] for p in data["expenditure"]["partners"]}


def test_focus_groups_held_are_counted_from_the_sessions(records):  # noqa: F811
    """With the focusgroups app's records: held sessions of each study, in the period and since
    the start; planned ones are left out."""
    pytest.importorskip("focusgroups.indicators")
    from tests.focusgroups.factories import SessionFactory, StudyFactory, TemplateVersionFactory

    study_32, study_33 = StudyFactory(code="3.2"), StudyFactory(code="3.3")
    versions = {s.pk: TemplateVersionFactory(template__study=s) for s in (study_32, study_33)}
    for study, day, status in (
        (study_32, S2_DAY, "held"),
        (study_32, datetime.date(2019, 11, 5), "validated"),
        (study_32, datetime.date(2019, 11, 6), "planned"),
        (study_33, datetime.date(2019, 2, 1), "held"),
        (study_33, datetime.date(2020, 3, 1), "held"),
    ):
        extra = {"validated_at": timezone.now(), "submitted_at": timezone.now()} if status == "validated" else {}
        SessionFactory(study=study, template_version=versions[study.pk], date=day, status=status, **extra)
    data = figures.collect(Report.Kind.SEMESTRIAL, 2, "fr")
    rows = {r["key"]: (r["period"], r["cumulative"]) for r in data["focus_groups"]}
    assert rows == {"3.2": (2, 2), "3.3": (0, 1), "5.2": (0, 0)}
