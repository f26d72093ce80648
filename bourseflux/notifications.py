"""Synergy e-mails (each in its recipient's language) and the "new messages" counts of the portal.

E-mails go to the active members of the other side who keep the company's flux exchange e-mails
(`Membership.receive_flow_mail`): on a new interest, on a stage change, and on
a new message, at most one message e-mail per synergy, side and hour (worked out from the
messages' own timestamps, so nothing extra is stored).

Unread counts: without a read-marker model, "new" means messages from others written after the
user's own last message in the thread, or after the user's last visit of the synergy page in this
browser session. (A `SynergyRead(synergy, user, read_at)` row would make it exact across devices.)
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime

from bourseflux.models import Synergy, SynergyMessage, SynergyStageChange
from circuito.accounts.models import Membership, User
from circuito.mail import send_mail

MESSAGE_MAIL_INTERVAL = timedelta(hours=1)
SESSION_KEY = "bourseflux_synergy_visits"


def _recipients(organisation_ids: list[int], exclude_user_id: int | None) -> list[User]:
    return list(
        User.objects.filter(
            memberships__organisation_id__in=[o for o in organisation_ids if o],
            memberships__status=Membership.Status.ACTIVE,
            memberships__receive_flow_mail=True,  # the member's choice (on by default)
            is_active=True,
        )
        .exclude(pk=exclude_user_id)
        .exclude(email="")
        .distinct()
    )


def _send(user: User, template: str, context: dict) -> None:
    """Render `bourseflux/email/synergy_<template>_subject.txt` / `_body.txt` in the user's language."""
    synergy = context["synergy"]
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            **context,
            "user": user,
            "offer_title": synergy.offer.title,  # modeltranslation: the active language, with fallback
            "need_title": synergy.need.title,
            "url": settings.SITE_URL + reverse("bourseflux:synergy_detail", args=[synergy.pk]),
        }
        subject = render_to_string(f"bourseflux/email/synergy_{template}_subject.txt", context).strip()
        body = render_to_string(f"bourseflux/email/synergy_{template}_body.txt", context)
    send_mail(
        f"[CIRCUITO] {subject}", body, None, [user.email], language=user.preferred_language or settings.LANGUAGE_CODE
    )


def _load(synergy_id: int) -> Synergy:
    return Synergy.objects.select_related("offer__organisation", "need__organisation", "facilitator").get(pk=synergy_id)


def _other_sides(synergy: Synergy, author_org_id: int | None) -> list[int]:
    return [o for o in (synergy.offer.organisation_id, synergy.need.organisation_id) if o != author_org_id]


def _author_org(synergy: Synergy, user_id: int | None) -> int | None:
    sides = (synergy.offer.organisation_id, synergy.need.organisation_id)
    return (
        Membership.objects.filter(user_id=user_id, organisation_id__in=sides, status=Membership.Status.ACTIVE)
        .values_list("organisation_id", flat=True)
        .first()
    )


def interest_expressed(synergy_id: int, actor_id: int) -> None:
    synergy = _load(synergy_id)
    actor = User.objects.filter(pk=actor_id).first()
    first = synergy.messages.order_by("created_at").first()
    context = {"synergy": synergy, "actor": actor, "first_message": first.body if first else ""}
    for user in _recipients(_other_sides(synergy, synergy.initiator_id), actor_id):
        _send(user, "interest", context)


def _mailed(times: list[datetime]) -> list[datetime]:
    """Of messages at `times` (ascending), those that caused a mail: the first, then the first
    one at least MESSAGE_MAIL_INTERVAL after the previous mailed one."""
    mailed: list[datetime] = []
    for at in times:
        if not mailed or at - mailed[-1] >= MESSAGE_MAIL_INTERVAL:
            mailed.append(at)
    return mailed


def message_posted(message_id: int) -> None:
    message = SynergyMessage.objects.select_related("author").get(pk=message_id)
    synergy = _load(message.synergy_id)
    for side in _other_sides(synergy, message.organisation_id):
        # Messages that would have mailed this side: those not written by it.
        times = list(
            synergy.messages.filter(created_at__lte=message.created_at)
            .exclude(organisation_id=side)
            .order_by("created_at")
            .values_list("created_at", flat=True)
        )
        if message.created_at not in _mailed(times):
            continue
        for user in _recipients([side], message.author_id):
            _send(user, "message", {"synergy": synergy, "message": message})


def stage_changed(change_id: int) -> None:
    change = SynergyStageChange.objects.select_related("by").get(pk=change_id)
    synergy = _load(change.synergy_id)
    recipients = _recipients(_other_sides(synergy, _author_org(synergy, change.by_id)), change.by_id)
    if synergy.facilitator and synergy.facilitator_id != change.by_id and synergy.facilitator not in recipients:
        recipients.append(synergy.facilitator)
    for user in recipients:
        _send(user, "stage", {"synergy": synergy, "change": change})


# --- in the portal -------------------------------------------------------------------------


def with_activity(queryset: QuerySet[Synergy], user) -> QuerySet[Synergy]:
    """Annotate `unread` (messages from others since the user's own last one) and `last_activity`."""
    mine = (
        SynergyMessage.objects.filter(synergy=OuterRef("pk"), author=user)
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    others = Q(messages__author__isnull=True) | ~Q(messages__author=user)
    return queryset.annotate(my_last=Subquery(mine)).annotate(
        unread=Count(
            "messages",
            filter=others & (Q(my_last__isnull=True) | Q(messages__created_at__gt=F("my_last"))),
        ),
        last_message_at=Max("messages__created_at"),
        last_other_at=Max("messages__created_at", filter=others),
    )


def remember_visit(request, synergy: Synergy) -> None:
    visits = dict(request.session.get(SESSION_KEY, {}))
    visits[str(synergy.pk)] = timezone.now().isoformat()
    if len(visits) > 200:  # keep the session small: forget the oldest visits
        visits = dict(sorted(visits.items(), key=lambda kv: kv[1])[-200:])
    request.session[SESSION_KEY] = visits


def apply_visits(request, synergies) -> None:
    """Zero the unread count of synergies seen in this session after their last message."""
    visits = request.session.get(SESSION_KEY, {})
    for synergy in synergies:
        seen = parse_datetime(visits.get(str(synergy.pk), "") or "")
        last_other = getattr(synergy, "last_other_at", None)
        if seen and last_other and seen >= last_other:
            synergy.unread = 0
        changed = synergy.stage_changed_at
        last = getattr(synergy, "last_message_at", None)
        synergy.last_activity = max(changed, last) if last else changed
