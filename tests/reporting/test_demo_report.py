"""The demo as the lead partner sees it: the project calendar runs over today, every demo record is
dated inside it, and a report of the running semester shows what the portal's pages show."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from reporting import periods

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # the demo refuses to run with DEBUG off
    call_command("load_territories", "--alcotra-only", verbosity=0)
    for name in settings.REFERENCE_DATA_COMMANDS:
        if name != "load_territories":
            call_command(name, verbosity=0)
    call_command("load_demo", verbosity=0)


def _dates(model, field: str, **filters) -> list[datetime.date]:
    values = model.objects.filter(**filters).values_list(field, flat=True)
    return [timezone.localdate(v) if isinstance(v, datetime.datetime) else v for v in values if v is not None]


def test_every_demo_record_is_dated_inside_the_calendar(demo):
    from bourseflux.models import Flow, SynergyStageChange
    from focusgroups.models import Response, Session
    from reporting.models import DeliverableEvidence, ExpenditureLine, Meeting, MonitoringReport
    from tierslieux.models import Event, Place, Seminar

    edition = periods.current_edition()
    today = periods.today()
    assert edition.number == 2 and edition.start <= today <= edition.end
    dated = {
        "sessions": _dates(Session, "date"),
        "places": _dates(Place, "created_at"),
        "flows": _dates(Flow, "published_at"),
        "synergies": _dates(SynergyStageChange, "at"),
        "events": _dates(Event, "starts_at"),
        "seminars": _dates(Seminar, "date"),
        "questionnaire responses": _dates(Response, "submitted_at"),
        "committees": _dates(Meeting, "date"),
        "expenditure": _dates(ExpenditureLine, "date_incurred"),
        "monitoring forms": _dates(MonitoringReport, "submitted_at"),
        "evidence": _dates(DeliverableEvidence, "date"),
    }
    for name, days in dated.items():
        assert days, f"no demo {name}"
        outside = [d for d in days if d not in edition]
        assert not outside, f"demo {name} dated outside {edition.start}–{edition.end}: {outside}"
    first, last = edition.first_index, edition.last_index
    for model in (ExpenditureLine, MonitoringReport):
        assert set(model.objects.values_list("period", flat=True)) <= set(range(first, last + 1))


def _shown(client, url: str, key: str = "page", **query) -> list:
    """The records a portal page shows (all of them, not one page of them)."""
    response = client.get(url, query)
    assert response.status_code == 200, url
    shown = response.context[key]
    return list(shown.paginator.object_list if hasattr(shown, "paginator") else shown)


def _day(value) -> datetime.date:
    return timezone.localdate(value) if isinstance(value, datetime.datetime) else value


def _count(objects, field: str, start: datetime.date, end: datetime.date, keep=lambda o: True) -> int:
    return sum(1 for o in objects if getattr(o, field) and start <= _day(getattr(o, field)) <= end and keep(o))


@pytest.mark.parametrize("language", ["fr", "it"])
def test_the_demo_report_of_the_running_semester_shows_what_the_portal_shows(
    demo, client, django_capture_on_commit_callbacks, language
):
    from django.urls import reverse

    from circuito.accounts.models import User
    from focusgroups.models import Session
    from reporting.models import Meeting, Report
    from reporting.services.reports import request_report
    from tests.reporting.factories_reports import pdf_text, sheets

    lead = User.objects.get(email="lead@circuito.test")
    running = periods.current_period()
    edition = periods.current_edition()
    with django_capture_on_commit_callbacks(execute=True):
        report = request_report(Report.Kind.SEMESTRIAL, running.index, language, actor=lead)
    report.refresh_from_db()
    assert report.status == Report.Status.READY
    key = {row["key"]: row for row in report.figures["key_figures"]}

    client.force_login(User.objects.get(email="admin@circuito.test"))  # sees every page
    today = periods.today()
    spans = {"period": (running.start, running.end), "cumulative": (edition.start, running.end)}
    pages = {
        "places": (_shown(client, reverse("tierslieux:directory")), "created_at", lambda o: True),
        "flows_mapped": (_shown(client, reverse("bourseflux:flow_list")), "published_at", lambda o: True),
        "synergies_implemented": (
            _shown(client, reverse("bourseflux:synergy_list"), stage="implemented"),
            "stage_changed_at",
            lambda o: True,
        ),
        "focus_groups": (
            _shown(client, reverse("focusgroups:session_list")),
            "date",
            lambda o: o.status in Session.HELD_OR_BEYOND,
        ),
        "referent_seminars": (
            _shown(client, reverse("tierslieux:seminar_list"), "seminars"),
            "date",
            lambda o: o.date <= today,
        ),
        "events": (_shown(client, reverse("tierslieux:event_past")), "starts_at", lambda o: True),
        "committees": (
            _shown(client, reverse("reporting:meeting_list")),
            "date",
            lambda o: o.date <= today and o.minutes_status == Meeting.MinutesStatus.APPROVED,
        ),
    }
    for name, (objects, field, keep) in pages.items():
        for column, (start, end) in spans.items():
            assert key[name][column] == _count(objects, field, start, end, keep), f"{name} ({column})"
        assert key[name]["period"] > 0, f"the running semester has {name}"

    # Expenditure: the overview page's declared amounts, in the running semester and since the start.
    overview = client.get(reverse("reporting:expenditure_overview")).context
    position = [s.index for s in overview["semesters"]].index(running.index)
    current = sum((row["per_period"][position] or 0) for row in overview["rows"])
    cumulative = sum(f.declared for f in overview["figures"])
    totals = report.figures["expenditure"]["totals"]
    assert (Decimal(totals["current"]), Decimal(totals["cumulative"])) == (current, cumulative)
    assert current > 0

    # The files say the same, in the report's language.
    text = pdf_text(report)
    book = sheets(report.xlsx.open("rb").read())
    rows = {r[0]: r[1:] for r in book["Key figures"].iter_rows(min_row=2, values_only=True)}
    from django.utils import translation

    from reporting.exporters import labels

    with translation.override(language):
        for name in pages:
            label = labels.row_label(name)
            assert rows[label] == (key[name]["previous"], key[name]["period"], key[name]["cumulative"])
            assert label in text
        assert labels.money(totals["current"]) in text
