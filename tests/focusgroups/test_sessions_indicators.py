"""indicators.py: sessions held and validated, participants by category, questionnaire responses."""

import datetime

import pytest
from django.utils import timezone

from focusgroups import indicators
from focusgroups.models import Questionnaire, Response, Session
from tests.factories import RegionFactory
from tests.focusgroups.factories import ParticipantFactory, SessionFactory, StudyFactory
from tests.focusgroups.factories_sessions import build_world

START, END = datetime.date(2026, 1, 1), datetime.date(2026, 6, 30)


@pytest.fixture
def world(db):
    world = build_world()
    Session.objects.filter(pk=world.session.pk).update(
        status=Session.Status.VALIDATED, validated_at=timezone.now(), submitted_at=timezone.now()
    )
    return world


def test_sessions_held_and_validated_by_period_study_and_territory(world):
    fr = SessionFactory(
        study=world.study,
        template_version=world.version,
        organiser=world.paca,
        status="held",
        date=datetime.date(2026, 2, 1),
    )
    SessionFactory(study=world.study, template_version=world.version, organiser=world.paca, status="planned")
    SessionFactory(
        study=world.study,
        template_version=world.version,
        organiser=world.paca,
        status="held",
        date=datetime.date(2025, 12, 31),
    )
    assert indicators.sessions_held(START, END) == 2
    assert indicators.sessions_held(START, END, study_code="3.2") == 2
    assert indicators.sessions_held(START, END, study_code="3.3") == 0
    assert indicators.sessions_validated(START, END) == 1
    assert indicators.sessions_held(START, END, territory=world.session.region) == 1
    assert indicators.sessions_held(START, END, territory=fr.department) == 1
    italy = RegionFactory(
        level="country", code="IT", country="IT", name="Italia", name_fr="Italie", name_it="Italia", parent=None
    )
    assert indicators.sessions_held(START, END, territory=italy) == 1


def test_participants_by_category_leave_out_absent_and_withdrawn(world):
    ParticipantFactory(session=world.session, category="company")
    ParticipantFactory(session=world.session, category="company", attended=False)
    ParticipantFactory(session=world.session, category="research", withdrawn_at=timezone.now())
    ParticipantFactory(session=world.session, category="public")
    planned = SessionFactory(study=world.study, template_version=world.version, organiser=world.lig)
    ParticipantFactory(session=planned, category="company")
    assert indicators.participants_by_category(START, END) == {"research": 0, "company": 1, "public": 1, "other": 0}


def test_questionnaire_responses_submitted_in_period(world):
    q = Questionnaire.objects.create(study=world.study, template_version=world.version, title_fr="Q", public_token="t1")
    Response.objects.create(
        questionnaire=q, language="fr", resume_token="r1", submitted_at=timezone.now().replace(year=2026, month=3)
    )
    Response.objects.create(questionnaire=q, language="fr", resume_token="r2")
    assert indicators.questionnaire_responses(START, END) == 1
    assert indicators.questionnaire_responses(START, END, study_code="5.2") == 0
    assert StudyFactory(code="5.2", coordinator=world.pie)
