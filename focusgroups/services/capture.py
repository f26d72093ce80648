"""Writes of the capture page: answers saved as the facilitator types, quotes, attachments.

`save_answer` accepts incomplete drafts (a required answer may be empty until submission) but
refuses values that can never be right (a scale outside 1–5, a number that is not one, a choice
that does not exist), with a message saying what to type instead.
"""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from circuito.audit.services import record
from focusgroups.models import Answer, Attachment, Language, Participant, Question, Quote, Session
from focusgroups.permissions import partner_ids
from focusgroups.uploads import check_attachment

MAX_TEXT = 20_000


def _require_edit(actor, session: Session) -> None:
    if not (actor.is_superuser or session.organiser_id in partner_ids(actor)):
        raise ValidationError(_("Only the organising partner may capture this focus group."))
    if not session.is_editable:
        raise ValidationError(_("This focus group is with the coordinator: its answers can no longer change."))


def _clean_scale(raw: Any) -> int:
    try:
        number = int(str(raw))
    except ValueError:
        number = None
    if number is None or not Question.SCALE_MIN <= number <= Question.SCALE_MAX:
        raise ValidationError(_("Give a whole number from 1 to 5."))
    return number


def _clean_number(raw: Any) -> int | float:
    """A whole number stays whole; a decimal comma is accepted."""
    try:
        number = Decimal(str(raw).replace(",", ".").replace(" ", ""))
    except InvalidOperation:
        raise ValidationError(_("Type a number, e.g. 12 or 3,5.")) from None
    if not number.is_finite():
        raise ValidationError(_("Type a number, e.g. 12 or 3,5."))
    return int(number) if number == number.to_integral_value() else float(number)


def clean_value(question: Question, raw: Any) -> Any:
    """The value to store for what was typed, or ValidationError with what to type instead."""
    if isinstance(raw, str):
        raw = raw.strip()
    if raw in (None, "", []):
        return None
    kind = question.kind
    if kind == Question.Kind.TEXT:
        text = str(raw)
        if len(text) > MAX_TEXT:
            raise ValidationError(_("The answer is too long: keep it under %(max)d characters.") % {"max": MAX_TEXT})
        return text
    if kind == Question.Kind.SCALE:
        return _clean_scale(raw)
    if kind == Question.Kind.NUMBER:
        return _clean_number(raw)
    if kind == Question.Kind.YES_NO:
        mapping = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
        value = raw if isinstance(raw, bool) else mapping.get(str(raw).lower())
        if value is None:
            raise ValidationError(_("Answer yes or no."))
        return value
    values = raw if isinstance(raw, list) else [raw]
    values = [str(v) for v in values if str(v).strip()]
    unknown = [v for v in values if v not in question.choice_values]
    if unknown:
        raise ValidationError(_("Choose among the choices offered."))
    if kind == Question.Kind.SINGLE:
        if len(values) > 1:
            raise ValidationError(_("Choose one answer only."))
        return values[0] if values else None
    return values or None


@transaction.atomic
def save_answer(session: Session, question: Question, value: Any, notes: str | None = None, *, actor) -> Answer:
    """Create or update the session's answer to a question (a draft until submission)."""
    _require_edit(actor, session)
    if question.version_id != session.template_version_id:
        raise ValidationError(_("This question is not part of the focus group's template."))
    cleaned = clean_value(question, value)
    answer, created = Answer.objects.select_for_update().get_or_create(
        session=session, question=question, defaults={"value": cleaned, "notes": notes or "", "updated_by": actor}
    )
    if not created:
        changed = answer.value != cleaned or (notes is not None and answer.notes != notes)
        if not changed:
            return answer
        answer.value = cleaned
        if notes is not None:
            answer.notes = notes
        answer.updated_by = actor
        answer.save(update_fields=["value", "notes", "updated_by", "updated_at"])
    # One audit line per question and session the first time; later keystrokes are not logged.
    if created:
        record(actor, "focusgroups.answer_started", session, {"question": question.key})
    return answer


@transaction.atomic
def add_quote(
    session: Session,
    text: str,
    *,
    actor,
    question: Question | None = None,
    participant: Participant | None = None,
    language: str | None = None,
) -> Quote:
    _require_edit(actor, session)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the words as they were said.")})
    if len(text) > MAX_TEXT:
        raise ValidationError(
            {"text": _("The quote is too long: keep it under %(max)d characters.") % {"max": MAX_TEXT}}
        )
    if question is not None and question.version_id != session.template_version_id:
        raise ValidationError(_("This question is not part of the focus group's template."))
    if participant is not None and participant.session_id != session.pk:
        raise ValidationError({"participant": _("This participant is not in this focus group.")})
    language = language or session.language
    if language not in Language.values:
        language = session.language
    quote = Quote.objects.create(
        session=session, question=question, participant=participant, text=text, language=language, created_by=actor
    )
    record(actor, "focusgroups.quote_added", session, {"quote": quote.pk})
    return quote


@transaction.atomic
def delete_quote(quote: Quote, *, actor) -> None:
    _require_edit(actor, quote.session)
    record(actor, "focusgroups.quote_deleted", quote.session, {"quote": quote.pk})
    quote.delete()


@transaction.atomic
def add_attachment(session: Session, kind: str, file, *, actor) -> Attachment:
    _require_edit(actor, session)
    if kind not in Attachment.Kind.values:
        raise ValidationError({"kind": _("Say what the file is: attendance sheet, photo or other document.")})
    checked = check_attachment(file, already=session.attachments.count())
    attachment = Attachment(
        session=session,
        kind=kind,
        original_name=checked.name[:200],
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=actor,
    )
    attachment.file.save(checked.name, checked.file, save=False)
    attachment.save()
    record(actor, "focusgroups.attachment_added", session, {"file": attachment.original_name, "kind": kind})
    return attachment


@transaction.atomic
def delete_attachment(attachment: Attachment, *, actor) -> None:
    _require_edit(actor, attachment.session)
    record(actor, "focusgroups.attachment_deleted", attachment.session, {"file": attachment.original_name})
    attachment.file.delete(save=False)
    attachment.delete()
