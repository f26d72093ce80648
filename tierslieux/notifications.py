"""E-mails about service requests and innovation answers, each in its recipient's language.

- A new request goes to the place's referents; a place without a referent would leave the
  company unanswered, so the staff of the project partners of the place's country get it
  instead (they can answer in the thread or find a referent).
- A message goes to the other side, at most one message e-mail per thread and recipient per
  hour, worked out from the messages' own timestamps (nothing extra is stored).
- A status change goes to the other side, with the reason when there is one.
- A B2B meeting request at an event goes to the invited participant and the other active members
  of the company they registered for; the answer (accepted or declined) goes to the requester.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from circuito.accounts.models import Membership, Organisation, User
from circuito.mail import send_mail

MESSAGE_MAIL_INTERVAL = timedelta(hours=1)
_PARTNER_KINDS = (Organisation.Kind.PARTNER, Organisation.Kind.IMPLEMENTING_BODY)


def _active(users: QuerySet[User]) -> QuerySet[User]:
    return users.filter(is_active=True).exclude(email="").distinct()


def company_users(organisation_id: int) -> QuerySet[User]:
    return _active(
        User.objects.filter(memberships__organisation_id=organisation_id, memberships__status=Membership.Status.ACTIVE)
    )


def place_users(place) -> QuerySet[User]:
    """The referents of the place, or partner staff of its country when it has none."""
    referents = _active(User.objects.filter(referent_of__place=place))
    if referents.exists():
        return referents
    return _active(
        User.objects.filter(
            memberships__status=Membership.Status.ACTIVE,
            memberships__organisation__kind__in=_PARTNER_KINDS,
            memberships__organisation__country=place.country,
        )
    )


def _send(user: User, template: str, context: dict, url_name: str, pk: int | str) -> None:
    """Render `tierslieux/email/<template>_subject.txt` / `_body.txt` in the user's language."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {**context, "user": user, "url": settings.SITE_URL + reverse(url_name, args=[pk])}
        subject = render_to_string(f"tierslieux/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"tierslieux/email/{template}_body.txt", context)
    send_mail(
        f"[CIRCUITO] {subject}", body, None, [user.email], language=user.preferred_language or settings.LANGUAGE_CODE
    )


def _load(request_id: int):
    from tierslieux.models import ServiceRequest

    return ServiceRequest.objects.select_related("place__commune", "organisation", "service").get(pk=request_id)


def _recipients(request, author_id: int | None, *, author_is_company: bool) -> list[User]:
    users = place_users(request.place) if author_is_company else company_users(request.organisation_id)
    return list(users.exclude(pk=author_id))


def _company_user_ids(request) -> set[int]:
    return set(
        Membership.objects.filter(organisation_id=request.organisation_id, status=Membership.Status.ACTIVE).values_list(
            "user_id", flat=True
        )
    )


def request_created(request_id: int) -> None:
    request = _load(request_id)
    first = request.messages.order_by("created_at").first()
    context = {"req": request, "message": first}
    for user in _recipients(request, request.requester_id, author_is_company=True):
        _send(user, "request_new", context, "tierslieux:request_detail", request.pk)


def _mailed(times: list[datetime]) -> list[datetime]:
    """Of messages at `times` (ascending), those that caused a mail: the first, then the first
    one at least MESSAGE_MAIL_INTERVAL after the previous mailed one."""
    mailed: list[datetime] = []
    for at in times:
        if not mailed or at - mailed[-1] >= MESSAGE_MAIL_INTERVAL:
            mailed.append(at)
    return mailed


def message_posted(message_id: int) -> None:
    from tierslieux.models import RequestMessage

    message = RequestMessage.objects.select_related("author").get(pk=message_id)
    request = _load(message.request_id)
    company_ids = _company_user_ids(request)
    author_is_company = message.author_id in company_ids and request.place_id not in set(
        (message.author.referent_of.values_list("place_id", flat=True)) if message.author else []
    )
    # Messages that would have mailed the other side: those written by this message's side.
    rows = request.messages.filter(created_at__lte=message.created_at).order_by("created_at", "pk")
    times = [
        at for author, at in rows.values_list("author_id", "created_at") if (author in company_ids) == author_is_company
    ]
    if message.created_at not in _mailed(times):
        return
    for user in _recipients(request, message.author_id, author_is_company=author_is_company):
        _send(user, "request_message", {"req": request, "message": message}, "tierslieux:request_detail", request.pk)


def status_changed(request_id: int, actor_id: int, from_status: str, message_id: int | None) -> None:
    from tierslieux.models import RequestMessage

    request = _load(request_id)
    actor = User.objects.filter(pk=actor_id).first()
    is_company = actor_id in _company_user_ids(request) and not (
        actor and actor.referent_of.filter(place_id=request.place_id).exists()
    )
    message = RequestMessage.objects.filter(pk=message_id).first() if message_id else None
    context = {"req": request, "actor": actor, "from_status": from_status, "reason": message.body if message else ""}
    for user in _recipients(request, actor_id, author_is_company=is_company):
        _send(user, "request_status", context, "tierslieux:request_detail", request.pk)


def need_answered(answer_id: int) -> None:
    """Tell the author side of an innovation need or call that it has an answer."""
    from tierslieux.models import InnovationAnswer

    answer = InnovationAnswer.objects.select_related("need", "place", "organisation", "author").get(pk=answer_id)
    need = answer.need
    if need.organisation_id:
        users = company_users(need.organisation_id)
    else:
        users = _active(User.objects.filter(referent_of__place_id=need.place_id))
    for user in users.exclude(pk=answer.author_id):
        _send(
            user, "request_innovation_answer", {"need": need, "answer": answer}, "tierslieux:innovation_detail", need.pk
        )


def _load_b2b(request_id: int):
    from tierslieux.models import B2BRequest

    return B2BRequest.objects.select_related(
        "event", "requester__user", "requester__organisation", "invitee__user", "invitee__organisation"
    ).get(pk=request_id)


def b2b_requested(request_id: int) -> None:
    """The invitee, and the other members of the company they registered for, learn of the request.
    Only the invitee answers; colleagues are told so they can follow up or step in."""
    meeting = _load_b2b(request_id)
    invitee = meeting.invitee
    who = Q(pk=invitee.user_id)
    if invitee.organisation_id:
        who |= Q(memberships__organisation_id=invitee.organisation_id, memberships__status=Membership.Status.ACTIVE)
    context = {"meeting": meeting, "event": meeting.event}
    for user in _active(User.objects.filter(who)).exclude(pk=meeting.requester.user_id):
        _send(user, "b2b_request", context, "tierslieux:b2b_directory", meeting.event.slug)


def b2b_answered(request_id: int) -> None:
    """The requester learns whether the invitee accepted or declined."""
    meeting = _load_b2b(request_id)
    context = {"meeting": meeting, "event": meeting.event}
    for user in _active(User.objects.filter(pk=meeting.requester.user_id)):
        _send(user, "b2b_answer", context, "tierslieux:b2b_directory", meeting.event.slug)
