"""Answer validation of the capture page and of questionnaires (focusgroups.services.capture):
every kind of question with what is stored for what was typed, every message a user sees, and who
may write (table-driven; hypothesis for the parsed scale and number)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation
from hypothesis import given
from hypothesis import strategies as st

from circuito.audit.models import AuditEntry
from focusgroups.models import Answer, Attachment, Question, Quote, Session
from focusgroups.services import capture, participants
from tests.focusgroups.factories_sessions import CHOICES, build_world, superuser

SCALE_MESSAGE = "Give a whole number from 1 to 5."
NUMBER_MESSAGE = "Type a number, e.g. 12 or 3,5."


def t(message: str, **values) -> str:
    """The message as the user reads it, in the active language."""
    text = translation.gettext(message)
    return text % values if values else text


def question(kind: str) -> Question:
    # clean_value reads only the kind and the choices: an unsaved question is enough.
    return Question(kind=kind, choices=CHOICES if kind in ("single", "multiple") else [])


def messages(raw, kind: str) -> list[str]:
    with pytest.raises(ValidationError) as exc:
        capture.clean_value(question(kind), raw)
    return exc.value.messages


@pytest.fixture
def world(db):
    return build_world()


# Values stored for what was typed ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "raw", "stored"),
    [
        ("text", "  Troppa burocrazia  ", "Troppa burocrazia"),
        ("text", "x" * capture.MAX_TEXT, "x" * capture.MAX_TEXT),
        ("text", 12, "12"),
        ("text", None, None),
        ("text", "", None),
        ("text", "   ", None),
        ("multiple", [], None),
        ("scale", "1", 1),
        ("scale", " 5 ", 5),
        ("scale", 3, 3),
        ("number", "12", 12),
        ("number", "3,5", 3.5),
        ("number", "3.5", 3.5),
        ("number", "1 200", 1200),
        ("number", "-4", -4),
        ("number", "7.0", 7),
        ("number", 0, 0),
        ("yes_no", "yes", True),
        ("yes_no", "YES", True),
        ("yes_no", "true", True),
        ("yes_no", "1", True),
        ("yes_no", True, True),
        ("yes_no", "no", False),
        ("yes_no", "False", False),
        ("yes_no", "0", False),
        ("yes_no", False, False),
        ("single", "tech", "tech"),
        ("single", ["money"], "money"),
        ("single", [" "], None),
        ("multiple", ["rules", "money"], ["rules", "money"]),
        ("multiple", "tech", ["tech"]),
        ("multiple", ["rules", "  "], ["rules"]),
        ("multiple", ["  "], None),
    ],
)
def test_value_stored_for_what_was_typed(kind, raw, stored):
    value = capture.clean_value(question(kind), raw)
    assert value == stored and type(value) is type(stored)


@pytest.mark.parametrize(
    ("kind", "raw", "message"),
    [
        ("text", "x" * (capture.MAX_TEXT + 1), "The answer is too long: keep it under %(max)d characters."),
        ("scale", "0", SCALE_MESSAGE),
        ("scale", "6", SCALE_MESSAGE),
        ("scale", "-1", SCALE_MESSAGE),
        ("scale", "2.5", SCALE_MESSAGE),
        ("scale", "quattro", SCALE_MESSAGE),
        ("number", "douze", NUMBER_MESSAGE),
        ("number", "1,2,3", NUMBER_MESSAGE),
        ("number", "NaN", NUMBER_MESSAGE),
        ("number", "Infinity", NUMBER_MESSAGE),
        ("number", "-inf", NUMBER_MESSAGE),
        ("yes_no", "maybe", "Answer yes or no."),
        ("yes_no", "2", "Answer yes or no."),
        ("single", "nope", "Choose among the choices offered."),
        ("single", ["tech", "nope"], "Choose among the choices offered."),
        ("single", ["tech", "money"], "Choose one answer only."),
        ("multiple", ["rules", "nope"], "Choose among the choices offered."),
    ],
)
def test_impossible_values_are_refused_with_what_to_type(kind, raw, message):
    assert messages(raw, kind) == [t(message, max=20000)]


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_messages_follow_the_users_language(lang):
    with translation.override(lang):
        expected = translation.gettext("The answer is too long: keep it under %(max)d characters.") % {"max": 20000}
        assert messages("x" * 20001, "text") == [expected]
        assert messages("9", "scale") == [translation.gettext(SCALE_MESSAGE)]


@given(st.integers(min_value=-1000, max_value=1000))
def test_scale_keeps_exactly_one_to_five(number):
    if 1 <= number <= 5:
        assert capture.clean_value(question("scale"), str(number)) == number
    else:
        assert messages(str(number), "scale") == [t(SCALE_MESSAGE)]


@given(st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=-(10**9), max_value=10**9))
def test_number_with_a_decimal_comma_reads_the_same_as_with_a_point(number):
    typed = format(number, "f")
    value = capture.clean_value(question("number"), typed.replace(".", ","))
    assert value == capture.clean_value(question("number"), typed)
    assert Decimal(str(value)) == number.normalize() or value == float(number)
    assert isinstance(value, int) == (number == number.to_integral_value())


# Saving answers -------------------------------------------------------------------------------


def test_answer_updated_with_notes_and_audited_once(world):
    text = world.questions["text"]
    first = capture.save_answer(world.session, text, "Burocrazia", "P01", actor=world.owner)
    assert (first.value, first.notes, first.updated_by) == ("Burocrazia", "P01", world.owner)
    same = capture.save_answer(world.session, text, "Burocrazia", actor=world.colleague)
    assert Answer.objects.get(pk=first.pk).updated_by == world.owner  # nothing changed: not rewritten
    assert same.pk == first.pk
    capture.save_answer(world.session, text, "Burocrazia", "P01 e P02", actor=world.colleague)
    answer = Answer.objects.get(pk=first.pk)
    assert (answer.value, answer.notes, answer.updated_by) == ("Burocrazia", "P01 e P02", world.colleague)
    capture.save_answer(world.session, text, "Costi", actor=world.owner)
    answer = Answer.objects.get(pk=first.pk)
    assert (answer.value, answer.notes, answer.updated_by) == ("Costi", "P01 e P02", world.owner)
    entries = AuditEntry.objects.filter(action="focusgroups.answer_started")
    assert [e.changes for e in entries] == [{"question": "obstacles"}] and Answer.objects.count() == 1


def test_answer_without_notes_stores_empty_notes(world):
    answer = capture.save_answer(world.session, world.questions["scale"], "4", actor=world.owner)
    assert Answer.objects.get(pk=answer.pk).notes == "" and answer.value == 4


def test_question_of_another_template_is_refused(world):
    from tests.focusgroups.factories_sessions import published_version

    _, other = published_version(world.study, number=2)
    with pytest.raises(ValidationError) as exc:
        capture.save_answer(world.session, other["text"], "x", actor=world.owner)
    assert exc.value.messages == [t("This question is not part of the focus group's template.")]
    assert not Answer.objects.exists()


@pytest.mark.parametrize("who", ["other_partner", "outsider", "coordinator"])
def test_only_the_organising_partner_captures(world, who):
    with pytest.raises(ValidationError) as exc:
        capture.save_answer(world.session, world.questions["text"], "x", actor=getattr(world, who))
    assert exc.value.messages == [t("Only the organising partner may capture this focus group.")]
    assert not Answer.objects.exists()


def test_superuser_and_implementing_body_staff_capture(world):
    capture.save_answer(world.session, world.questions["text"], "a", actor=superuser())
    capture.save_answer(world.session, world.questions["scale"], "2", actor=world.colleague)
    assert Answer.objects.count() == 2


def test_session_with_the_coordinator_is_frozen(world):
    Session.objects.filter(pk=world.session.pk).update(status=Session.Status.SUBMITTED, submitted_at=timezone.now())
    world.session.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        capture.save_answer(world.session, world.questions["text"], "x", actor=world.owner)
    assert exc.value.messages == [t("This focus group is with the coordinator: its answers can no longer change.")]


# Quotes ---------------------------------------------------------------------------------------


def test_quote_saved_trimmed_in_the_session_language_and_audited(world):
    quote = capture.add_quote(world.session, "  Parole  ", actor=world.owner, question=world.questions["text"])
    quote = Quote.objects.get(pk=quote.pk)
    assert (quote.text, quote.language, quote.question, quote.created_by) == (
        "Parole",
        "it",
        world.questions["text"],
        world.owner,
    )
    assert AuditEntry.objects.get(action="focusgroups.quote_added").changes == {"quote": quote.pk}
    french = capture.add_quote(world.session, "Mots", actor=world.owner, language="fr")
    unknown = capture.add_quote(world.session, "Words", actor=world.owner, language="en")
    assert (french.language, unknown.language) == ("fr", "it")
    quote_pk = quote.pk
    capture.delete_quote(quote, actor=world.owner)
    assert not Quote.objects.filter(pk=quote_pk).exists()
    assert AuditEntry.objects.get(action="focusgroups.quote_deleted").changes == {"quote": quote_pk}


@pytest.mark.parametrize(
    ("text", "field", "message"),
    [
        (None, "text", "Write the words as they were said."),
        ("   ", "text", "Write the words as they were said."),
        ("x" * 20001, "text", "The quote is too long: keep it under %(max)d characters."),
    ],
)
def test_quote_text_errors(world, text, field, message):
    with pytest.raises(ValidationError) as exc:
        capture.add_quote(world.session, text, actor=world.owner)
    assert exc.value.message_dict == {field: [t(message, max=20000)]}


def test_quote_of_the_longest_length_is_kept(world):
    assert len(capture.add_quote(world.session, "x" * 20000, actor=world.owner).text) == 20000


def test_quote_refuses_foreign_question_and_participant(world):
    from tests.focusgroups.factories import SessionFactory
    from tests.focusgroups.factories_sessions import published_version

    _, other = published_version(world.study, number=2)
    with pytest.raises(ValidationError) as exc:
        capture.add_quote(world.session, "x", actor=world.owner, question=other["text"])
    assert exc.value.messages == [t("This question is not part of the focus group's template.")]
    elsewhere = SessionFactory(study=world.study, template_version=world.version, organiser=world.lig)
    stranger = participants.add_participant(
        elsewhere, {"category": "company", "country": "IT", "language": "it"}, actor=world.owner
    )
    with pytest.raises(ValidationError) as exc:
        capture.add_quote(world.session, "x", actor=world.owner, participant=stranger)
    assert exc.value.message_dict == {"participant": [t("This participant is not in this focus group.")]}
    assert not Quote.objects.exists()
    with pytest.raises(ValidationError):
        capture.add_quote(world.session, "x", actor=world.outsider)
    quote = capture.add_quote(elsewhere, "y", actor=world.owner)
    with pytest.raises(ValidationError):
        capture.delete_quote(quote, actor=world.other_partner)
    assert Quote.objects.filter(pk=quote.pk).exists()


# Attachments ----------------------------------------------------------------------------------


def test_attachment_saved_audited_and_deleted(world):
    upload = SimpleUploadedFile("feuille.pdf", b"%PDF-1.4 presenze", content_type="application/pdf")
    attachment = capture.add_attachment(world.session, "attendance", upload, actor=world.owner)
    try:
        stored = Attachment.objects.get(pk=attachment.pk)
        assert (stored.kind, stored.original_name, stored.content_type, stored.size, stored.uploaded_by) == (
            "attendance",
            "feuille.pdf",
            "application/pdf",
            17,
            world.owner,
        )
        assert stored.file.read() == b"%PDF-1.4 presenze"
        added = AuditEntry.objects.get(action="focusgroups.attachment_added")
        assert added.changes == {"file": "feuille.pdf", "kind": "attendance"}
        with pytest.raises(ValidationError):
            capture.delete_attachment(stored, actor=world.other_partner)
    finally:
        name, storage = attachment.file.name, attachment.file.storage
        capture.delete_attachment(attachment, actor=world.owner)
    assert not Attachment.objects.exists() and not storage.exists(name)
    assert AuditEntry.objects.get(action="focusgroups.attachment_deleted").changes == {"file": "feuille.pdf"}


def test_attachment_kind_and_author_are_checked(world):
    upload = SimpleUploadedFile("feuille.pdf", b"%PDF-1.4", content_type="application/pdf")
    with pytest.raises(ValidationError) as exc:
        capture.add_attachment(world.session, "selfie", upload, actor=world.owner)
    assert exc.value.message_dict == {"kind": [t("Say what the file is: attendance sheet, photo or other document.")]}
    with pytest.raises(ValidationError):
        capture.add_attachment(world.session, "photo", upload, actor=world.outsider)
    assert not Attachment.objects.exists()


def test_attachment_name_is_cut_to_two_hundred_characters(world):
    name = "f" * 250 + ".pdf"
    upload = SimpleUploadedFile(name, b"%PDF-1.4", content_type="application/pdf")
    upload._name = name  # as a client may send it, past the upload handler's own trimming
    attachment = capture.add_attachment(world.session, "other", upload, actor=world.owner)
    try:
        assert Attachment.objects.get(pk=attachment.pk).original_name == "f" * 200
    finally:
        capture.delete_attachment(attachment, actor=world.owner)
