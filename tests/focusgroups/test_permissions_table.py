"""Who may see and change templates, sessions, participants, questionnaires and responses, person
by person: the visitor, a company member, the study's coordinator (through an implementing body),
the organising partner's staff (directly and through a body), another partner's staff and a
superuser; drafts against published template versions; sessions in every status."""

import datetime as dt

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from circuito.nace.models import NaceActivity
from focusgroups import permissions as perms
from focusgroups.models import ConsentText, Response, Session, TemplateVersion
from tests.access import fresh, outcome
from tests.focusgroups.factories import (
    ParticipantFactory,
    QuestionTemplateFactory,
    SessionFactory,
    StudyFactory,
    TemplateVersionFactory,
)
from tests.focusgroups.factories_questionnaires import (
    InvitationFactory,
    QuestionnaireFactory,
    ResponseFactory,
    questionnaire_for,
)
from tests.focusgroups.factories_sessions import build_world, superuser

pytestmark = pytest.mark.django_db
NOON = dt.datetime(2026, 3, 13, 12, 0, tzinfo=dt.UTC)

PEOPLE = ["visitor", "outsider", "coordinator", "owner", "colleague", "other_partner", "superuser"]
STAFF = {"coordinator", "owner", "colleague", "other_partner", "superuser"}
COORDINATORS = {"coordinator", "superuser"}
ORGANISERS = {"owner", "colleague", "superuser"}


@pytest.fixture
def world():
    w = build_world()
    people = {
        "visitor": AnonymousUser(),
        "outsider": w.outsider,
        "coordinator": w.coordinator,
        "owner": w.owner,
        "colleague": w.colleague,
        "other_partner": w.other_partner,
        "superuser": superuser(),
    }
    return w, people


def table(people, check) -> dict[str, object]:
    return {who: check(fresh(people[who])) for who in PEOPLE}


def test_roles_of_each_person(world):
    w, people = world
    other_study = StudyFactory(code="5.2", coordinator=w.pie)
    assert table(people, perms.is_staff_member) == {who: who in STAFF for who in PEOPLE}
    assert table(people, lambda u: outcome(lambda: perms.require_staff(u))) == {
        who: None if who in STAFF else 403 for who in PEOPLE
    }
    assert table(people, lambda u: perms.is_coordinator(u, w.study)) == {who: who in COORDINATORS for who in PEOPLE}
    assert table(people, lambda u: perms.is_coordinator(u, other_study)) == {
        who: who in {"other_partner", "superuser"} for who in PEOPLE
    }
    assert table(people, lambda u: set(perms.coordinated_studies(u))) == {
        "visitor": set(),
        "outsider": set(),
        "coordinator": {w.study},
        "owner": set(),
        "colleague": set(),
        "other_partner": {other_study},
        "superuser": {w.study, other_study},
    }
    assert table(people, perms.may_create_session) == {who: who in STAFF for who in PEOPLE}
    assert table(people, perms.may_create_questionnaire) == {
        who: who in {"coordinator", "other_partner", "superuser"} for who in PEOPLE
    }


def test_template_access_published_and_draft(world):
    w, people = world
    published = w.version.template
    draft = TemplateVersionFactory(template=QuestionTemplateFactory(study=w.study), status="draft", published_at=None)
    unrelated = QuestionTemplateFactory(study=StudyFactory(code="5.2", coordinator=w.pie))
    TemplateVersionFactory(template=unrelated, status="draft", published_at=None)
    assert table(people, lambda u: set(perms.visible_templates(u))) == {
        who: {published, draft.template, unrelated}
        if who == "superuser"
        else {published, draft.template}
        if who == "coordinator"
        else {published, unrelated}
        if who == "other_partner"
        else {published}
        if who in STAFF
        else set()
        for who in PEOPLE
    }
    read = {who: 403 if who not in STAFF else perms.TemplateAccess(published, who in COORDINATORS) for who in PEOPLE}
    assert table(people, lambda u: outcome(lambda: perms.get_template(published.pk, u))) == read
    assert table(people, lambda u: outcome(lambda: perms.get_template(published.pk, u, edit=True))) == {
        who: perms.TemplateAccess(published, True) if who in COORDINATORS else 403 for who in PEOPLE
    }
    assert table(people, lambda u: outcome(lambda: perms.get_template(draft.template.pk, u))) == {
        who: 403 if who not in STAFF else perms.TemplateAccess(draft.template, True) if who in COORDINATORS else 404
        for who in PEOPLE
    }
    with pytest.raises(Http404):
        perms.get_template(987654, people["superuser"])


def test_drafts_of_a_template_only_for_its_coordinator(world):
    w, people = world
    template = w.version.template
    draft = TemplateVersionFactory(template=template, status=TemplateVersion.Status.DRAFT, published_at=None)
    assert table(people, lambda u: set(perms.visible_versions(u, template))) == {
        who: {w.version, draft} if who in COORDINATORS else {w.version} for who in PEOPLE
    }


def test_session_access_by_person_and_status(world):
    w, people = world
    for status in Session.Status.values:
        Session.objects.filter(pk=w.session.pk).update(
            status=status, submitted_at=NOON, validated_at=NOON, return_comment="Add the attendance sheet."
        )
        editable = status in Session.EDITABLE
        seen = table(people, lambda u: outcome(lambda: perms.get_session(w.session.pk, u)))
        assert seen == {
            who: 403
            if who not in STAFF
            else perms.SessionAccess(
                seen[who].session, editable and who in ORGANISERS, who in ORGANISERS, who in COORDINATORS
            )
            if who in ORGANISERS | COORDINATORS
            else 404
            for who in PEOPLE
        }, status
        if "superuser" in seen:
            assert seen["superuser"].session == w.session
        edited = table(people, lambda u: outcome(lambda: perms.get_session(w.session.pk, u, edit=True)))
        assert {who: value if isinstance(value, int) else "ok" for who, value in edited.items()} == {
            who: 403
            if who not in STAFF
            else "ok"
            if editable and who in ORGANISERS
            else 403
            if who in ORGANISERS | COORDINATORS
            else 404
            for who in PEOPLE
        }, status
    with pytest.raises(Http404):
        perms.get_session(987654, people["superuser"])


def test_session_access_of_a_visitor_is_refused_without_the_staff_check(world):
    w, people = world
    with pytest.raises(Http404):
        perms.session_access(AnonymousUser(), w.session)
    assert perms.session_access(fresh(people["owner"]), w.session) == perms.SessionAccess(w.session, True, True, False)


def test_visible_sessions_by_person(world):
    w, people = world
    pie_session = SessionFactory(study=w.study, template_version=w.version, organiser=w.pie)
    elsewhere = SessionFactory(
        study=StudyFactory(code="5.2", coordinator=w.lig), organiser=w.lig, template_version=w.version
    )
    assert table(people, lambda u: set(perms.visible_sessions(u))) == {
        "visitor": set(),
        "outsider": set(),
        "coordinator": {w.session, pie_session},
        "owner": {w.session, elsewhere},
        "colleague": {w.session, elsewhere},
        "other_partner": {pie_session},
        "superuser": {w.session, pie_session, elsewhere},
    }


def test_participants_follow_their_session(world):
    w, people = world
    participant = ParticipantFactory(session=w.session)
    got = table(people, lambda u: outcome(lambda: perms.get_participant(participant.pk, u)))
    assert {who: value if isinstance(value, int) else value[0] for who, value in got.items()} == {
        who: 403 if who not in STAFF else participant if who in ORGANISERS | COORDINATORS else 404 for who in PEOPLE
    }
    owner_view = got["owner"]
    assert owner_view[1].can_edit is True and owner_view[0].session == w.session
    assert table(people, lambda u: outcome(lambda: perms.get_participant(participant.pk, u, edit=True)[0])) == {
        who: 403 if who not in STAFF else participant if who in ORGANISERS else 403 if who == "coordinator" else 404
        for who in PEOPLE
    }
    with pytest.raises(Http404):
        perms.get_participant(987654, people["superuser"])


def test_questionnaires_and_responses_only_for_the_coordinator(world):
    w, people = world
    questionnaire = questionnaire_for(w)
    other = QuestionnaireFactory(
        study=StudyFactory(code="5.2", coordinator=w.pie), template_version=w.version, organiser=w.pie
    )
    response = ResponseFactory(questionnaire=questionnaire)
    assert table(people, lambda u: set(perms.visible_questionnaires(u))) == {
        who: {questionnaire, other}
        if who == "superuser"
        else {questionnaire}
        if who == "coordinator"
        else {other}
        if who == "other_partner"
        else set()
        for who in PEOPLE
    }
    assert table(people, lambda u: outcome(lambda: perms.get_questionnaire(questionnaire.pk, u))) == {
        who: 403 if who not in STAFF else questionnaire if who in COORDINATORS else 404 for who in PEOPLE
    }
    got = table(people, lambda u: outcome(lambda: perms.get_questionnaire_response(response.pk, u)))
    assert got == {who: 403 if who not in STAFF else response if who in COORDINATORS else 404 for who in PEOPLE}
    assert got["coordinator"].questionnaire == questionnaire
    for pk in (987654,):
        with pytest.raises(Http404):
            perms.get_questionnaire(pk, people["superuser"])
        with pytest.raises(Http404):
            perms.get_questionnaire_response(pk, people["superuser"])


def test_pages_get_what_they_show_in_a_fixed_number_of_queries(world, django_assert_num_queries):
    w, people = world
    boss = people["superuser"]
    session = w.session
    participant = ParticipantFactory(
        session=session, consent_text=ConsentText.objects.get(language="fr"), consent_at=NOON
    )
    questionnaire = questionnaire_for(w)
    response = ResponseFactory(questionnaire=questionnaire, invitation=InvitationFactory(questionnaire=questionnaire))
    Session.objects.filter(pk=session.pk).update(
        nace=NaceActivity.objects.create(code="62", level="division", label="IT")
    )
    Response.objects.filter(pk=response.pk).update(territory=session.department)
    with django_assert_num_queries(1):
        shown = perms.get_template(w.version.template_id, boss).template
        assert shown.study.coordinator.partner_code == "PACA"
    with django_assert_num_queries(1):
        shown = perms.get_session(session.pk, boss).session
        assert (
            shown.study.coordinator.partner_code,
            shown.template_version.template.pk,
            shown.organiser.partner_code,
            shown.region.pk,
            shown.department.pk,
            shown.nace.code,
        ) == ("PACA", w.version.template_id, "LIG", session.region_id, session.department_id, "62")
    with django_assert_num_queries(3):  # the participant's session, the session, the participant
        shown, access = perms.get_participant(participant.pk, boss)
        assert (shown.consent_text.language, shown.session.organiser.partner_code, access.is_organiser) == (
            "fr",
            "LIG",
            True,
        )
    with django_assert_num_queries(1):
        shown = perms.get_questionnaire(questionnaire.pk, boss)
        assert (shown.study.coordinator.partner_code, shown.template_version.template.pk, shown.organiser.pk) == (
            "PACA",
            w.version.template_id,
            w.paca.pk,
        )
    with django_assert_num_queries(3):  # the response's questionnaire, the questionnaire, the response
        shown = perms.get_questionnaire_response(response.pk, boss)
        assert (shown.invitation.email, shown.territory.pk, shown.questionnaire.study.code) == (
            response.invitation.email,
            session.department_id,
            "3.2",
        )
