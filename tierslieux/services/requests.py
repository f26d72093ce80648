"""Service requests: a company asks a place for a service and both sides talk in a thread.

Statuses: new → answered (set automatically when the place side first replies) → agreed → done;
declined from new or answered, by the place (a reason is required) or by the company (a
withdrawal). The place side is the place's referents, or partner staff (who stand in for places
without a referent); the company side is the active members of the requesting company.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from circuito.accounts.models import Organisation
from circuito.audit.services import record
from tierslieux import notifications
from tierslieux.models import Place, RequestMessage, RequestRead, Service, ServiceRequest
from tierslieux.permissions import can_see_request, is_staff_of_project, member_organisation_ids, referent_place_ids

MAX_MESSAGE_LENGTH = 5000
Status = ServiceRequest.Status

# to_status -> statuses it may be reached from (ANSWERED is only ever set by a place reply)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    Status.AGREED: (Status.ANSWERED,),
    Status.DONE: (Status.AGREED,),
    Status.DECLINED: (Status.NEW, Status.ANSWERED),
}


def side_of(user, request: ServiceRequest) -> str | None:
    """ "company", "place" or None (not involved). A referent of the place counts as the place side."""
    if not user.is_authenticated:
        return None
    if request.place_id in referent_place_ids(user):
        return "place"
    if request.organisation_id in member_organisation_ids(user):
        return "company"
    if is_staff_of_project(user):
        return "place"
    return None


def _clean_body(body: str, *, required: bool = True) -> str:
    body = (body or "").strip()
    if required and not body:
        raise ValidationError({"body": _("Write a message before sending it.")})
    if len(body) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            {"body": _("The message is too long: keep it under %(n)s characters.") % {"n": MAX_MESSAGE_LENGTH}}
        )
    return body


def create_request(
    *, actor, place: Place, organisation: Organisation, service: Service | None, subject: str, message: str
) -> ServiceRequest:
    if organisation.pk not in member_organisation_ids(actor):
        raise PermissionDenied(_("You can only send requests for a company you are an active member of."))
    if place.status != Place.Status.PUBLISHED:
        raise ValidationError(_("This place is not published: it cannot receive requests."))
    if service is not None and service.place_id != place.pk:
        raise ValidationError({"service": _("Choose a service of this place.")})
    cross_border = bool(organisation.country and organisation.country != place.country)
    if cross_border and not place.open_to_other_country:
        raise ValidationError(_("This place does not take companies from the other country: find a place near you."))
    if cross_border and service is not None and not service.open_to_other_country:
        raise ValidationError(
            {"service": _("This service is not open to companies from the other country: choose another one.")}
        )
    subject = (subject or "").strip()
    if not subject:
        raise ValidationError({"subject": _("Give your request a subject.")})
    body = _clean_body(message)
    with transaction.atomic():
        request = ServiceRequest.objects.create(
            place=place,
            service=service,
            organisation=organisation,
            requester=actor,
            subject=subject[:200],
            cross_border=cross_border,
        )
        RequestMessage.objects.create(request=request, author=actor, body=body)
        record(
            actor,
            "tierslieux.request_created",
            request,
            {"place": place, "organisation": organisation, "service": service, "cross_border": request.cross_border},
        )
        transaction.on_commit(lambda: notifications.request_created(request.pk))
    return request


def post_message(request: ServiceRequest, *, actor, body: str) -> RequestMessage:
    side = side_of(actor, request)
    if side is None or not can_see_request(actor, request):
        raise PermissionDenied
    body = _clean_body(body)
    with transaction.atomic():
        locked = ServiceRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status in (Status.DONE, Status.DECLINED):
            raise ValidationError(
                {
                    "body": _("This request is closed (%(status)s): send a new request instead.")
                    % {"status": locked.get_status_display()}
                }
            )
        message = RequestMessage.objects.create(request=locked, author=actor, body=body)
        if side == "place" and locked.status == Status.NEW:
            locked.status = Status.ANSWERED
            locked.save(update_fields=["status", "updated_at"])
            record(actor, "tierslieux.request_status", locked, {"status": [Status.NEW, Status.ANSWERED]})
            request.status = locked.status
        record(actor, "tierslieux.request_message", locked, {"message": message.pk})
        transaction.on_commit(lambda: notifications.message_posted(message.pk))
    return message


def allowed_statuses(user, request: ServiceRequest) -> list[str]:
    """Statuses the user may move the request to now (buttons on the page)."""
    side = side_of(user, request)
    if side is None:
        return []
    return [to for to, sources in TRANSITIONS.items() if request.status in sources]


def change_status(request: ServiceRequest, *, actor, to_status: str, reason: str = "") -> ServiceRequest:
    side = side_of(actor, request)
    if side is None or not can_see_request(actor, request):
        raise PermissionDenied
    if to_status not in Status.values:
        raise ValidationError({"status": _("Unknown status “%(s)s”.") % {"s": to_status}})
    reason = _clean_body(reason, required=False)
    with transaction.atomic():
        locked = ServiceRequest.objects.select_for_update().get(pk=request.pk)
        current = locked.status
        if to_status == Status.ANSWERED:
            raise ValidationError(
                {"status": _("A request becomes “Answered” when the place replies in the thread: write a message.")}
            )
        if current not in TRANSITIONS.get(to_status, ()):
            raise ValidationError(
                {
                    "status": _("A request that is “%(current)s” cannot be moved to “%(to)s”.")
                    % {"current": Status(current).label, "to": Status(to_status).label}
                }
            )
        if to_status == Status.DECLINED and side == "place" and not reason:
            raise ValidationError({"reason": _("Say why you decline, so that the company knows what to do next.")})
        locked.status = to_status
        locked.save(update_fields=["status", "updated_at"])
        message = None
        if reason:
            message = RequestMessage.objects.create(request=locked, author=actor, body=reason)
        record(
            actor,
            "tierslieux.request_status",
            locked,
            {
                "status": [current, to_status],
                "by": side,
                "withdrawn": to_status == Status.DECLINED and side == "company",
            },
        )
        transaction.on_commit(
            lambda: notifications.status_changed(locked.pk, actor.pk, current, message.pk if message else None)
        )
    request.status = to_status
    return request


def mark_read(request: ServiceRequest, *, user) -> None:
    """The user has seen the thread up to now. Not audited: reading changes nothing shared."""
    if not user.is_authenticated:
        return
    RequestRead.objects.update_or_create(user=user, request=request, defaults={"last_read_at": timezone.now()})
