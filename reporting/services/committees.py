"""Writes to steering committee meetings: the meeting itself, attendance, decisions, action
items and the bilingual minutes with their approval. Lead partner staff only, except that the
owner of an action item may mark it done."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from circuito.accounts.models import Organisation
from circuito.audit.services import diff, record, snapshot
from reporting import permissions
from reporting.models import ActionItem, Attendance, Decision, Meeting

MEETING_FIELDS = ["number", "kind", "city", "date", "agenda_fr", "agenda_it"]


def next_number(kind: str) -> int:
    return (Meeting.objects.filter(kind=kind).aggregate(n=Max("number"))["n"] or 0) + 1


@transaction.atomic
def save_meeting(meeting: Meeting | None, *, actor, **values) -> Meeting:
    """Create (meeting None) or update a meeting with the MEETING_FIELDS values given."""
    permissions.require_lead(actor)
    creating = meeting is None
    meeting = meeting or Meeting(created_by=actor)
    before = snapshot(meeting, MEETING_FIELDS)
    for name in MEETING_FIELDS:
        if name in values:
            setattr(meeting, name, values[name])
    if not meeting.number:
        meeting.number = next_number(meeting.kind)
    errors = {}
    if meeting.kind == Meeting.Kind.IN_PERSON and not (meeting.city or "").strip():
        errors["city"] = _("Enter the city where the meeting is held.")
    clash = Meeting.objects.filter(kind=meeting.kind, number=meeting.number).exclude(pk=meeting.pk)
    if clash.exists():
        errors["number"] = _("There is already a meeting of this kind with number %(n)d: choose another number.") % {
            "n": meeting.number
        }
    if errors:
        raise ValidationError(errors)
    meeting.save()
    record(
        actor,
        "reporting.meeting_create" if creating else "reporting.meeting_update",
        meeting,
        diff(meeting, before, MEETING_FIELDS),
    )
    return meeting


def expected_organisations() -> list[tuple[Organisation, int]]:
    """Who is expected at a steering committee: two members per partner, one per implementing body."""
    orgs = Organisation.objects.filter(
        kind__in=(Organisation.Kind.PARTNER, Organisation.Kind.IMPLEMENTING_BODY)
    ).select_related("delegating_partner")
    rows = [(o, 2 if o.kind == Organisation.Kind.PARTNER else 1) for o in orgs]
    # Each partner followed by its implementing bodies.
    return sorted(
        rows,
        key=lambda r: (
            (r[0].delegating_partner or r[0]).partner_code or (r[0].delegating_partner or r[0]).legal_name,
            r[0].kind != Organisation.Kind.PARTNER,
            r[0].legal_name,
        ),
    )


@dataclass
class AttendanceRow:
    organisation: Organisation
    expected: int
    present: list[str]
    absent: list[str]

    @property
    def missing(self) -> int:
        return max(0, self.expected - len(self.present))


def attendance_summary(meeting: Meeting) -> list[AttendanceRow]:
    people: dict[int, list[Attendance]] = {}
    for a in meeting.attendances.all():
        people.setdefault(a.organisation_id, []).append(a)
    rows = []
    for org, expected in expected_organisations():
        mine = people.pop(org.pk, [])
        rows.append(
            AttendanceRow(
                org,
                expected,
                [a.person_name for a in mine if a.present],
                [a.person_name for a in mine if not a.present],
            )
        )
    return rows


@transaction.atomic
def record_attendance(meeting: Meeting, rows: list[tuple[Organisation, str, bool]], *, actor) -> int:
    """Replace the meeting's attendance list with `rows` (organisation, person name, present)."""
    permissions.require_lead(actor)
    seen = set()
    clean = []
    for org, name, present in rows:
        name = (name or "").strip()
        if not name:
            continue
        if not org.is_project_partner:
            raise ValidationError(_("Only partners' and implementing bodies' members attend the steering committee."))
        if (org.pk, name.lower()) in seen:
            raise ValidationError(
                _("%(name)s is listed twice for %(org)s: keep one line per person.") % {"name": name, "org": org}
            )
        seen.add((org.pk, name.lower()))
        clean.append(Attendance(meeting=meeting, organisation=org, person_name=name, present=present))
    meeting.attendances.all().delete()
    Attendance.objects.bulk_create(clean)
    record(
        actor, "reporting.attendance", meeting, {"present": sum(1 for a in clean if a.present), "listed": len(clean)}
    )
    return len(clean)


def _require_text(text_fr: str, text_it: str, field: str = "text") -> None:
    if not (text_fr or "").strip() and not (text_it or "").strip():
        raise ValidationError({f"{field}_fr": _("Write the text in French, in Italian or in both.")})


@transaction.atomic
def add_decision(meeting: Meeting, *, text_fr: str, text_it: str, actor) -> Decision:
    permissions.require_lead(actor)
    _require_text(text_fr, text_it)
    order = (meeting.decisions.aggregate(n=Max("order"))["n"] or 0) + 1
    decision = Decision.objects.create(meeting=meeting, order=order, text_fr=text_fr, text_it=text_it)
    record(actor, "reporting.decision_add", decision, {"meeting": meeting.pk})
    return decision


@transaction.atomic
def delete_decision(decision: Decision, *, actor) -> None:
    permissions.require_lead(actor)
    record(actor, "reporting.decision_delete", decision, {"meeting": decision.meeting_id})
    decision.delete()


@transaction.atomic
def add_action_item(
    meeting: Meeting, *, text_fr: str, text_it: str, owner, owner_organisation, due_date: date | None, actor
) -> ActionItem:
    permissions.require_lead(actor)
    _require_text(text_fr, text_it)
    if owner is None and owner_organisation is None:
        raise ValidationError({"owner": _("Choose who carries out the action: a person, an organisation or both.")})
    item = ActionItem.objects.create(
        meeting=meeting,
        text_fr=text_fr,
        text_it=text_it,
        owner=owner,
        owner_organisation=owner_organisation,
        due_date=due_date,
    )
    record(actor, "reporting.action_add", item, {"meeting": meeting.pk, "owner": owner, "due_date": due_date})
    return item


def can_close_action(user, item: ActionItem) -> bool:
    return permissions.is_lead(user) or (item.owner_id is not None and item.owner_id == user.pk)


@transaction.atomic
def set_action_status(item: ActionItem, *, done: bool, actor) -> ActionItem:
    if not can_close_action(actor, item):
        raise PermissionDenied
    item.status = ActionItem.Status.DONE if done else ActionItem.Status.OPEN
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["status", "done_at"])
    record(actor, "reporting.action_status", item, {"status": item.status})
    return item


@transaction.atomic
def save_minutes(meeting: Meeting, *, minutes_fr: str, minutes_it: str, approve: bool = False, actor) -> Meeting:
    """Save the minutes; changing approved minutes sends them back to draft (to approve again).
    With `approve`, approve them too, or save nothing when approval is refused."""
    permissions.require_lead(actor)
    before = snapshot(meeting, ["minutes_fr", "minutes_it", "minutes_status"])
    changed = (meeting.minutes_fr or "") != minutes_fr or (meeting.minutes_it or "") != minutes_it
    meeting.minutes_fr, meeting.minutes_it = minutes_fr, minutes_it
    if changed and meeting.is_approved:
        meeting.minutes_status = Meeting.MinutesStatus.DRAFT
        meeting.approved_at = meeting.approved_by = None
    meeting.save(
        update_fields=["minutes_fr", "minutes_it", "minutes_status", "approved_at", "approved_by", "updated_at"]
    )
    record(actor, "reporting.minutes_save", meeting, diff(meeting, before, ["minutes_status"]) | {"edited": changed})
    if approve:
        approve_minutes(meeting, actor=actor)
    return meeting


@transaction.atomic
def approve_minutes(meeting: Meeting, *, actor) -> Meeting:
    """Approval needs the minutes written in both official languages; otherwise nothing changes."""
    permissions.require_lead(actor)
    missing = [
        label
        for lang, label in (("fr", _("French")), ("it", _("Italian")))
        if not (getattr(meeting, f"minutes_{lang}") or "").strip()
    ]
    if missing:
        raise ValidationError(
            _("The minutes cannot be approved: write them in %(languages)s first (both languages are required).")
            % {"languages": missing[0] if len(missing) == 1 else _("French and Italian")}
        )
    if meeting.is_approved:
        return meeting
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.approved_by = actor
    meeting.approved_at = timezone.now()
    meeting.save(update_fields=["minutes_status", "approved_by", "approved_at", "updated_at"])
    record(actor, "reporting.minutes_approve", meeting, {"minutes_status": ["draft", "approved"]})
    return meeting
