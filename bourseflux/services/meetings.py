"""Awareness meetings on the circular economy (six in the project's plan): recorded by partner
staff, listed for partner staff."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from bourseflux.models import AwarenessMeeting
from bourseflux.permissions import is_partner_staff
from circuito.audit.services import diff, record, snapshot

MEETING_TARGET = 6  # awareness meetings planned in the brief
MEETING_FIELDS = [
    "title",
    "date",
    "commune",
    "place",
    "organiser",
    "pilot_zone",
    "attendance",
    "companies_attending",
    "notes",
]


def can_manage_meetings(user) -> bool:
    return is_partner_staff(user)


def _check(meeting: AwarenessMeeting) -> None:
    errors: dict[str, list[str]] = {}
    if not (meeting.title or "").strip():
        errors["title"] = [_("Give the meeting a title.")]
    if meeting.date is None:
        errors["date"] = [_("Give the date of the meeting.")]
    if meeting.commune_id is None:
        errors["commune"] = [_("Pick the commune where the meeting took place.")]
    if meeting.organiser_id is None:
        errors["organiser"] = [_("Pick the partner that organised the meeting.")]
    if meeting.attendance is None or meeting.attendance < 0:
        errors["attendance"] = [_("Give the number of people who attended (0 or more).")]
    elif (meeting.companies_attending or 0) > meeting.attendance:
        errors["companies_attending"] = [
            _("More companies (%(companies)d) than people (%(people)d) attended: check both numbers.")
            % {"companies": meeting.companies_attending, "people": meeting.attendance}
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_meeting(*, actor, data: dict[str, Any]) -> AwarenessMeeting:
    if not can_manage_meetings(actor):
        raise PermissionDenied
    meeting = AwarenessMeeting(created_by=actor)
    for field in MEETING_FIELDS:
        if field in data:
            setattr(meeting, field, data[field])
    meeting.companies_attending = meeting.companies_attending or 0
    meeting.place, meeting.notes = meeting.place or "", meeting.notes or ""
    _check(meeting)
    meeting.save()
    record(actor, "meeting.create", meeting, {f: getattr(meeting, f) for f in MEETING_FIELDS})
    return meeting


@transaction.atomic
def update_meeting(meeting: AwarenessMeeting, *, actor, data: dict[str, Any]) -> AwarenessMeeting:
    if not can_manage_meetings(actor):
        raise PermissionDenied
    meeting = AwarenessMeeting.objects.select_for_update().get(pk=meeting.pk)
    before = snapshot(meeting, MEETING_FIELDS)
    for field in MEETING_FIELDS:
        if field in data:
            setattr(meeting, field, data[field] if data[field] is not None or field == "pilot_zone" else "")
    _check(meeting)
    changes = diff(meeting, before, MEETING_FIELDS)
    if changes:
        meeting.save(update_fields=list(changes))
        record(actor, "meeting.update", meeting, changes)
    return meeting
