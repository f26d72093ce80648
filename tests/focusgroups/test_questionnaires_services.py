"""Services of online questionnaires: creation, recipients, sending, answers, submission."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from circuito.audit.models import AuditEntry
from focusgroups.models import Invitation, Response, TemplateVersion
from focusgroups.services import questionnaires as services
from tests.focusgroups.factories import TemplateVersionFactory
from tests.focusgroups.factories_questionnaires import InvitationFactory, questionnaire_for
from tests.focusgroups.factories_sessions import build_world


@pytest.fixture
def world(db):
    return build_world()


def _data(**kwargs):
    return {"title_fr": "Enquête", "title_it": "Indagine", "allow_public": True, **kwargs}


def test_coordinator_creates_a_questionnaire_with_an_audit_entry(world):
    questionnaire = services.create_questionnaire(world.version, _data(), actor=world.coordinator)
    assert questionnaire.study == world.study and questionnaire.organiser == world.paca
    assert len(questionnaire.public_token) >= 32 and questionnaire.allow_public
    assert AuditEntry.objects.filter(action="focusgroups.questionnaire_created").count() == 1


def test_only_the_coordinator_creates_and_only_from_a_published_version(world):
    with pytest.raises(ValidationError):
        services.create_questionnaire(world.version, _data(), actor=world.owner)
    draft = TemplateVersionFactory(
        template=world.version.template, number=9, status=TemplateVersion.Status.DRAFT, published_at=None
    )
    with pytest.raises(ValidationError) as exc:
        services.create_questionnaire(draft, _data(), actor=world.coordinator)
    assert "template_version" in exc.value.message_dict


def test_closing_date_must_follow_opening(world):
    now = timezone.now()
    with translation.override("it"), pytest.raises(ValidationError) as exc:
        services.create_questionnaire(
            world.version, _data(opens_at=now, closes_at=now - datetime.timedelta(days=1)), actor=world.coordinator
        )
    with translation.override("it"):
        assert exc.value.message_dict["closes_at"] == [
            translation.gettext("The closing date must come after the opening date.")
        ]


def test_recipients_pasted_with_organisation_and_language(world):
    questionnaire = questionnaire_for(world)
    recipients = services.parse_recipients(
        "a@example.org; Fiori Srl; it\nb@example.org\tBoulangerie\n\nC@Example.org", "fr"
    )
    added, skipped = services.add_recipients(questionnaire, recipients, actor=world.coordinator)
    assert added == 3 and skipped == []
    a = Invitation.objects.get(email="a@example.org")
    assert (a.organisation_name, a.language) == ("Fiori Srl", "it")
    assert Invitation.objects.get(email="c@example.org").language == "fr"
    added, skipped = services.add_recipients(
        questionnaire, services.parse_recipients("a@example.org", "fr"), actor=world.coordinator
    )
    assert added == 0 and skipped == ["a@example.org"]


def test_bad_addresses_are_named_by_line(world):
    with translation.override("fr"), pytest.raises(ValidationError) as exc:
        services.parse_recipients("ok@example.org\nnot-an-address", "fr")
    assert "2" in exc.value.message_dict["recipients"][0]


def test_links_sent_in_each_recipient_language(world):
    questionnaire = questionnaire_for(world)
    InvitationFactory(questionnaire=questionnaire, language="it", email="it@example.org")
    InvitationFactory(questionnaire=questionnaire, language="fr", email="fr@example.org")
    assert services.send_invitations(questionnaire, actor=world.coordinator) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "/it/focus-groups/q/" in by_address["it@example.org"].body
    assert "Questionario imprese" in by_address["it@example.org"].subject
    assert "/fr/focus-groups/q/" in by_address["fr@example.org"].body
    assert not Invitation.objects.filter(sent_at__isnull=True).exists()
    with pytest.raises(ValidationError):  # nothing left to send
        services.send_invitations(questionnaire, actor=world.coordinator)


def test_close_early(world):
    questionnaire = questionnaire_for(world)
    services.close_questionnaire(questionnaire, actor=world.coordinator)
    assert services.state(questionnaire) == services.State.CLOSED
    with pytest.raises(ValidationError):
        services.close_questionnaire(questionnaire, actor=world.coordinator)


def _answer_all(response, world):
    first, second = services.sections_of(response.questionnaire)
    q = world.questions
    services.save_section(response, first, {q["text"].pk: "Les normes", q["single"].pk: "rules"}, step=1, require=True)
    services.save_section(response, second, {q["scale"].pk: "4", q["number"].pk: "3,5"}, step=2, require=True)


def test_personal_link_answers_once(world):
    questionnaire = questionnaire_for(world)
    invitation = InvitationFactory(questionnaire=questionnaire)
    profile = {"organisation": "Fiori", "category": "company", "country": "IT", "territory": None}
    response = services.start_response(questionnaire, profile, language="it", invitation=invitation)
    assert services.start_response(questionnaire, profile, language="it", invitation=invitation) == response
    _answer_all(response, world)
    services.submit_response(response)
    invitation.refresh_from_db()
    assert invitation.used_at is not None
    assert response.answers.get(question=world.questions["number"]).value == 3.5
    with pytest.raises(ValidationError):
        services.submit_response(response)
    with pytest.raises(ValidationError):
        services.save_section(response, services.sections_of(questionnaire)[0], {}, step=1, require=False)
    assert AuditEntry.objects.filter(action="focusgroups.response_submitted").count() == 1


def test_required_and_range_checked_per_section(world):
    questionnaire = questionnaire_for(world)
    response = services.start_response(questionnaire, {"category": "company", "country": "FR"}, language="fr")
    first, second = services.sections_of(questionnaire)
    with pytest.raises(ValidationError) as exc:
        services.save_section(response, first, {}, step=1, require=True)
    assert str(world.questions["text"].pk) in exc.value.message_dict
    services.save_section(response, first, {}, step=1, require=False)  # a draft may leave it empty
    with pytest.raises(ValidationError) as exc:
        services.save_section(response, second, {world.questions["scale"].pk: "7"}, step=2, require=False)
    assert str(world.questions["scale"].pk) in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:  # the required answer of section 1 is still missing
        services.submit_response(response)
    assert exc.value.error_list[0].code == f"section:{first.pk}"


def test_no_answer_on_a_closed_questionnaire(world):
    questionnaire = questionnaire_for(world, closes_at=timezone.now() - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError):
        services.start_response(questionnaire, {"category": "company", "country": "FR"}, language="fr")
    assert not Response.objects.exists()


def test_public_response_refused_without_public_link(world):
    questionnaire = questionnaire_for(world, allow_public=False)
    with pytest.raises(ValidationError):
        services.start_response(questionnaire, {"category": "company", "country": "FR"}, language="fr")
