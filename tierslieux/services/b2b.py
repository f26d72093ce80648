"""B2B matchmaking at Open Innovation sessions: profiles, meeting requests, fixed time slots and
a schedule without clashes.

A meeting takes one B2BMeeting row per side; the unique (slot, participant) constraint makes it
impossible for anybody to sit at two tables in one slot, whatever the code above it does.
`build_schedule` is greedy (earliest slot where both sides are free, requests in the order they
were made), keeps what is already placed and can be re-run after new acceptances.
"""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from circuito.audit.services import record
from tierslieux import notifications
from tierslieux.models import B2BMeeting, B2BProfile, B2BRequest, B2BSlot, Event, Registration
from tierslieux.permissions import can_manage_event

PARIS = ZoneInfo("Europe/Paris")
MAX_TEXT = 2000


def participant(event: Event, user) -> Registration | None:
    """The user's confirmed registration to the event, if any."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, user=user, status=Registration.Status.REGISTERED).first()


def display_name(registration: Registration) -> str:
    """Name (and company) of a participant as other participants see it: never the e-mail."""
    name = registration.user.get_full_name() or _("Participant")
    if registration.organisation_id:
        return f"{name} · {registration.organisation.legal_name}"
    return name


def _require_b2b(event: Event) -> None:
    if not event.b2b_enabled:
        raise ValidationError(_("This event has no B2B meetings."))


def _require_participant(event: Event, user) -> Registration:
    _require_b2b(event)
    registration = participant(event, user)
    if registration is None:
        raise PermissionDenied(_("Only registered participants take part in the B2B meetings."))
    return registration


def save_profile(event: Event, *, actor, summary: str, offers: str = "", seeks: str = "") -> B2BProfile:
    registration = _require_participant(event, actor)
    summary = (summary or "").strip()
    if not summary:
        raise ValidationError({"summary": _("Say in a few words who you are: other participants choose from this.")})
    values = {
        "summary": summary[:MAX_TEXT],
        "offers": (offers or "").strip()[:MAX_TEXT],
        "seeks": (seeks or "").strip()[:MAX_TEXT],
    }
    with transaction.atomic():
        profile, created = B2BProfile.objects.get_or_create(registration=registration, defaults=values)
        if not created:
            for name, value in values.items():
                setattr(profile, name, value)
            profile.save(update_fields=list(values))
        record(actor, "tierslieux.b2b.profile", profile)
    return profile


def request_meeting(event: Event, *, requester, invitee: Registration, message: str = "") -> B2BRequest:
    """`requester` is a user; `invitee` a registration with a published profile."""
    mine = _require_participant(event, requester)
    if not B2BProfile.objects.filter(registration=mine).exists():
        raise ValidationError(_("Publish your B2B profile first: the people you invite will read it."))
    if invitee.event_id != event.pk or invitee.status != Registration.Status.REGISTERED:
        raise ValidationError(_("This person is not a participant of the event."))
    if invitee.pk == mine.pk:
        raise ValidationError(_("You cannot ask yourself for a meeting."))
    if not B2BProfile.objects.filter(registration=invitee).exists():
        raise ValidationError(_("This participant has no B2B profile yet."))
    pair = B2BRequest.objects.filter(requester=mine, invitee=invitee) | B2BRequest.objects.filter(
        requester=invitee, invitee=mine
    )
    if pair.exists():
        raise ValidationError(_("A meeting request already exists between you two: see your requests."))
    with transaction.atomic():
        request = B2BRequest.objects.create(
            event=event, requester=mine, invitee=invitee, message=(message or "").strip()[:MAX_TEXT]
        )
        record(requester, "tierslieux.b2b.request", request)
        transaction.on_commit(lambda: notifications.b2b_requested(request.pk))
    return request


def answer_request(request: B2BRequest, *, actor, accept: bool) -> B2BRequest:
    if request.invitee.user_id != actor.pk:
        raise PermissionDenied(_("Only the invited participant can answer this request."))
    if request.status != B2BRequest.Status.PENDING:
        raise ValidationError(_("This request has already been answered."))
    with transaction.atomic():
        request.status = B2BRequest.Status.ACCEPTED if accept else B2BRequest.Status.DECLINED
        request.save(update_fields=["status"])
        record(actor, f"tierslieux.b2b.{request.status}", request)
        transaction.on_commit(lambda: notifications.b2b_answered(request.pk))
    return request


def generate_slots(event: Event, *, actor, day: dt.date, start: dt.time, end: dt.time, minutes: int) -> list[B2BSlot]:
    """Consecutive slots of `minutes` from `start` to `end` (Paris time); existing ones are kept."""
    if not can_manage_event(actor, event):
        raise PermissionDenied(_("Only the managers of this event can define the meeting slots."))
    _require_b2b(event)
    if not 5 <= minutes <= 240:
        raise ValidationError({"minutes": _("A meeting lasts between 5 and 240 minutes.")})
    first = dt.datetime.combine(day, start, tzinfo=PARIS)
    last = dt.datetime.combine(day, end, tzinfo=PARIS)
    step = dt.timedelta(minutes=minutes)
    if first + step > last:
        raise ValidationError({"end": _("The end must leave room for at least one meeting after the start.")})
    wanted = []
    moment = first
    while moment + step <= last:
        wanted.append((moment, moment + step))
        moment += step
    created = []
    with transaction.atomic():
        Event.objects.select_for_update().filter(pk=event.pk).first()  # one generation at a time
        existing = list(B2BSlot.objects.filter(event=event, starts_at__lt=last, ends_at__gt=first))
        same = {(slot.starts_at, slot.ends_at) for slot in existing}
        # A slot already there is kept; one that would straddle an existing slot is refused, or a
        # participant could sit at two meetings at once.
        clashes = [
            slot
            for slot in existing
            if (slot.starts_at, slot.ends_at) not in wanted
            and any(start < slot.ends_at and slot.starts_at < end for start, end in wanted)
        ]
        if clashes:
            raise ValidationError(
                _(
                    "These times overlap existing meeting slots (%(slots)s): start after the last one or end "
                    "before the first one, or use the same length so the slots line up."
                )
                % {"slots": ", ".join(_slot_label(slot) for slot in clashes[:5])}
            )
        for start, end in wanted:
            if (start, end) not in same:
                created.append(B2BSlot.objects.create(event=event, starts_at=start, ends_at=end))
        record(actor, "tierslieux.b2b.slots", event, {"created": len(created)})
    return created


def _slot_label(slot: B2BSlot) -> str:
    starts, ends = slot.starts_at.astimezone(PARIS), slot.ends_at.astimezone(PARIS)
    return f"{starts:%d/%m %H:%M}–{ends:%H:%M}"


def _overlapping(slot: B2BSlot):
    """The event's slots that share some time with `slot` (itself included): a participant or
    a table is taken in all of them at once."""
    return B2BSlot.objects.filter(event_id=slot.event_id, starts_at__lt=slot.ends_at, ends_at__gt=slot.starts_at)


def _taken(slot: B2BSlot, busy: list[Registration]) -> ValidationError:
    names = ", ".join(display_name(r) for r in busy)
    return ValidationError(_("This slot is already taken for %(names)s: pick another one.") % {"names": names})


def _seat(request: B2BRequest, slot: B2BSlot) -> None:
    """Two seats at the next table free during the slot (inside the caller's transaction)."""
    table = (B2BMeeting.objects.filter(slot__in=_overlapping(slot)).aggregate(m=Max("table"))["m"] or 0) + 1
    for side in (request.requester_id, request.invitee_id):
        B2BMeeting.objects.create(request=request, slot=slot, participant_id=side, table=table)


def book_slot(request: B2BRequest, slot: B2BSlot, *, actor) -> None:
    """Place one accepted meeting in a chosen slot (a manager, or one of the two participants)."""
    sides = {request.requester.user_id, request.invitee.user_id}
    if actor.pk not in sides and not can_manage_event(actor, request.event):
        raise PermissionDenied(_("Only the two participants or the managers can place this meeting."))
    if request.status != B2BRequest.Status.ACCEPTED:
        raise ValidationError(_("Only accepted requests can be placed in a slot."))
    if slot.event_id != request.event_id:
        raise ValidationError(_("Choose a slot of this event."))
    with transaction.atomic():
        Event.objects.select_for_update().filter(pk=request.event_id).first()
        request.seats.all().delete()  # moving a meeting frees its former slot
        busy = list(
            Registration.objects.select_related("user", "organisation")
            .filter(b2b_seats__slot__in=_overlapping(slot), pk__in=[request.requester_id, request.invitee_id])
            .distinct()
        )
        if busy:
            raise _taken(slot, busy)
        try:
            with transaction.atomic():  # a concurrent booking trips the constraint: say it plainly
                _seat(request, slot)
        except IntegrityError as exc:
            busy = list(
                Registration.objects.select_related("user", "organisation").filter(
                    b2b_seats__slot=slot, pk__in=[request.requester_id, request.invitee_id]
                )
            )
            raise _taken(slot, busy) from exc
        record(actor, "tierslieux.b2b.book", request, {"slot": slot.pk})


@dataclass
class ScheduleResult:
    placed: list[B2BRequest] = field(default_factory=list)
    unplaced: list[B2BRequest] = field(default_factory=list)
    kept: int = 0


def build_schedule(event: Event, *, actor) -> ScheduleResult:
    """Place every accepted request not yet placed in the earliest slot where both are free."""
    if not can_manage_event(actor, event):
        raise PermissionDenied(_("Only the managers of this event can build the schedule."))
    _require_b2b(event)
    result = ScheduleResult()
    with transaction.atomic():
        Event.objects.select_for_update().filter(pk=event.pk).first()  # one build at a time
        slots = list(B2BSlot.objects.filter(event=event).order_by("starts_at", "pk"))
        busy: dict[int, set[int]] = {slot.pk: set() for slot in slots}
        tables: dict[int, int] = dict.fromkeys(busy, 0)
        # Slots that share time (made before overlaps were refused) share people and tables.
        overlapping = {
            s.pk: [o.pk for o in slots if o.starts_at < s.ends_at and s.starts_at < o.ends_at] for s in slots
        }
        placed_ids = set()
        for seat in B2BMeeting.objects.filter(slot__event=event).values(
            "slot_id", "participant_id", "table", "request_id"
        ):
            busy[seat["slot_id"]].add(seat["participant_id"])
            tables[seat["slot_id"]] = max(tables[seat["slot_id"]], seat["table"])
            placed_ids.add(seat["request_id"])
        result.kept = len(placed_ids)
        pending = (
            B2BRequest.objects.filter(event=event, status=B2BRequest.Status.ACCEPTED)
            .exclude(pk__in=placed_ids)
            .filter(requester__status=Registration.Status.REGISTERED, invitee__status=Registration.Status.REGISTERED)
            .select_related("requester__user", "requester__organisation", "invitee__user", "invitee__organisation")
            .order_by("created_at", "pk")
        )
        seats = []
        for request in pending:
            sides = {request.requester_id, request.invitee_id}
            slot = next((s for s in slots if not any(busy[o] & sides for o in overlapping[s.pk])), None)
            if slot is None:
                result.unplaced.append(request)
                continue
            busy[slot.pk] |= sides
            tables[slot.pk] = max(tables[o] for o in overlapping[slot.pk]) + 1
            seats += [
                B2BMeeting(request=request, slot=slot, participant_id=side, table=tables[slot.pk]) for side in sides
            ]
            result.placed.append(request)
        B2BMeeting.objects.bulk_create(seats)
        record(
            actor, "tierslieux.b2b.schedule", event, {"placed": len(result.placed), "unplaced": len(result.unplaced)}
        )
    return result


def schedule_of(registration: Registration) -> list[B2BMeeting]:
    """The participant's meetings by time, each with `other` (the other side's registration)."""
    seats = list(
        B2BMeeting.objects.filter(participant=registration)
        .select_related(
            "slot",
            "request__requester__user",
            "request__requester__organisation",
            "request__requester__b2b_profile",
            "request__invitee__user",
            "request__invitee__organisation",
            "request__invitee__b2b_profile",
        )
        .order_by("slot__starts_at")
    )
    for seat in seats:
        r = seat.request
        seat.other = r.invitee if r.requester_id == registration.pk else r.requester
    return seats
