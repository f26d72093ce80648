"""Writes on participants: entry with a stable pseudonym, consent (with the text shown), withdrawal.

Consent and withdrawal are recorded in the audit log. A withdrawal may come at any time, even
after validation: the participant then disappears from exports and analyses (querysets `active()`).
"""

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from circuito.audit.services import record
from focusgroups.models import ConsentText, Participant, Session
from focusgroups.permissions import is_coordinator, partner_ids

FIELDS = ("organisation_name", "organisation", "category", "country", "name", "language", "attended")


def _require_edit(actor, session: Session) -> None:
    if not (actor.is_superuser or session.organiser_id in partner_ids(actor)):
        raise ValidationError(_("Only the organising partner may change the participants."))
    if not session.is_editable:
        raise ValidationError(_("This focus group is with the coordinator: its participants can no longer change."))


def next_pseudonym(session: Session) -> str:
    """P01, P02…: one more than the highest ever given in the session (never reused after a
    removal). `session` must be locked (select_for_update)."""
    numbers = [int(p[1:]) for p in session.participants.values_list("pseudonym", flat=True) if p[1:].isdigit()]
    session.pseudonym_counter = max([session.pseudonym_counter, *numbers]) + 1
    session.save(update_fields=["pseudonym_counter"])
    return f"P{session.pseudonym_counter:02d}"


@transaction.atomic
def add_participant(session: Session, data: dict[str, Any], *, actor) -> Participant:
    session = Session.objects.select_for_update().get(pk=session.pk)
    _require_edit(actor, session)
    participant = Participant(session=session, pseudonym=next_pseudonym(session))
    for field in FIELDS:
        if field in data:
            setattr(participant, field, data[field] if data[field] is not None or field == "organisation" else "")
    participant.save()
    record(
        actor, "focusgroups.participant_added", participant, {"session": session.pk, "pseudonym": participant.pseudonym}
    )
    return participant


@transaction.atomic
def update_participant(participant: Participant, data: dict[str, Any], *, actor) -> Participant:
    _require_edit(actor, participant.session)
    changes = {}
    for field in FIELDS:
        if field not in data:
            continue
        value = data[field] if data[field] is not None or field == "organisation" else ""
        if getattr(participant, field) != value:
            changes[field] = value
            setattr(participant, field, value)
    if "language" in changes and participant.consent_text and participant.consent_text.language != participant.language:
        raise ValidationError(
            {"language": _("Consent was given on the text in another language: record a new consent after the change.")}
        )
    participant.save(update_fields=list(changes) or None)
    if changes:
        # The name is personal data: the audit says it changed, not what it is.
        record(
            actor,
            "focusgroups.participant_updated",
            participant,
            {k: ("…" if k == "name" else v) for k, v in changes.items()},
        )
    return participant


@transaction.atomic
def remove_participant(participant: Participant, *, actor) -> None:
    _require_edit(actor, participant.session)
    record(actor, "focusgroups.participant_removed", participant, {"pseudonym": participant.pseudonym})
    participant.delete()


@transaction.atomic
def record_consent(participant: Participant, *, actor, consent_text: ConsentText | None = None) -> Participant:
    """Consent given on the latest text in the participant's language (or the text actually shown)."""
    _require_edit(actor, participant.session)
    text = consent_text or ConsentText.current(participant.language)
    if text is None:
        raise ValidationError(_("No consent text exists in this language yet: ask an administrator to add one."))
    if text.language != participant.language:
        raise ValidationError(_("The consent text must be in the participant's language."))
    if participant.withdrawn_at is not None:
        raise ValidationError(_("This participant withdrew: their consent cannot be recorded again."))
    participant.consent_text, participant.consent_at = text, timezone.now()
    participant.save(update_fields=["consent_text", "consent_at"])
    record(
        actor,
        "focusgroups.consent_given",
        participant,
        {"pseudonym": participant.pseudonym, "text_version": text.version, "language": text.language},
    )
    return participant


@transaction.atomic
def withdraw_participant(participant: Participant, *, actor, when: datetime | None = None) -> Participant:
    """The organiser or the coordinator records a withdrawal, whatever the session's status."""
    session = participant.session
    if not (actor.is_superuser or session.organiser_id in partner_ids(actor) or is_coordinator(actor, session.study)):
        raise ValidationError(_("Only the organising partner or the coordinator may record a withdrawal."))
    if participant.withdrawn_at is not None:
        raise ValidationError(_("This participant already withdrew."))
    when = when or timezone.now()
    if when > timezone.now():
        raise ValidationError({"withdrawn_at": _("The withdrawal date cannot be in the future.")})
    participant.withdrawn_at = when
    participant.save(update_fields=["withdrawn_at"])
    record(
        actor,
        "focusgroups.consent_withdrawn",
        participant,
        {"pseudonym": participant.pseudonym, "withdrawn_at": when.isoformat()},
    )
    return participant
