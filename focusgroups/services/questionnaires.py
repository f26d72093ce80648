"""Writes of online questionnaires: creation by the study's coordinator, recipients and their
personal links, sending, closing; and the respondent's side (profile, answers per section,
submission), which has no account: the token of the link is what identifies them.

Rules:
- a questionnaire is sent from a published template version of a study the actor coordinates;
- a personal link (invitation) gives one response, answered once; a public link gives each
  visitor a response of their own;
- answers are saved section by section; a draft ("continue later") may leave required answers
  empty, moving on may not; values that can never be right (a scale outside 1–5, a number that
  is not one) are refused either way, with a message saying what to type.
"""

import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from circuito.audit.services import record
from circuito.mail import message as mail_message
from circuito.translated import localized
from focusgroups.models import (
    Invitation,
    Language,
    Question,
    Questionnaire,
    Response,
    ResponseAnswer,
    Section,
    TemplateVersion,
)
from focusgroups.permissions import is_coordinator
from focusgroups.services.capture import clean_value

QUESTIONNAIRE_FIELDS = ("title_fr", "title_it", "introduction_fr", "introduction_it", "opens_at", "closes_at")
MAX_RECIPIENTS_PER_PASTE = 500


def new_token() -> str:
    return secrets.token_urlsafe(32)


def _require_coordinator(actor, questionnaire_or_study) -> None:
    study = getattr(questionnaire_or_study, "study", questionnaire_or_study)
    if not is_coordinator(actor, study):
        raise ValidationError(
            _("Only the coordinator of activity %(code)s may manage its questionnaires.") % {"code": study.code}
        )


def dates_error(opens: datetime | None, closes: datetime | None) -> str:
    """The message for dates in the wrong order ("" when they are fine); forms show it too."""
    if opens and closes and closes <= opens:
        return _("The closing date must come after the opening date.")
    return ""


def _clean_settings(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, str] = {}
    if not (data.get("title_fr") or data.get("title_it")):
        errors["title_fr"] = _("Give the questionnaire a title, in French or Italian.")
    if message := dates_error(data.get("opens_at"), data.get("closes_at")):
        errors["closes_at"] = message
    if errors:
        raise ValidationError(errors)
    return {f: data.get(f) if f in ("opens_at", "closes_at") else (data.get(f) or "") for f in QUESTIONNAIRE_FIELDS}


@transaction.atomic
def create_questionnaire(version: TemplateVersion, data: dict[str, Any], *, actor) -> Questionnaire:
    study = version.template.study
    _require_coordinator(actor, study)
    if version.status != TemplateVersion.Status.PUBLISHED:
        raise ValidationError(
            {"template_version": _("Choose a published version of the template: drafts cannot be sent.")}
        )
    values = _clean_settings(data)
    questionnaire = Questionnaire(
        study=study,
        template_version=version,
        organiser=study.coordinator,
        public_token=new_token(),
        allow_public=bool(data.get("allow_public")),
        created_by=actor,
        **values,
    )
    questionnaire.save()
    record(
        actor,
        "focusgroups.questionnaire_created",
        questionnaire,
        {"study": study.code, "version": version.number, "public": questionnaire.allow_public},
    )
    return questionnaire


@transaction.atomic
def update_questionnaire(questionnaire: Questionnaire, data: dict[str, Any], *, actor) -> Questionnaire:
    _require_coordinator(actor, questionnaire)
    values = {**_clean_settings(data), "allow_public": bool(data.get("allow_public"))}
    changes = {f: v for f, v in values.items() if getattr(questionnaire, f) != v}
    for field, value in changes.items():
        setattr(questionnaire, field, value)
    if changes:
        questionnaire.save(update_fields=[*changes, "updated_at"])
        record(actor, "focusgroups.questionnaire_updated", questionnaire, changes)
    return questionnaire


@transaction.atomic
def close_questionnaire(questionnaire: Questionnaire, *, actor) -> Questionnaire:
    """Close it now: links then say it is closed; answers already submitted stay."""
    _require_coordinator(actor, questionnaire)
    now = timezone.now()
    if questionnaire.closes_at and questionnaire.closes_at <= now:
        raise ValidationError(_("This questionnaire is already closed."))
    if questionnaire.opens_at and questionnaire.opens_at >= now:
        raise ValidationError(_("This questionnaire has not opened yet: change its dates instead of closing it."))
    previous = questionnaire.closes_at
    questionnaire.closes_at = now
    questionnaire.save(update_fields=["closes_at", "updated_at"])
    record(actor, "focusgroups.questionnaire_closed", questionnaire, {"closes_at": now, "was": previous})
    return questionnaire


# State seen by respondents ---------------------------------------------------------------------


class State:
    NOT_OPEN = "not_open"
    OPEN = "open"
    CLOSED = "closed"


def state(questionnaire: Questionnaire, now: datetime | None = None) -> str:
    now = now or timezone.now()
    if questionnaire.opens_at and now < questionnaire.opens_at:
        return State.NOT_OPEN
    if questionnaire.closes_at and now >= questionnaire.closes_at:
        return State.CLOSED
    return State.OPEN


# Recipients ----------------------------------------------------------------------------------


@dataclass
class Recipient:
    email: str
    organisation_name: str = ""
    language: str = "fr"


_SEPARATORS = re.compile(r"[;\t,]")


def parse_recipients(text: str, default_language: str) -> list[Recipient]:
    """One recipient a line: "e-mail; organisation; language" (organisation and language optional,
    separated by semicolons, tabs or commas as pasted from a spreadsheet)."""
    recipients, errors = [], []
    for n, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [p.strip() for p in _SEPARATORS.split(line)]
        email = parts[0].strip("<>").lower()
        language = default_language
        organisation = ""
        rest = [p for p in parts[1:] if p]
        if rest and rest[-1].lower() in Language.values:
            language = rest.pop().lower()
        organisation = ", ".join(rest)[:200]
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("Line %(n)d: “%(email)s” is not an e-mail address.") % {"n": n, "email": email})
            continue
        recipients.append(Recipient(email, organisation, language))
    if errors:
        raise ValidationError({"recipients": errors})
    if not recipients:
        raise ValidationError({"recipients": _("Paste at least one e-mail address, one a line.")})
    if len(recipients) > MAX_RECIPIENTS_PER_PASTE:
        raise ValidationError(
            {"recipients": _("Paste at most %(max)d addresses at a time.") % {"max": MAX_RECIPIENTS_PER_PASTE}}
        )
    return recipients


@transaction.atomic
def add_recipients(questionnaire: Questionnaire, recipients: list[Recipient], *, actor) -> tuple[int, list[str]]:
    """Create an invitation per new address; returns (created, addresses already invited)."""
    _require_coordinator(actor, questionnaire)
    if state(questionnaire) == State.CLOSED:
        raise ValidationError(_("This questionnaire is closed: no recipient can be added."))
    existing = set(questionnaire.invitations.values_list("email", flat=True))
    created, skipped = [], []
    for recipient in recipients:
        email = recipient.email.strip().lower()
        if recipient.language not in Language.values:
            raise ValidationError({"language": _("Choose French or Italian.")})
        if email in existing:
            skipped.append(email)
            continue
        existing.add(email)
        created.append(
            Invitation(
                questionnaire=questionnaire,
                email=email,
                organisation_name=recipient.organisation_name[:200],
                language=recipient.language,
                token=new_token(),
            )
        )
    Invitation.objects.bulk_create(created)
    if created:
        record(actor, "focusgroups.recipients_added", questionnaire, {"added": len(created), "already": len(skipped)})
    return len(created), skipped


@transaction.atomic
def remove_invitation(invitation: Invitation, *, actor) -> None:
    _require_coordinator(actor, invitation.questionnaire)
    if Response.objects.filter(invitation=invitation).exists():
        raise ValidationError(_("This recipient has started answering: the link cannot be removed."))
    record(actor, "focusgroups.recipient_removed", invitation.questionnaire, {"email": invitation.email})
    invitation.delete()


def absolute_url(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def invitation_url(invitation: Invitation) -> str:
    with translation.override(invitation.language):
        return absolute_url(reverse("focusgroups:respond", args=[invitation.token]))


def _invitation_message(invitation: Invitation, connection) -> EmailMultiAlternatives:
    questionnaire = invitation.questionnaire
    with translation.override(invitation.language):
        context = {
            "questionnaire": questionnaire,
            "title": localized(questionnaire, "title")["text"],
            "invitation": invitation,
            "url": invitation_url(invitation),
        }
        subject = render_to_string("focusgroups/questionnaires/email/invitation_subject.txt", context).strip()
        body = render_to_string("focusgroups/questionnaires/email/invitation_body.txt", context)
    return mail_message(subject, body, [invitation.email], language=invitation.language, connection=connection)


@transaction.atomic
def send_invitations(questionnaire: Questionnaire, *, actor, resend: Invitation | None = None) -> int:
    """E-mail the personal links not sent yet (or one again), each in its recipient's language.
    Synchronous: a questionnaire goes to a few dozen companies at a time."""
    _require_coordinator(actor, questionnaire)
    if state(questionnaire) == State.CLOSED:
        raise ValidationError(_("This questionnaire is closed: its links can no longer be sent."))
    if resend is not None:
        if resend.used_at:
            raise ValidationError(_("This recipient has already answered."))
        invitations = [resend]
    else:
        invitations = list(questionnaire.invitations.filter(sent_at__isnull=True).select_for_update())
    if not invitations:
        raise ValidationError(_("Every link was already sent: add recipients first."))
    connection = get_connection()
    sent = connection.send_messages([_invitation_message(i, connection) for i in invitations]) or 0
    now = timezone.now()
    Invitation.objects.filter(pk__in=[i.pk for i in invitations]).update(sent_at=now)
    record(actor, "focusgroups.invitations_sent", questionnaire, {"sent": len(invitations)})
    return sent


# Respondents ---------------------------------------------------------------------------------


def sections_of(questionnaire: Questionnaire) -> list[Section]:
    return list(questionnaire.template_version.sections.order_by("order", "pk"))


def _check_open(questionnaire: Questionnaire) -> None:
    if state(questionnaire) != State.OPEN:
        raise ValidationError(_("This questionnaire is not open: answers can no longer be saved."))


@transaction.atomic
def start_response(
    questionnaire: Questionnaire, profile: dict[str, Any], *, language: str, invitation: Invitation | None = None
) -> Response:
    """The respondent's response, created with their profile (organisation, category, country,
    region); a personal link has at most one."""
    _check_open(questionnaire)
    if invitation is not None:
        existing = Response.objects.select_for_update().filter(invitation=invitation).first()
        if existing is not None:
            return save_profile(existing, profile, language=language)
    elif not questionnaire.allow_public:
        raise ValidationError(_("This questionnaire is answered by personal invitation only."))
    response = Response(
        questionnaire=questionnaire,
        invitation=invitation,
        language=language if language in Language.values else Language.FRENCH,
        resume_token=new_token(),
        last_section=1,
        **_profile_values(profile),
    )
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError:  # the same link opened twice at once: keep the first response
        return save_profile(Response.objects.get(invitation=invitation), profile, language=language)
    record(None, "focusgroups.response_started", response, {"public": invitation is None, "language": language})
    return response


def _profile_values(profile: dict[str, Any]) -> dict[str, Any]:
    territory = profile.get("territory")
    country = profile.get("country") or ""
    if territory is not None and country and territory.country != country:
        raise ValidationError({"territory": _("This region is not in the country you chose.")})
    return {
        "respondent_organisation": (profile.get("organisation") or "").strip()[:200],
        "category": profile.get("category") or "",
        "country": country,
        "territory": territory,
    }


@transaction.atomic
def save_profile(response: Response, profile: dict[str, Any], *, language: str) -> Response:
    _check_open(response.questionnaire)
    if response.submitted_at:
        raise ValidationError(_("These answers were already sent."))
    for field, value in _profile_values(profile).items():
        setattr(response, field, value)
    response.language = language if language in Language.values else response.language
    response.last_section = max(response.last_section, 1)
    response.save()
    return response


def clean_section(questions: list[Question], raw: dict[int, Any], *, require: bool) -> dict[int, Any]:
    """Cleaned values per question pk, or ValidationError({question pk: message}) listing every
    problem at once (so that the page shows them all and keeps what was typed)."""
    cleaned, errors = {}, {}
    for question in questions:
        try:
            value = clean_value(question, raw.get(question.pk))
        except ValidationError as exc:
            errors[str(question.pk)] = exc.messages[0]
            continue
        if require and question.required and value in (None, "", []):
            errors[str(question.pk)] = _("This question needs an answer.")
            continue
        cleaned[question.pk] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


@transaction.atomic
def save_section(
    response: Response, section: Section, raw: dict[int, Any], *, step: int, require: bool, language: str = ""
) -> Response:
    """Save the answers of one section (step n of the response, profile being step 0)."""
    _check_open(response.questionnaire)
    response = Response.objects.select_for_update().select_related("questionnaire").get(pk=response.pk)
    if response.submitted_at:
        raise ValidationError(_("These answers were already sent."))
    if section.version_id != response.questionnaire.template_version_id:
        raise ValidationError(_("This section is not part of the questionnaire."))
    questions = list(section.questions.order_by("order", "pk"))
    cleaned = clean_section(questions, raw, require=require)
    existing = {a.question_id: a for a in response.answers.all()}
    for question in questions:
        value = cleaned.get(question.pk)
        answer = existing.get(question.pk)
        if answer is None and value is not None:
            ResponseAnswer.objects.create(response=response, question=question, value=value)
        elif answer is not None and answer.value != value:
            answer.value = value
            answer.save(update_fields=["value"])
    fields = ["updated_at"]
    if require and step + 1 > response.last_section:
        response.last_section = step + 1
        fields.append("last_section")
    if language in Language.values and language != response.language:
        response.language = language
        fields.append("language")
    response.save(update_fields=fields)
    return response


def missing_required(response: Response) -> Section | None:
    """The first section with a required question left unanswered."""
    answered = {a.question_id for a in response.answers.all() if a.value not in (None, "", [])}
    required = (
        Question.objects.filter(version_id=response.questionnaire.template_version_id, required=True)
        .select_related("section")
        .order_by("section__order", "section_id", "order")
    )
    for question in required:
        if question.pk not in answered:
            return question.section
    return None


@transaction.atomic
def submit_response(response: Response) -> Response:
    """Send the answers: once only, every required question answered."""
    response = Response.objects.select_for_update().select_related("questionnaire").get(pk=response.pk)
    _check_open(response.questionnaire)
    if response.submitted_at:
        raise ValidationError(_("These answers were already sent."))
    if not response.category or not response.country:
        raise ValidationError(_("Tell us about your organisation first (category and country)."))
    section = missing_required(response)
    if section is not None:
        raise ValidationError(_("Some required questions are not answered yet."), code=f"section:{section.pk}")
    now = timezone.now()
    response.submitted_at = now
    response.save(update_fields=["submitted_at", "updated_at"])
    if response.invitation_id:
        Invitation.objects.filter(pk=response.invitation_id).update(used_at=now)
    record(None, "focusgroups.response_submitted", response.questionnaire, {"response": response.pk})
    return response


def send_resume_link(response: Response, email: str, url: str, language: str) -> None:
    """E-mail the link to continue later; the address is not stored."""
    validate_email(email)
    with translation.override(language):
        context = {"questionnaire": response.questionnaire, "url": url}
        subject = render_to_string("focusgroups/questionnaires/email/resume_subject.txt", context).strip()
        body = render_to_string("focusgroups/questionnaires/email/resume_body.txt", context)
    mail_message(subject, body, [email], language=language).send()
