"""A flow a facilitator entered on a company's behalf (in a workshop, from a visit) goes back to
the company: each member who keeps the company's flux exchange e-mails is asked, in their own
language, to confirm it in one click or to correct it; the facilitator gets a copy.

The confirm link carries a signed token (flow and member, valid CONFIRM_MAX_AGE) so that the member
need not log in to confirm; it opens a page with the one button, because mail scanners follow
links and must not confirm on anyone's behalf. Correcting opens the flow's edit form (after login).
"""

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
    from bourseflux.alerts import company_recipients

    flow = Flow.objects.select_related("organisation").filter(pk=flow_id).first()
    facilitator = User.objects.filter(pk=facilitator_id).first()
    if flow is None or flow.is_estimate or flow.company_confirmed_at:
        return 0
    members = company_recipients([flow.organisation_id]).get(flow.organisation_id, [])
    for member in members:
        language = _language(member)
        with translation.override(language):
            context = {
                "flow": flow,
                "title": flow.title,
                "facilitator": facilitator,
                "confirm_url": portal_url(
                    reverse("bourseflux:flow_company_confirm", args=[flow.pk, make_token(flow, member)])
                ),
                "edit_url": portal_url(reverse("bourseflux:flow_edit", args=[flow.pk])),
                "max_days": CONFIRM_MAX_AGE.days,
            }
            subject = render_to_string("bourseflux/email/flow_confirm_subject.txt", context).strip()
            body = render_to_string("bourseflux/email/flow_confirm_body.txt", context)
        send_mail(f"[CIRCUITO] {subject}", body, None, [member.email], language=language)
    if facilitator and facilitator.email and members:
        language = _language(facilitator)
        with translation.override(language):
            context = {
                "flow": flow,
                "title": flow.title,
                "members": members,
                "url": portal_url(reverse("bourseflux:flow_detail", args=[flow.pk])),
            }
            subject = render_to_string("bourseflux/email/flow_confirm_copy_subject.txt", context).strip()
            body = render_to_string("bourseflux/email/flow_confirm_copy_body.txt", context)
        send_mail(f"[CIRCUITO] {subject}", body, None, [facilitator.email], language=language)
    return len(members)
