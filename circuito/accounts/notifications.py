"""E-mails about memberships, each sent in its recipient's preferred language."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from circuito.accounts.models import Membership, User
from circuito.mail import send_mail


def send_to(user: User, template: str, context: dict) -> None:
    """Render `accounts/email/<template>_subject.txt` and `_body.txt` in the user's language."""
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {**context, "user": user, "site_url": settings.SITE_URL}
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"accounts/email/{template}_body.txt", context)
    send_mail(f"[CIRCUITO] {subject}", body, None, [user.email], language=user.preferred_language)


def _url(user: User, name: str, *args) -> str:
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        return settings.SITE_URL + reverse(name, args=args)


def membership_requested(membership_id: int) -> None:
    membership = Membership.objects.select_related("user", "organisation").get(pk=membership_id)
    admins = User.objects.filter(
        memberships__organisation=membership.organisation,
        memberships__role=Membership.Role.ADMIN,
        memberships__status=Membership.Status.ACTIVE,
    )
    for admin in admins:
        send_to(
            admin,
            "membership_requested",
            {
                "membership": membership,
                "url": _url(admin, "accounts:organisation_members", membership.organisation.slug),
            },
        )


def membership_decided(membership_id: int) -> None:
    membership = Membership.objects.select_related("user", "organisation").get(pk=membership_id)
    send_to(
        membership.user,
        "membership_decided",
        {"membership": membership, "url": _url(membership.user, "accounts:dashboard")},
    )
