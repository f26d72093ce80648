"""Session workflow, consent rule, withdrawal, answer validation."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from circuito.audit.models import AuditEntry
from focusgroups.models import Answer, Participant, Quote, Session
from focusgroups.services import capture, participants, sessions
from tests.focusgroups.factories_sessions import build_world


@pytest.fixture
def world(db):
    return build_world()


def _ready(world):
    """A held session with an attending consenting participant and the required answer."""
    s = sessions.mark_held(world.session, actor=world.owner)
    p = participants.add_participant(
        s, {"organisation_name": "Acme", "category": "company", "country": "IT", "language": "it"}, actor=world.owner
    )
    capture.save_answer(s, world.questions["text"], "Troppa burocrazia", actor=world.owner)
    return s, p


def test_workflow_held_submitted_validated(world):
    s, _ = _ready(world)
    s = sessions.submit_session(s, actor=world.owner)
    assert s.status == Session.Status.SUBMITTED and s.submitted_by == world.owner
    with pytest.raises(ValidationError):
        sessions.validate_session(s, actor=world.owner)  # the organiser is not the coordinator
    s = sessions.validate_session(s, actor=world.coordinator)
    assert s.status == Session.Status.VALIDATED and s.validated_at
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"focusgroups.session_submitted", "focusgroups.session_validated"} <= actions


def test_returned_session_is_editable_again_and_needs_a_comment(world):
    s, _ = _ready(world)
    s = sessions.submit_session(s, actor=world.owner)
    with pytest.raises(ValidationError):
        capture.save_answer(s, world.questions["text"], "late change", actor=world.owner)
    with pytest.raises(ValidationError) as exc:
        sessions.return_session(s, "  ", actor=world.coordinator)
    assert "comment" in exc.value.message_dict
    s = sessions.return_session(s, "Ajoutez les citations", actor=world.coordinator)
    assert s.status == Session.Status.RETURNED and s.is_editable
    capture.save_answer(s, world.questions["text"], "corrected", actor=world.owner)
    assert sessions.submit_session(s, actor=world.owner).status == Session.Status.SUBMITTED


def test_named_participant_without_consent_blocks_submission(world):
    s, p = _ready(world)
    participants.update_participant(p, {"name": "Mario Rossi"}, actor=world.owner)
    with translation.override("it"), pytest.raises(ValidationError) as exc:
        sessions.submit_session(s, actor=world.owner)
    with translation.override("it"):
        expected = translation.gettext(
            "%(pseudonym)s (%(name)s) is named but their consent is not recorded: record it, or remove the name."
        ) % {"pseudonym": "P01", "name": "Mario Rossi"}
    assert exc.value.messages == [expected]
    participants.record_consent(p, actor=world.owner)
    p.refresh_from_db()
    assert p.consent_text.language == "it" and p.consent_at
    assert sessions.submit_session(s, actor=world.owner).status == Session.Status.SUBMITTED


def test_required_answer_missing_blocks_submission(world):
    s = sessions.mark_held(world.session, actor=world.owner)
    participants.add_participant(
        s, {"organisation_name": "A", "category": "company", "country": "IT", "language": "it"}, actor=world.owner
    )
    with pytest.raises(ValidationError) as exc:
        sessions.submit_session(s, actor=world.owner)
    assert len(exc.value.messages) == 1


def test_pseudonyms_are_stable_and_never_reused(world):
    data = {"organisation_name": "A", "category": "company", "country": "IT", "language": "it"}
    p1 = participants.add_participant(world.session, data, actor=world.owner)
    p2 = participants.add_participant(world.session, data, actor=world.owner)
    participants.remove_participant(p2, actor=world.owner)
    p3 = participants.add_participant(world.session, data, actor=world.owner)
    assert (p1.pseudonym, p3.pseudonym) == ("P01", "P03")


def test_withdrawal_excludes_participant_and_their_quotes(world):
    data = {"organisation_name": "A", "category": "company", "country": "IT", "language": "it"}
    p1 = participants.add_participant(world.session, data, actor=world.owner)
    p2 = participants.add_participant(world.session, data, actor=world.owner)
    participants.record_consent(p1, actor=world.owner)
    capture.add_quote(world.session, "Parole di P01", actor=world.owner, participant=p1)
    capture.add_quote(world.session, "Parole di P02", actor=world.owner, participant=p2)
    capture.add_quote(world.session, "Anonimo", actor=world.owner)
    participants.withdraw_participant(p1, actor=world.coordinator)
    assert list(Participant.objects.active()) == [p2]
    assert sorted(Quote.objects.active().values_list("text", flat=True)) == ["Anonimo", "Parole di P02"]
    actions = list(AuditEntry.objects.filter(object_id=str(p1.pk)).values_list("action", flat=True))
    assert "focusgroups.consent_given" in actions and "focusgroups.consent_withdrawn" in actions
    with pytest.raises(ValidationError):
        participants.withdraw_participant(p1, actor=world.owner)


def test_withdrawal_date_cannot_be_in_the_future(world):
    p = participants.add_participant(
        world.session, {"category": "company", "country": "IT", "language": "it"}, actor=world.owner
    )
    with pytest.raises(ValidationError):
        participants.withdraw_participant(p, actor=world.owner, when=timezone.now() + datetime.timedelta(days=2))


@pytest.mark.parametrize(
    ("kind", "raw", "stored"),
    [
        ("scale", "4", 4),
        ("number", "3,5", 3.5),
        ("number", "12", 12),
        ("yes_no", "no", False),
        ("single", "tech", "tech"),
        ("multiple", ["rules", "money"], ["rules", "money"]),
        ("text", "  ", None),
    ],
)
def test_save_answer_stores_typed_values(world, kind, raw, stored):
    answer = capture.save_answer(world.session, world.questions[kind], raw, "note", actor=world.owner)
    assert Answer.objects.get(pk=answer.pk).value == stored


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("scale", "7", "Give a whole number from 1 to 5."),
        ("number", "douze", "Type a number, e.g. 12 or 3,5."),
        ("single", "nope", "Choose among the choices offered."),
    ],
)
def test_save_answer_refuses_impossible_values_in_the_users_language(world, kind, raw, message):
    with translation.override("it"):
        with pytest.raises(ValidationError) as exc:
            capture.save_answer(world.session, world.questions[kind], raw, actor=world.owner)
        assert exc.value.messages == [translation.gettext(message)]
    assert not Answer.objects.exists()


def test_other_partner_cannot_capture(world):
    with pytest.raises(ValidationError):
        capture.save_answer(world.session, world.questions["text"], "x", actor=world.other_partner)


def test_concurrent_edit_is_refused(world):
    stale = world.session.updated_at
    sessions.update_session(world.session, {"place": "Genova"}, actor=world.owner, expected_updated_at=stale)
    with pytest.raises(ValidationError):
        sessions.update_session(world.session, {"place": "Imperia"}, actor=world.colleague, expected_updated_at=stale)
