"""Events: creation and edition by their managers, registration with a capacity and a waiting
list, cancellation (which promotes the first person waiting), attendance.

Capacity holds under concurrency: every change of who holds a seat locks the event row first
(select_for_update), so two last-minute registrations cannot both take the last seat.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from circuito.accounts.models import Organisation
from circuito.audit.services import record
from circuito.mail import send_mail
from tierslieux.event_mails import send_registration_confirmation
from tierslieux.models import B2BMeeting, Event, Place, Registration
from tierslieux.permissions import (
    can_manage_event,
    is_staff_of_project,
    member_organisation_ids,
    referent_place_ids,
)

Status = Registration.Status
EVENT_FIELDS = [
    "kind",
    "topic",
    "title_fr",
    "title_it",
    "description_fr",
    "description_it",
    "place",
    "organiser",
    "starts_at",
    "ends_at",
    "online",
    "location",
    "commune",
    "capacity",
    "registration_open",
    "b2b_enabled",
    "published",
]


def can_create_event(user, *, organiser: Organisation | None = None, place: Place | None = None) -> bool:
    """Members of the organiser, referents of the place, partner staff. Without arguments: may
    this user create any event at all (to show the button)."""
    if not user.is_authenticated:
        return False
    if is_staff_of_project(user):
        return True
    if organiser is None and place is None:
        return bool(member_organisation_ids(user) or referent_place_ids(user))
    return (organiser is not None and organiser.pk in member_organisation_ids(user)) or (
        place is not None and place.pk in referent_place_ids(user)
    )


def _unique_slug(title: str) -> str:
    base = slugify(title)[:70] or "event"
    slug, n = base, 1
    while Event.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def _validate(data: dict) -> None:
    if not (data.get("title_fr") or data.get("title_it")):
        raise ValidationError({"title_fr": _("Give the event a title in French or in Italian.")})
    if data["ends_at"] <= data["starts_at"]:
        raise ValidationError({"ends_at": _("The event must end after it starts: check the end date and time.")})
    if not data.get("online") and not (data.get("place") or data.get("location") or data.get("commune")):
        raise ValidationError({"location": _("Say where the event takes place, or tick “online”.")})


def create_event(*, actor, data: dict) -> Event:
    if not can_create_event(actor, organiser=data.get("organiser"), place=data.get("place")):
        raise PermissionDenied(_("Only members of the organiser, referents of the place or partner staff can do this."))
    _validate(data)
    with transaction.atomic():
        event = Event(created_by=actor, slug=_unique_slug(data.get("title_fr") or data.get("title_it")))
        for name in EVENT_FIELDS:
            if name in data:
                setattr(event, name, data[name])
        event.save()
        record(actor, "tierslieux.event.create", event)
    return event


def update_event(event: Event, *, actor, data: dict) -> Event:
    if not can_manage_event(actor, event):
        raise PermissionDenied(_("Only the managers of this event can change it."))
    _validate(data)
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        changed = [name for name in EVENT_FIELDS if name in data and getattr(event, name) != data[name]]
        for name in changed:
            setattr(event, name, data[name])
        if changed:
            event.save(update_fields=changed)
            record(actor, "tierslieux.event.update", event, dict.fromkeys(changed, "changed"))
        if "capacity" in changed:  # more seats (or no limit any more): the waiting list moves up
            _fill_seats(event)
    return event


def seats_taken(event: Event) -> int:
    return event.registrations.filter(status=Status.REGISTERED).count()


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None when not on the waiting list."""
    if registration.status != Status.WAITING:
        return None
    ahead = Registration.objects.filter(
        event_id=registration.event_id, status=Status.WAITING, created_at__lt=registration.created_at
    )
    return ahead.count() + 1


@dataclass(frozen=True)
class Outcome:
    registration: Registration
    message: str


def register(event: Event, *, user, organisation: Organisation | None = None) -> Outcome:
    """Take a seat, or a place on the waiting list when the event is full."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to register."))
    if organisation is not None and organisation.pk not in member_organisation_ids(user):
        raise ValidationError({"organisation": _("Choose a company you are an active member of.")})
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if not event.published:
            raise ValidationError(_("This event is not published: registration is not possible."))
        if event.starts_at <= timezone.now():
            raise ValidationError(_("This event has already started or is over: registration is closed."))
        if not event.registration_open:
            raise ValidationError(_("Registration for this event is closed."))
        existing = Registration.objects.filter(event=event, user=user).first()
        if existing is not None and existing.status != Status.CANCELLED:
            raise ValidationError(_("You are already registered for this event (see your registration below)."))
        full = event.capacity is not None and seats_taken(event) >= event.capacity
        status = Status.WAITING if full else Status.REGISTERED
        if existing is None:
            registration = Registration.objects.create(event=event, user=user, organisation=organisation, status=status)
        else:  # coming back after cancelling: to the back of the queue
            registration = existing
            registration.status, registration.organisation = status, organisation
            registration.created_at, registration.attended = timezone.now(), False
            registration.save(update_fields=["status", "organisation", "created_at", "attended"])
        record(user, f"tierslieux.event.{status}", registration)
        if status == Status.REGISTERED:
            transaction.on_commit(lambda pk=registration.pk: send_registration_confirmation(pk))
    if full:
        message = _("The event is full: you are number %(n)s on the waiting list.") % {
            "n": waiting_position(registration)
        }
    else:
        message = _("You are registered. Add the event to your calendar with the .ics file.")
    return Outcome(registration, message)


def cancel_registration(registration: Registration, *, actor) -> Registration | None:
    """Cancel (by the person or a manager). Returns the registration promoted from the waiting
    list, if a seat was freed and somebody was waiting; they get an e-mail in their language."""
    event = registration.event
    if actor.pk != registration.user_id and not can_manage_event(actor, event):
        raise PermissionDenied(_("You can only cancel your own registration."))
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == Status.CANCELLED:
            raise ValidationError(_("This registration is already cancelled."))
        freed = registration.status == Status.REGISTERED
        registration.status = Status.CANCELLED
        registration.save(update_fields=["status"])
        # both seats of each of its meetings: the other person's slot becomes free again
        B2BMeeting.objects.filter(Q(request__requester=registration) | Q(request__invitee=registration)).delete()
        record(actor, "tierslieux.event.cancel", registration)
        promoted = _fill_seats(event) if freed else []
    return promoted[0] if promoted else None


def _fill_seats(event: Event) -> list[Registration]:
    """Give free seats to the people waiting, first come first served (the caller holds the
    event's row lock). Each promoted person is e-mailed once the transaction commits."""
    if event.starts_at <= timezone.now():
        return []
    waiting = Registration.objects.select_for_update().filter(event=event, status=Status.WAITING)
    waiting = waiting.order_by("created_at", "pk")
    if event.capacity is not None:
        free = event.capacity - seats_taken(event)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for registration in promoted:
        registration.status = Status.REGISTERED
        registration.save(update_fields=["status"])
        record(None, "tierslieux.event.promote", registration)
        transaction.on_commit(lambda pk=registration.pk: notify_promoted(pk))
    return promoted


def notify_promoted(registration_pk: int) -> None:
    registration = Registration.objects.select_related("event", "user").get(pk=registration_pk)
    user = registration.user
    if not user.email or not user.is_active:
        return
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        event = registration.event
        context = {
            "user": user,
            "event": event,
            "title": event.title,  # modeltranslation: in the active language, with fallback
            "url": settings.SITE_URL + reverse("tierslieux:event_detail", args=[event.slug]),
        }
        subject = render_to_string("tierslieux/email/event_promoted_subject.txt", context).strip()
        body = render_to_string("tierslieux/email/event_promoted_body.txt", context)
    send_mail(
        f"[CIRCUITO] {subject}", body, None, [user.email], language=user.preferred_language or settings.LANGUAGE_CODE
    )


def record_attendance(event: Event, *, actor, attended_ids: set[int]) -> int:
    """Mark who came (the registrations in `attended_ids`) and who did not. Returns how many came."""
    if not can_manage_event(actor, event):
        raise PermissionDenied(_("Only the managers of this event can record attendance."))
    with transaction.atomic():
        rows = Registration.objects.select_for_update().filter(event=event, status=Status.REGISTERED)
        changed = 0
        for registration in rows:
            came = registration.pk in attended_ids
            if registration.attended != came:
                registration.attended = came
                registration.save(update_fields=["attended"])
                changed += 1
        record(actor, "tierslieux.event.attendance", event, {"changed": changed})
    return Registration.objects.filter(event=event, status=Status.REGISTERED, attended=True).count()
