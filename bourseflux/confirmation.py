"""A flow a facilitator entered on a company's behalf (in a workshop, from a visit) goes back to
the company: each member who keeps the company's flux exchange e-mails is asked, in their own
language, to confirm it in one click or to correct it; the facilitator gets a copy.

The confirm link carries a signed token (flow and member, valid CONFIRM_MAX_AGE) so that the member
need not log in to confirm; it opens a page with the one button, because mail scanners follow
links and must not confirm on anyone's behalf. Correcting opens the flow's edit form (after login).
"""

from collections import defaultdict
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from bourseflux.models import Flow
from circuito.accounts.models import Membership, User
from circuito.mail import portal_url, send_mail

CONFIRM_MAX_AGE = timedelta(days=30)
_SALT = "bourseflux.flow-confirmation"


def make_token(flow: Flow, user: User) -> str:
    return signing.dumps({"f": flow.pk, "u": user.pk}, salt=_SALT, compress=True)


def read_token(token: str, flow_id: int) -> User | None:
    """The member the token was made for, while it is valid, for this flow and its company."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict) or data.get("f") != flow_id:
        return None
    return (
        User.objects.filter(
            pk=data.get("u"),
            is_active=True,
            memberships__organisation__flows__pk=flow_id,
            memberships__status=Membership.Status.ACTIVE,
        )
        .distinct()
        .first()
    )


def _language(user: User) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def invite_company(flow_id: int, facilitator_id: int) -> int:
    """E-mail the invitation to confirm the flow; returns the number of members invited."""
    return invite_company_flows([flow_id], facilitator_id)


def invite_company_flows(flow_ids: Iterable[int], facilitator_id: int) -> int:
    """Invite each company to confirm the flows entered for it: one e-mail per member listing all
    of its company's flows (a bulk import must not send one e-mail per row), and one copy per
    company to the facilitator. Returns the number of member e-mails sent."""
    from bourseflux.alerts import company_recipients

    facilitator = User.objects.filter(pk=facilitator_id).first()
    by_company: dict[int, list[Flow]] = defaultdict(list)
    for flow in (
        Flow.objects.select_related("organisation")
        .filter(pk__in=set(flow_ids), is_estimate=False, company_confirmed_at__isnull=True)
        .order_by("organisation_id", "pk")
    ):
        by_company[flow.organisation_id].append(flow)
    recipients = company_recipients(by_company)
    sent = 0
    for company_id, flows in by_company.items():
        members = recipients.get(company_id, [])
        for member in members:
            _send_invitation(member, flows, facilitator)
        sent += len(members)
        if facilitator and facilitator.email and members:
            _send_copy(facilitator, flows, members)
    return sent


def _templates(flows: list[Flow], name: str) -> tuple[str, str]:
    # One flow keeps the short wording; several get the list.
    stem = f"bourseflux/email/{name}" if len(flows) == 1 else f"bourseflux/email/{name.replace('flow_', 'flows_')}"
    return f"{stem}_subject.txt", f"{stem}_body.txt"


def _send_invitation(member: User, flows: list[Flow], facilitator: User | None) -> None:
    language = _language(member)
    with translation.override(language):
        items = [
            {
                "flow": flow,
                "title": flow.title,
                "confirm_url": portal_url(
                    reverse("bourseflux:flow_company_confirm", args=[flow.pk, make_token(flow, member)])
                ),
                "edit_url": portal_url(reverse("bourseflux:flow_edit", args=[flow.pk])),
            }
            for flow in flows
        ]
        context = {
            **items[0],
            "items": items,
            "company": flows[0].organisation,
            "facilitator": facilitator,
            "max_days": CONFIRM_MAX_AGE.days,
        }
        subject_name, body_name = _templates(flows, "flow_confirm")
        subject = render_to_string(subject_name, context).strip()
        body = render_to_string(body_name, context)
    send_mail(f"[CIRCUITO] {subject}", body, None, [member.email], language=language)


def _send_copy(facilitator: User, flows: list[Flow], members: list[User]) -> None:
    language = _language(facilitator)
    with translation.override(language):
        items = [
            {"flow": flow, "title": flow.title, "url": portal_url(reverse("bourseflux:flow_detail", args=[flow.pk]))}
            for flow in flows
        ]
        context = {**items[0], "items": items, "company": flows[0].organisation, "members": members}
        subject_name, body_name = _templates(flows, "flow_confirm_copy")
        subject = render_to_string(subject_name, context).strip()
        body = render_to_string(body_name, context)
    send_mail(f"[CIRCUITO] {subject}", body, None, [facilitator.email], language=language)
