"""Daily digest of new candidates: the author of a published flow is told, at most once a day and
in their preferred language, which candidates appeared since the last digest.

Recipients: the flow's creator while they may still act for its company (a member or a
facilitator). There is no opt-out field yet, so everyone with a flow gets the digest."""

from collections import defaultdict
from datetime import datetime, time

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from bourseflux.matching import candidates
from bourseflux.matching.search import open_flows
from bourseflux.models import Flow, MatchNotice
from bourseflux.permissions import can_edit_flow
from circuito.accounts.models import User
from circuito.mail import send_mail

DIGEST_CANDIDATES = 20  # candidates examined per flow


def _start_of_day(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return timezone.make_aware(datetime.combine(local.date(), time.min), local.tzinfo)


def _url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def send_match_digests(now: datetime | None = None) -> int:
    """Send the day's digests; returns the number of e-mails sent."""
    now = now or timezone.now()
    already = set(
        MatchNotice.objects.filter(notified_at__gte=_start_of_day(now)).values_list("flow__created_by", flat=True)
    )
    flows = (
        open_flows(timezone.localdate(now))
        .filter(created_by__isnull=False, created_by__is_active=True, created_by__receive_digests=True)
        .exclude(created_by__in=already)
        .select_related("created_by")
        .order_by("created_by", "pk")
    )
    by_user: dict[int, list[Flow]] = defaultdict(list)
    users: dict[int, User] = {}
    for flow in flows:
        users[flow.created_by_id] = flow.created_by
        by_user[flow.created_by_id].append(flow)
    sent = 0
    for user_id, user_flows in by_user.items():
        if _digest_for(users[user_id], user_flows, now):
            sent += 1
    return sent


def _digest_for(user: User, flows: list[Flow], now: datetime) -> bool:
    flows = [f for f in flows if can_edit_flow(user, f)]
    if not flows or not user.email:
        return False
    known = defaultdict(set)
    for flow_id, candidate_id in MatchNotice.objects.filter(flow__in=flows).values_list("flow_id", "candidate_id"):
        known[flow_id].add(candidate_id)
    language = user.preferred_language or settings.LANGUAGE_CODE
    sections, notices = [], []
    with translation.override(language):
        for flow in flows:
            found = [c for c in candidates(flow, limit=DIGEST_CANDIDATES, user=user) if c.flow.pk not in known[flow.pk]]
            if not found:
                continue
            sections.append(
                {"flow": flow, "candidates": found, "url": _url("bourseflux:flow_candidates_page", flow.pk)}
            )
            notices += [MatchNotice(flow=flow, candidate=c.flow, notified_at=now) for c in found]
        if not sections:
            return False
        context = {"user": user, "sections": sections, "site_url": settings.SITE_URL}
        subject = render_to_string("bourseflux/email/match_digest_subject.txt", context).strip()
        body = render_to_string("bourseflux/email/match_digest_body.txt", context)
    # Sent before the notices are recorded: a failed e-mail leaves the candidates new for next time.
    send_mail(f"[CIRCUITO] {subject}", body, None, [user.email], language=language)
    MatchNotice.objects.bulk_create(notices, ignore_conflicts=True)
    return True
