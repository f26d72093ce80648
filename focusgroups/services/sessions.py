"""Writes on sessions: creation, edition (with a check against concurrent changes), status workflow.

planned → held → submitted (to the coordinator) → validated, or → returned with a comment, which
makes the session editable again until it is submitted anew.
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from circuito.audit.services import record
from circuito.geo.models import Territory
from focusgroups.models import Answer, Question, Session, TemplateVersion
from focusgroups.permissions import is_coordinator, partner_ids

FIELDS = (
    "study",
    "template_version",
    "organiser",
    "title",
    "region",
    "department",
    "date",
    "mode",
    "place",
    "actor_category",
    "sector",
    "nace",
    "facilitator",
    "note_taker",
    "language",
    "general_notes",
)


def _check_organiser(actor, organiser) -> None:
    if not (actor.is_superuser or organiser.pk in partner_ids(actor)):
        raise ValidationError({"organiser": _("You may only organise focus groups for your own partner.")})


def _clean(data: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    study, version = data.get("study"), data.get("template_version")
    region, department = data.get("region"), data.get("department")
    if study and version and version.template.study_id != study.pk:
        errors["template_version"] = _("Choose a template of activity %(code)s.") % {"code": study.code}
    elif version and version.status == TemplateVersion.Status.DRAFT:
        errors["template_version"] = _("This template version is not published yet: choose a published one.")
    if region and region.level != Territory.Level.REGION:
        errors["region"] = _("Choose a region.")
    if department and region and department.parent_id != region.pk:
        errors["department"] = _(
            "%(department)s is not in %(region)s: choose a department or province of the region."
        ) % {
            "department": department,
            "region": region,
        }
    if data.get("mode") == Session.Mode.IN_PERSON and not (data.get("place") or "").strip():
        errors["place"] = _("Say where the focus group takes place.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_session(data: dict[str, Any], *, actor) -> Session:
    _check_organiser(actor, data["organiser"])
    _clean(data)
    session = Session(created_by=actor, status=Session.Status.PLANNED)
    for field in FIELDS:
        if field in data:
            setattr(session, field, data[field] if data[field] is not None or field in ("department", "nace") else "")
    session.save()
    record(
        actor, "focusgroups.session_created", session, {"study": session.study.code, "organiser": session.organiser_id}
    )
    return session


@transaction.atomic
def update_session(
    session: Session, data: dict[str, Any], *, actor, expected_updated_at: datetime | None = None
) -> Session:
    session = Session.objects.select_for_update().get(pk=session.pk)
    if not session.is_editable:
        raise ValidationError(_("This focus group is with the coordinator: it can no longer be changed."))
    if expected_updated_at is not None and abs((session.updated_at - expected_updated_at).total_seconds()) > 0.001:
        raise ValidationError(
            _(
                "Someone else changed this focus group while you were editing it. "
                "Open it again to see their changes, then apply yours."
            )
        )
    if "organiser" in data:
        _check_organiser(actor, data["organiser"])
    if "template_version" in data and data["template_version"] != session.template_version and session.answers.exists():
        raise ValidationError(
            {"template_version": _("Answers were captured with this template: it can no longer change.")}
        )
    _clean({**{f: getattr(session, f) for f in FIELDS}, **data})
    changes = {}
    for field in FIELDS:
        if field not in data:
            continue
        value = data[field] if data[field] is not None or field in ("department", "nace") else ""
        if getattr(session, field) != value:
            changes[field] = value
            setattr(session, field, value)
    session.save(update_fields=[*changes, "updated_at"])
    if changes:
        record(actor, "focusgroups.session_updated", session, changes)
    return session


# Workflow ------------------------------------------------------------------------------------


def _lock(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("study").get(pk=session.pk)


def _require_organiser(actor, session: Session) -> None:
    if not (actor.is_superuser or session.organiser_id in partner_ids(actor)):
        raise ValidationError(_("Only the organising partner may do this."))


@transaction.atomic
def mark_held(session: Session, *, actor) -> Session:
    session = _lock(session)
    _require_organiser(actor, session)
    if session.status != Session.Status.PLANNED:
        raise ValidationError(_("Only a planned focus group can be marked as held."))
    session.status = Session.Status.HELD
    session.held_at = timezone.now()
    session.save(update_fields=["status", "held_at", "updated_at"])
    record(actor, "focusgroups.session_held", session, {"status": session.status})
    return session


def submission_problems(session: Session) -> list[str]:
    """What stops the session from going to the coordinator, in words the partner can act on."""
    problems = []
    unconsented = session.participants.filter(withdrawn_at__isnull=True, consent_at__isnull=True).exclude(name="")
    for participant in unconsented.order_by("pseudonym"):
        problems.append(
            _("%(pseudonym)s (%(name)s) is named but their consent is not recorded: record it, or remove the name.")
            % {"pseudonym": participant.pseudonym, "name": participant.name}
        )
    answered = {a.question_id: a.value for a in Answer.objects.filter(session=session).only("question_id", "value")}
    required = Question.objects.filter(version=session.template_version_id, required=True).order_by(
        "section__order", "order"
    )
    for question in required:
        if is_blank(answered.get(question.pk)):
            problems.append(_("The required question “%(text)s” has no answer.") % {"text": question.text})
    if not session.participants.filter(attended=True, withdrawn_at__isnull=True).exists():
        problems.append(_("Record the participants who attended."))
    return problems


def is_blank(value: Any) -> bool:
    return value is None or value == "" or value == []


@transaction.atomic
def submit_session(session: Session, *, actor) -> Session:
    session = _lock(session)
    _require_organiser(actor, session)
    if session.status not in (Session.Status.HELD, Session.Status.RETURNED):
        raise ValidationError(_("Mark the focus group as held before submitting it."))
    problems = submission_problems(session)
    if problems:
        raise ValidationError(problems)
    session.status = Session.Status.SUBMITTED
    session.submitted_at, session.submitted_by = timezone.now(), actor
    session.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    record(actor, "focusgroups.session_submitted", session, {"status": session.status})
    return session


def _require_coordinator(actor, session: Session) -> None:
    if not is_coordinator(actor, session.study):
        raise ValidationError(
            _("Only the coordinator of activity %(code)s may do this.") % {"code": session.study.code}
        )


@transaction.atomic
def validate_session(session: Session, *, actor) -> Session:
    session = _lock(session)
    _require_coordinator(actor, session)
    if session.status != Session.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted focus group can be validated."))
    session.status = Session.Status.VALIDATED
    session.validated_at, session.validated_by = timezone.now(), actor
    session.save(update_fields=["status", "validated_at", "validated_by", "updated_at"])
    record(actor, "focusgroups.session_validated", session, {"status": session.status})
    return session


@transaction.atomic
def return_session(session: Session, comment: str, *, actor) -> Session:
    session = _lock(session)
    _require_coordinator(actor, session)
    if session.status != Session.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted focus group can be returned."))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what the partner should change before submitting again.")})
    session.status = Session.Status.RETURNED
    session.return_comment = comment
    session.returned_at, session.returned_by = timezone.now(), actor
    session.save(update_fields=["status", "return_comment", "returned_at", "returned_by", "updated_at"])
    record(actor, "focusgroups.session_returned", session, {"status": session.status, "comment": comment})
    return session
