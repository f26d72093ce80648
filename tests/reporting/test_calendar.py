"""The project calendar: the charter's first edition, follow-up editions added by the lead
partner without code, periods numbered across editions, the rules that keep records in their
periods, and who sees and edits the calendar."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from circuito.audit.models import AuditEntry
from reporting import periods
from reporting.demo import calendar as demo_calendar
from reporting.loaders import load_structure
from reporting.models import MonitoringReport, ProjectEdition
from reporting.services.calendar import save_edition
from tests.reporting.factories_reports import expenditure
from tests.reporting.factories_structure import org, outsider, people, structure  # noqa: F401

pytestmark = pytest.mark.django_db

SECOND = {"name_fr": "Phase de suivi", "name_it": "Fase di follow-up", "duration_months": 24, "period_months": 6}


def _add(lead, start=datetime.date(2022, 1, 1), **values):
    return save_edition(None, **{**SECOND, "start_date": start, **values}, actor=lead)


def test_the_charter_is_the_first_edition_and_a_reload_keeps_it(structure):  # noqa: F811
    lead, _partner = structure
    (first,) = ProjectEdition.objects.all()
    assert (first.number, first.start_date, first.duration_months, first.period_months) == (
        1,
        datetime.date(2019, 1, 1),
        30,
        6,
    )
    save_edition(
        first,
        name_fr="Édition 2019",
        name_it="Edizione 2019",
        start_date=first.start_date,
        duration_months=36,
        period_months=6,
        actor=lead,
    )
    load_structure()
    first.refresh_from_db()
    assert (first.duration_months, first.name_fr) == (36, "Édition 2019")
    assert [s.index for s in periods.semesters()] == [1, 2, 3, 4, 5, 6]


def test_a_new_edition_becomes_current_when_it_starts(structure, monkeypatch):  # noqa: F811
    lead, _partner = structure
    _add(lead, start=datetime.date(2022, 1, 1), period_months=3, duration_months=12)
    monkeypatch.setattr(periods, "today", lambda: datetime.date(2021, 12, 31))
    assert periods.current_edition().number == 1
    assert periods.current_period() is None  # between editions
    monkeypatch.setattr(periods, "today", lambda: datetime.date(2022, 5, 10))
    edition = periods.current_edition()
    assert (edition.number, edition.first_index, edition.last_index) == (2, 6, 9)
    quarters = periods.semesters()
    assert [(q.index, q.number, q.start, q.end) for q in quarters][:2] == [
        (6, 1, datetime.date(2022, 1, 1), datetime.date(2022, 3, 31)),
        (7, 2, datetime.date(2022, 4, 1), datetime.date(2022, 6, 30)),
    ]
    assert quarters[1].label == "Période 2 (mois 4–6)"
    assert periods.current_period().index == 7 and periods.current_month() == 5
    assert [y.start.year for y in periods.years()] == [2022]
    # The first edition's periods keep their numbers and dates: records made then stay there.
    assert periods.semester(3).start == datetime.date(2020, 1, 1) and periods.semester(3).edition == 1
    assert periods.period_for(datetime.date(2020, 7, 1)).index == 4
    assert AuditEntry.objects.filter(action="reporting.edition_add").count() == 1


def test_an_edition_cannot_overlap_its_neighbours_nor_start_mid_month(structure):  # noqa: F811
    lead, _partner = structure
    with pytest.raises(ValidationError) as exc:
        _add(lead, start=datetime.date(2021, 6, 1))
    assert set(exc.value.message_dict) == {"start_date"}
    with pytest.raises(ValidationError) as exc:
        _add(lead, start=datetime.date(2022, 1, 15))
    assert "start_date" in exc.value.message_dict
    second = _add(lead)
    first = ProjectEdition.objects.get(number=1)
    with pytest.raises(ValidationError) as exc:  # would end after the second one starts
        save_edition(first, **{**SECOND, "start_date": first.start_date, "duration_months": 40}, actor=lead)
    assert "duration_months" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:  # a follow-up keeps the numbers of the periods before it
        save_edition(first, **{**SECOND, "start_date": first.start_date, "duration_months": 24}, actor=lead)
    assert "duration_months" in exc.value.message_dict
    assert ProjectEdition.objects.count() == 2 and second.number == 2


def test_periods_holding_records_keep_their_dates(structure):  # noqa: F811
    lead, _partner = structure
    first = ProjectEdition.objects.get(number=1)
    expenditure("LIG", 3, "staff", "10.00")
    MonitoringReport.objects.create(partner=org("PACA"), period=4)
    values = {"name_fr": "CIRCUITO", "name_it": "", "start_date": first.start_date, "period_months": 6}
    for change in ({"start_date": datetime.date(2019, 2, 1)}, {"period_months": 3}):
        with pytest.raises(ValidationError) as exc:
            save_edition(first, **{**values, "duration_months": 30, **change}, actor=lead)
        assert "start_date" in exc.value.message_dict
    with pytest.raises(ValidationError):  # period 4 holds a form: the edition cannot end before it
        save_edition(first, **values, duration_months=18, actor=lead)
    save_edition(first, **values, duration_months=24, actor=lead)  # ends with period 4
    save_edition(first, **values, duration_months=42, actor=lead)  # an extension is always possible
    assert periods.semesters()[-1].index == 7


def test_only_lead_partner_staff_change_the_calendar(people, client):  # noqa: F811
    with pytest.raises(PermissionDenied):
        _add(people["partner"])
    edition = ProjectEdition.objects.get()
    client.force_login(people["partner"])
    page = client.get(reverse("reporting:calendar"))
    assert page.status_code == 200 and "2019" in page.content.decode()
    assert client.get(reverse("reporting:edition_add")).status_code == 403
    assert client.post(reverse("reporting:edition_edit", args=[edition.pk]), {}).status_code == 403
    client.force_login(people["outsider"])
    assert client.get(reverse("reporting:calendar")).status_code == 403
    client.logout()
    assert client.get(reverse("reporting:calendar")).status_code == 302


def test_lead_partner_staff_start_a_new_edition_from_the_page(people, client):  # noqa: F811
    client.force_login(people["lead"])
    form = client.get(reverse("reporting:edition_add")).content.decode()
    assert 'value="2021-07-01"' in form  # proposed: right after the last edition
    response = client.post(
        reverse("reporting:edition_add"),
        {**SECOND, "start_date": "2021-07-15"},
        HTTP_ACCEPT_LANGUAGE="it",
    )
    assert response.status_code == 400 and "premier jour d'un mois" in response.content.decode()
    response = client.post(reverse("reporting:edition_add"), {**SECOND, "start_date": "2021-07-01"})
    assert response.status_code == 302
    assert ProjectEdition.objects.get(number=2).name_it == "Fase di follow-up"
    page = client.get(reverse("reporting:calendar")).content.decode()
    assert "Phase de suivi" in page and "Semestre 1 (mois 1–6)" in page


def test_the_demo_runs_a_follow_up_phase_over_today(structure):  # noqa: F811
    demo_calendar.load(io.StringIO())
    demo_calendar.load(io.StringIO())  # once
    assert ProjectEdition.objects.count() == 2
    edition = periods.current_edition()
    today = periods.today()
    assert edition.number == 2 and edition.start <= today <= edition.end
    running = periods.current_period()
    assert running.number == 4 and running.start < today - datetime.timedelta(days=85)
