"""Daily digest of new candidates: the company of a published flow is told, at most once a day
and in each reader's preferred language, which candidates appeared since the last digest.

Recipients of a flow: the active members of its company who keep the company's flux exchange
e-mails (`Membership.receive_flow_mail`, on by default), and the flow's creator while they may
still act for the company (a facilitator who entered it is copied); everyone can switch digests
off altogether (`User.receive_digests`)."""

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
from circuito.accounts.models import Membership, User
from circuito.mail import send_mail

DIGEST_CANDIDATES = 20  # candidates examined per flow


def _start_of_day(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return timezone.make_aware(datetime.combine(local.date(), time.min), local.tzinfo)


def _url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def company_recipients(organisation_ids) -> dict[int, list[User]]:
    """{organisation id: its active members who keep its flux exchange e-mails}."""
    members = (
        Membership.objects.filter(
            organisation_id__in=set(organisation_ids),
            status=Membership.Status.ACTIVE,
            receive_flow_mail=True,
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user")
        .order_by("organisation_id", "user_id")
    )
    found: dict[int, list[User]] = defaultdict(list)
    for membership in members:
        found[membership.organisation_id].append(membership.user)
    return found


def send_match_digests(now: datetime | None = None) -> int:
    """Send the day's digests; returns the number of e-mails sent."""
    now = now or timezone.now()
    already = MatchNotice.objects.filter(notified_at__gte=_start_of_day(now)).values("flow_id")
    flows = list(
        open_flows(timezone.localdate(now)).exclude(pk__in=already).select_related("created_by").order_by("pk")
    )
    members = company_recipients(f.organisation_id for f in flows)
    by_user: dict[int, list[Flow]] = defaultdict(list)
    users: dict[int, User] = {}
    for flow in flows:
        readers = list(members.get(flow.organisation_id, []))
        if flow.created_by and flow.created_by.is_active:
            readers.append(flow.created_by)
        for user in readers:
            if user.receive_digests and flow not in by_user[user.pk]:
                users[user.pk] = user
                by_user[user.pk].append(flow)
    # What every reader of a flow was told before this run: all of them hear of the same new ones.
    known: dict[int, set[int]] = defaultdict(set)
    for flow_id, candidate_id in MatchNotice.objects.filter(flow__in=flows).values_list("flow_id", "candidate_id"):
        known[flow_id].add(candidate_id)
    sent = 0
    for user_id, user_flows in by_user.items():
        if _digest_for(users[user_id], user_flows, now, known):
            sent += 1
    return sent


def _digest_for(user: User, flows: list[Flow], now: datetime, known: dict[int, set[int]]) -> bool:
    flows = [f for f in flows if can_edit_flow(user, f)]
    if not flows or not user.email:
        return False
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
