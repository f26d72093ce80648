"""The indicator registry: every app registers its indicators when it starts, reporting reads only
the registry, an unregistered key fails `manage.py check`, the lead partner can link any
registered indicator, and for every registered indicator the report's figure for a period equals
what the test counts from records dated inside and outside that period."""

import datetime
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse
from django.utils import timezone

from circuito import indicators
from circuito.accounts.models import Organisation
from circuito.audit.models import AuditEntry
from reporting import figures, sources
from reporting.forms_structure import DeliverableForm, IndicatorForm
from reporting.loaders import load_structure
from reporting.models import Deliverable, Indicator, Meeting, Report
from reporting.services.structure import update_deliverable, update_indicator
from tests.reporting.factories_structure import make_meeting, org, outsider, people, structure  # noqa: F401

pytestmark = pytest.mark.django_db

# Semester 2 of the charter's calendar (2019-07-01 – 2019-12-31); the project starts 2019-01-01.
START, END = datetime.date(2019, 7, 1), datetime.date(2019, 12, 31)
PROJECT_START = datetime.date(2019, 1, 1)
BEFORE = datetime.date(2018, 12, 15)  # before the project
S1 = datetime.date(2019, 3, 10)  # earlier in the project: cumulative only
IN_A, IN_B = datetime.date(2019, 9, 10), datetime.date(2019, 11, 20)
AFTER = datetime.date(2020, 2, 5)
DAYS = (BEFORE, S1, IN_A, IN_B, AFTER)

SEVEN_UNUSED = {
    "bourseflux.tonnes_diverted",
    "bourseflux.companies_involved",
    "focusgroups.validated",
    "focusgroups.questionnaire_responses",
    "tierslieux.event_participants",
    "tierslieux.cross_border_uses",
    "tierslieux.service_requests",
}


def at(day: datetime.date, hour: int = 15) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def counted(records: list[tuple[datetime.date, int]]) -> Callable[[datetime.date, datetime.date], float]:
    """What the test expects: the records' counts dated in [start, end]."""
    return lambda start, end: sum(n for day, n in records if start <= day <= end)


# --- one builder per indicator: records dated inside and outside the period, and what they count --


def _sessions(code: str):
    from tests.focusgroups.factories import SessionFactory, StudyFactory, TemplateVersionFactory

    study = StudyFactory(code=code)
    version = TemplateVersionFactory(template__study=study)
    statuses = ["held", "validated", "submitted", "validated", "returned"]  # all held
    for day, status in zip(DAYS, statuses, strict=True):
        extra = {"submitted_at": at(day)} if status in ("submitted", "validated") else {}
        if status == "validated":
            extra["validated_at"] = at(day)
        if status == "returned":
            extra.update(returned_at=at(day), return_comment="Feuille de présence manquante")
        SessionFactory(study=study, template_version=version, date=day, status=status, **extra)
    SessionFactory(study=study, template_version=version, date=IN_A, status="planned")  # not held
    other = StudyFactory(code="5.2" if code != "5.2" else "3.3")  # another study's session
    SessionFactory(
        study=other, template_version=TemplateVersionFactory(template__study=other), date=IN_A, status="held"
    )
    return counted([(day, 1) for day in DAYS])


def _validated():
    from tests.focusgroups.factories import SessionFactory, StudyFactory, TemplateVersionFactory

    study = StudyFactory(code="3.3")
    version = TemplateVersionFactory(template__study=study)
    records = []
    for day, validated in ((S1, True), (IN_A, True), (IN_B, False), (IN_B, True), (AFTER, True)):
        status = "validated" if validated else "held"
        extra = {"submitted_at": at(day), "validated_at": at(day)} if validated else {}
        SessionFactory(study=study, template_version=version, date=day, status=status, **extra)
        records.append((day, int(validated)))
    return counted(records)


def _participants():
    from tests.focusgroups.factories import ParticipantFactory, SessionFactory, StudyFactory, TemplateVersionFactory

    study = StudyFactory(code="3.3")
    version = TemplateVersionFactory(template__study=study)
    records = []
    for day, status, people_count in ((S1, "held", 2), (IN_A, "held", 3), (IN_B, "planned", 4), (AFTER, "held", 1)):
        session = SessionFactory(study=study, template_version=version, date=day, status=status)
        for _ in range(people_count):
            ParticipantFactory(session=session, attended=True)
        ParticipantFactory(session=session, attended=True, withdrawn_at=timezone.now())  # withdrawn
        records.append((day, people_count if status == "held" else 0))
    return counted(records)


def _responses():
    from tests.focusgroups.factories import StudyFactory, TemplateVersionFactory
    from tests.focusgroups.factories_questionnaires import QuestionnaireFactory, ResponseFactory

    study = StudyFactory(code="5.2")
    version = TemplateVersionFactory(template__study=study)
    questionnaire = QuestionnaireFactory(study=study, template_version=version, organiser=org("PACA"))
    for day in DAYS:
        ResponseFactory(questionnaire=questionnaire, submitted_at=at(day))
    ResponseFactory(questionnaire=questionnaire, submitted_at=None)  # started, never sent
    return counted([(day, 1) for day in DAYS])


def _places():
    from tests.tierslieux.factories import PlaceFactory
    from tierslieux.models import Place

    records = []
    for day, status in (
        (BEFORE, "published"),
        (S1, "published"),
        (IN_A, "published"),
        (IN_B, "draft"),
        (AFTER, "published"),
    ):
        place = PlaceFactory(status=status)
        Place.objects.filter(pk=place.pk).update(created_at=at(day))
        records.append((day, int(status == Place.Status.PUBLISHED)))
    return counted(records)


def _referents():
    from tests.factories import UserFactory
    from tests.tierslieux.factories_network import SeminarFactory

    a, b, c = UserFactory(), UserFactory(), UserFactory()
    attended = {S1: [a], IN_A: [a, b], IN_B: [b], AFTER: [c]}
    for day, users in attended.items():
        SeminarFactory(date=day).attendees.set(users)
    return lambda start, end: len({u.pk for day, users in attended.items() if start <= day <= end for u in users})


def _seminars():
    from tests.tierslieux.factories_network import SeminarFactory

    for day in DAYS:
        SeminarFactory(date=day)
    return counted([(day, 1) for day in DAYS])


def _events(kind: str | None):
    from tests.tierslieux.factories import EventFactory
    from tierslieux.models import Event

    records = []
    kinds = [Event.Kind.OPEN_INNOVATION, Event.Kind.TRAINING, Event.Kind.OPEN_INNOVATION, Event.Kind.TRAINING]
    for day, event_kind in zip(DAYS, [*kinds, Event.Kind.WEBINAR], strict=True):
        EventFactory(starts_at=at(day), kind=event_kind)
        records.append((day, int(kind is None or event_kind == kind)))
    EventFactory(starts_at=at(IN_A), kind=kind or Event.Kind.TRAINING, published=False)  # never published
    return counted(records)


def _event_participants():
    from tests.factories import UserFactory
    from tests.tierslieux.factories import EventFactory
    from tierslieux.models import Registration

    records = []
    for day, attended in ((S1, 2), (IN_A, 3), (IN_B, 1), (AFTER, 2)):
        event = EventFactory(starts_at=at(day))
        for n in range(attended + 1):
            Registration.objects.create(event=event, user=UserFactory(), attended=n < attended)
        records.append((day, attended))
    return counted(records)


def _b2b_meetings():
    from tests.factories import UserFactory
    from tests.tierslieux.factories import EventFactory
    from tierslieux.models import B2BMeeting, B2BRequest, B2BSlot, Registration

    records = []
    for day, meetings in ((S1, 1), (IN_A, 2), (AFTER, 1)):
        event = EventFactory(starts_at=at(day), b2b_enabled=True)
        slot = B2BSlot.objects.create(event=event, starts_at=at(day, 16), ends_at=at(day, 17))
        for _ in range(meetings):
            one, two = (Registration.objects.create(event=event, user=UserFactory()) for _ in range(2))
            request = B2BRequest.objects.create(event=event, requester=one, invitee=two, status="accepted")
            for seat in (one, two):
                B2BMeeting.objects.create(request=request, slot=slot, participant=seat)
        records.append((day, meetings))
    return counted(records)


def _requests(cross_border: bool):
    from tests.tierslieux.factories_requests import request_of, scene
    from tierslieux.models import ServiceRequest

    s = scene()
    records = []
    for day in DAYS:
        request = request_of(s, subject=f"Demande {day}")
        ServiceRequest.objects.filter(pk=request.pk).update(
            created_at=at(day), cross_border=True, status=ServiceRequest.Status.AGREED
        )
        # Agreed once, in the period after it was sent; a later "done" does not count again.
        for moment, status in ((at(day, 16), "agreed"), (at(AFTER, 9), "done")):
            entry = AuditEntry.objects.create(
                action="tierslieux.request_status", object_id=str(request.pk), changes={"status": ["new", status]}
            )
            AuditEntry.objects.filter(pk=entry.pk).update(created_at=moment)
        records.append((day, 1))
    return counted(records)


def _flows():
    from tests.bourseflux.factories import FlowFactory

    records = []
    for day in DAYS:
        FlowFactory(published_at=at(day))
        FlowFactory(published_at=at(day), direction="need", is_estimate=True)  # an estimate: left out
        records.append((day, 1))
    FlowFactory(published_at=None, status="draft")
    return counted(records)


def _synergies(stage: str):
    from bourseflux.models import SynergyStageChange
    from tests.bourseflux.factories import SynergyFactory

    records = []
    for day, to_stage in ((S1, stage), (IN_A, stage), (IN_B, "discussion"), (IN_B, stage), (AFTER, stage)):
        synergy = SynergyFactory(stage=to_stage)
        change = SynergyStageChange.objects.create(synergy=synergy, from_stage="", to_stage=to_stage)
        SynergyStageChange.objects.filter(pk=change.pk).update(at=at(day))
        records.append((day, int(to_stage == stage)))
    return counted(records)


def _tonnes():
    from bourseflux.models import SynergyStageChange
    from tests.bourseflux.factories import SynergyFactory

    records = []
    for day, tonnes, still in ((S1, 100.0, True), (IN_A, 450.0, True), (IN_B, 30.5, True), (IN_B, 70.0, False)):
        synergy = SynergyFactory(stage="implemented" if still else "abandoned", tonnes_per_year=tonnes)
        change = SynergyStageChange.objects.create(synergy=synergy, from_stage="trial", to_stage="implemented")
        SynergyStageChange.objects.filter(pk=change.pk).update(at=at(day))
        records.append((day, tonnes if still else 0))
    return counted(records)


def _co2e():
    from bourseflux.models import SynergyStageChange
    from tests.bourseflux.factories import SynergyFactory

    records = []
    for day, co2e, still in ((S1, 12.5, True), (IN_A, 40.0, True), (IN_B, 3.25, True), (IN_B, 9.0, False)):
        synergy = SynergyFactory(stage="implemented" if still else "abandoned", tonnes_per_year=1, co2e_avoided_t=co2e)
        change = SynergyStageChange.objects.create(synergy=synergy, from_stage="trial", to_stage="implemented")
        SynergyStageChange.objects.filter(pk=change.pk).update(at=at(day))
        records.append((day, co2e if still else 0))
    return counted(records)


def _value_exchanged():
    """Euros of the actual quantities of synergies implemented in the period (estimates have none)."""
    from decimal import Decimal

    from bourseflux.models import ActualQuantity, SynergyStageChange, Transaction
    from tests.bourseflux.factories import SynergyFactory

    records = []
    for day, euros in ((S1, "100.00"), (IN_A, "250.50"), (IN_B, "80.00"), (AFTER, "10.00")):
        synergy = SynergyFactory(stage="implemented", tonnes_per_year=500)
        change = SynergyStageChange.objects.create(synergy=synergy, from_stage="trial", to_stage="implemented")
        SynergyStageChange.objects.filter(pk=change.pk).update(at=at(day))
        deal = Transaction.objects.create(
            synergy=synergy,
            supplier=synergy.offer.organisation,
            receiver=synergy.need.organisation,
            material="Marc",
            quantity=10,
            unit="t",
            period="month",
            pricing="priced",
            price_eur=Decimal("10"),
            starts_on=day,
            logistics="pickup",
            transport="truck",
        )
        ActualQuantity.objects.create(
            transaction=deal, period_start=day, period_end=day, quantity=1, tonnes=1, amount_eur=Decimal(euros)
        )
        records.append((day, float(euros)))
    return counted(records)


def _companies():
    from tests.bourseflux.factories import FlowFactory

    published = {}
    for day in DAYS:
        flow = FlowFactory(published_at=at(day))
        FlowFactory(published_at=at(day), site=flow.site, direction="need")  # the same company again
        published[flow.organisation_id] = day
    return lambda start, end: len([c for c, day in published.items() if start <= day <= end])


def _awareness():
    from tests.bourseflux.factories_zones import MeetingFactory

    for day in DAYS:
        MeetingFactory(date=day)
    return counted([(day, 1) for day in DAYS])


def _committees(kind: str):
    records = []
    for number, (day, approved) in enumerate(((S1, True), (IN_A, True), (IN_B, False), (AFTER, True)), start=1):
        for meeting_kind in (Meeting.Kind.IN_PERSON, Meeting.Kind.VIDEOCONFERENCE):
            make_meeting(number, kind=meeting_kind, date=day, approved=approved)
        records.append((day, int(approved)))
    return counted(records)


def _structures():
    expected = Organisation.objects.filter(kind__in=["partner", "implementing_body"]).count()
    return lambda start, end: expected  # the partnership as it stands, whatever the dates


def _innovative_services():
    from tests.bourseflux.factories import FlowFactory, SynergyFactory
    from tests.tierslieux.factories import PlaceFactory
    from tierslieux.models import Place

    place = PlaceFactory()
    Place.objects.filter(pk=place.pk).update(created_at=at(S1))  # the Tiers-Lieux platform: semester 1
    FlowFactory(published_at=at(IN_A))  # the flow map: this semester
    synergy = SynergyFactory()  # the exchange: a synergy proposed after the period
    from bourseflux.models import SynergyStageChange

    change = SynergyStageChange.objects.create(synergy=synergy, from_stage="", to_stage="proposed")
    SynergyStageChange.objects.filter(pk=change.pk).update(at=at(AFTER))
    return counted([(S1, 1), (IN_A, 1), (AFTER, 1)])


BUILDERS: dict[str, Callable[[], Callable]] = {
    "focusgroups.held.3.2": lambda: _sessions("3.2"),
    "focusgroups.held.3.3": lambda: _sessions("3.3"),
    "focusgroups.held.5.2": lambda: _sessions("5.2"),
    "focusgroups.validated": _validated,
    "focusgroups.participants": _participants,
    "focusgroups.questionnaire_responses": _responses,
    "tierslieux.places": _places,
    "tierslieux.referents_trained": _referents,
    "tierslieux.seminars": _seminars,
    "tierslieux.events": lambda: _events(None),
    "tierslieux.events.open_innovation": lambda: _events("open_innovation"),
    "tierslieux.events.training": lambda: _events("training"),
    "tierslieux.event_participants": _event_participants,
    "tierslieux.b2b_meetings": _b2b_meetings,
    "tierslieux.service_requests": lambda: _requests(False),
    "tierslieux.cross_border_uses": lambda: _requests(True),
    "bourseflux.flows_mapped": _flows,
    "bourseflux.synergies_proposed": lambda: _synergies("proposed"),
    "bourseflux.synergies_implemented": lambda: _synergies("implemented"),
    "bourseflux.tonnes_diverted": _tonnes,
    "bourseflux.co2e_avoided": _co2e,
    "bourseflux.value_exchanged": _value_exchanged,
    "bourseflux.companies_involved": _companies,
    "bourseflux.awareness_meetings": _awareness,
    "committees.in_person": lambda: _committees("in_person"),
    "committees.videoconference": lambda: _committees("videoconference"),
    "structures.participating": _structures,
    "services.innovative": _innovative_services,
}


def test_every_registered_indicator_has_a_test_and_labels():
    registered = {i.key for i in indicators.registered()}
    assert registered == set(BUILDERS), "each registered indicator needs its records in BUILDERS"
    assert registered >= SEVEN_UNUSED
    for indicator in indicators.registered():
        assert indicator.label_fr and indicator.label_it and indicator.unit in indicators.UNITS
        assert indicator.app in indicator.key or indicator.app == "reporting"


@pytest.mark.parametrize("key", sorted(BUILDERS))
def test_the_report_figure_equals_the_records_of_the_period(structure, key):  # noqa: F811
    expect = BUILDERS[key]()
    assert expect(START, END) > 0, "records inside the period"
    data = figures.collect(Report.Kind.SEMESTRIAL, 2, "fr")
    row = next(r for r in data["registered"] if r["key"] == key)
    assert row["period"] == expect(START, END), f"{key}: period"
    assert row["cumulative"] == expect(PROJECT_START, END), f"{key}: since the start"
    assert row["label"] == indicators.get(key).label_fr


def test_an_unregistered_key_fails_the_system_check(structure, monkeypatch):  # noqa: F811
    call_command("check")  # the charter's sources are all registered
    Deliverable.objects.filter(activity__code="3.2", order=0).update(source="focusgroups.gone")
    with pytest.raises(SystemCheckError, match="focusgroups.gone"):
        call_command("check")
    Deliverable.objects.filter(activity__code="3.2", order=0).update(source="focusgroups.held.3.2")
    Indicator.objects.filter(code="I.1-result").update(source="nobody.registered")
    with pytest.raises(SystemCheckError, match="nobody.registered"):
        call_command("check")
    Indicator.objects.filter(code="I.1-result").update(source="services.innovative")
    monkeypatch.delitem(indicators._registry, "tierslieux.places")  # read by a report section
    with pytest.raises(SystemCheckError, match="tierslieux.places"):
        call_command("check")


def test_the_lead_partner_links_any_registered_indicator(people, client):  # noqa: F811
    lead = people["lead"]
    keys = {i.key for i in indicators.registered()}
    assert {key for key, _label in DeliverableForm().fields["source"].choices} == keys | {"manual"}
    assert {key for key, _label in IndicatorForm().fields["source"].choices} == keys | {""}
    deliverable = Deliverable.objects.get(activity__code="4.3", order=0)
    for key in sorted(SEVEN_UNUSED):
        update_deliverable(deliverable, target_count=5, due_month=None, responsible=None, source=key, actor=lead)
        deliverable.refresh_from_db()
        assert deliverable.source == key
    with pytest.raises(ValidationError) as exc:
        update_deliverable(deliverable, target_count=5, due_month=None, responsible=None, source="x.y", actor=lead)
    assert set(exc.value.message_dict) == {"source"}

    client.force_login(lead)
    indicator = Indicator.objects.get(code="I.1-output")
    url = reverse("reporting:indicator_edit", args=[indicator.pk])
    assert client.post(url, {"target": 13, "source": "bourseflux.companies_involved"}).status_code == 302
    indicator.refresh_from_db()
    assert indicator.source == "bourseflux.companies_involved"
    load_structure()  # a reload of the charter keeps the lead partner's choice
    indicator.refresh_from_db()
    deliverable.refresh_from_db()
    assert indicator.source == "bourseflux.companies_involved" and deliverable.source == sorted(SEVEN_UNUSED)[-1]
    update_indicator(indicator, target=13, source="", actor=lead)
    indicator.refresh_from_db()
    assert indicator.source == ""


def test_the_innovative_services_result_indicator_is_computed(structure):  # noqa: F811
    result = Indicator.objects.get(code="I.1-result")
    assert result.source == "services.innovative"
    _innovative_services()
    data = figures.collect(Report.Kind.SEMESTRIAL, 2, "fr")
    row = next(i for i in data["indicators"] if i["code"] == "I.1-result")
    assert (row["achieved_period"], row["achieved"]) == (1, 2)


def test_reporting_reads_the_registry_only():
    from pathlib import Path

    import reporting

    root = Path(reporting.__file__).parent
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import_module(" not in text or path.parent.name in ("management", "commands"), path
        for app in ("tierslieux", "bourseflux", "focusgroups"):
            assert f"from {app}" not in text and f"import {app}" not in text, f"{path} imports {app}"
    assert sources.compute("nobody.registered", START, END) is None
