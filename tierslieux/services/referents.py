"""Referents: invite by e-mail (single-use link valid 14 days), accept, remove."""

import secrets
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from circuito.accounts.models import User
from circuito.audit.services import record
from circuito.mail import send_mail
from tierslieux.models import Place, PlaceReferent, ReferentInvitation
from tierslieux.permissions import can_edit_place

INVITATION_LIFETIME = timedelta(days=14)


def _send_invitation(invitation: ReferentInvitation, actor) -> None:
    invitee = User.objects.filter(email__iexact=invitation.email).first()
    # The invitee's language when they have an account, else the inviter's.
    language = (
        (invitee and invitee.preferred_language)
        or getattr(actor, "preferred_language", "")
        or translation.get_language()
        or settings.LANGUAGE_CODE
    )
    with translation.override(language[:2]):
        url = settings.SITE_URL + reverse("tierslieux:invitation_accept", args=[invitation.token])
        context = {"invitation": invitation, "place": invitation.place, "inviter": actor, "url": url}
        subject = render_to_string("tierslieux/email/referent_invitation_subject.txt", context).strip()
        body = render_to_string("tierslieux/email/referent_invitation_body.txt", context)
    send_mail(f"[CIRCUITO] {subject}", body, None, [invitation.email], language=language[:2])


@transaction.atomic
def invite_referent(place: Place, email: str, *, actor) -> ReferentInvitation:
    """Partner staff or the place's referents invite someone to keep the place with them."""
    if not can_edit_place(actor, place):
        raise PermissionDenied(_("Only the referents of this place and the project partners' staff may invite."))
    email = email.strip().lower()
    if PlaceReferent.objects.filter(place=place, user__email__iexact=email).exists():
        raise ValidationError(_("%(email)s is already a referent of this place.") % {"email": email})
    invitation = ReferentInvitation.objects.create(
        place=place,
        email=email,
        token=secrets.token_urlsafe(32),
        invited_by=actor,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    record(actor, "tierslieux.referent.invite", place, {"invited": email})
    transaction.on_commit(lambda: _send_invitation(invitation, actor))
    return invitation


def invitation_problem(invitation: ReferentInvitation | None) -> str | None:
    """Why the invitation cannot be accepted (unknown, used, expired), or None."""
    if invitation is None:
        return _("This invitation link is unknown. Check that you copied the whole link.")
    if invitation.accepted_at is not None:
        return _("This invitation has already been used. Ask for a new one if you need it.")
    if invitation.expires_at <= timezone.now():
        return _("This invitation expired on %(date)s. Ask the person who invited you to send a new one.") % {
            "date": timezone.localtime(invitation.expires_at).strftime("%d/%m/%Y")
        }
    return None


def _claim(token: str) -> ReferentInvitation:
    """The invitation, locked until the transaction ends (two clicks never both accept it)."""
    invitation = ReferentInvitation.objects.select_for_update().select_related("place").filter(token=token).first()
    if problem := invitation_problem(invitation):
        raise ValidationError(problem)
    return invitation


def _accept(invitation: ReferentInvitation, user) -> PlaceReferent:
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    referent, _created = PlaceReferent.objects.get_or_create(place=invitation.place, user=user)
    user._tierslieux_places = None
    record(user, "tierslieux.referent.accept", invitation.place, {"referent": user.email})
    return referent


@transaction.atomic
def accept_invitation(token: str, *, user) -> PlaceReferent:
    invitation = _claim(token)
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(
            _("This invitation was sent to %(email)s: log in with that address to accept it.")
            % {"email": invitation.email}
        )
    return _accept(invitation, user)


@transaction.atomic
def accept_invitation_with_signup(
    token: str, *, first_name: str, last_name: str, password: str, language: str
) -> PlaceReferent:
    """The invitee has no account yet: create it with the invited address and accept in one step.
    The address counts as verified, since the single-use link reached its inbox. The caller has
    checked the password against the validators and the consent to the privacy notice."""
    invitation = _claim(token)
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(
            _("An account already uses %(email)s: log in with it to accept the invitation.")
            % {"email": invitation.email}
        )
    user = User(
        email=invitation.email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        preferred_language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
    )
    user.set_password(password)
    user.full_clean(exclude=["password", "username"])
    user.save()
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    record(user, "accounts.user.signup", user, {"via": "referent invitation", "privacy_notice_accepted": True})
    return _accept(invitation, user)


@transaction.atomic
def remove_referent(referent: PlaceReferent, *, actor) -> None:
    if not can_edit_place(actor, referent.place):
        raise PermissionDenied
    record(actor, "tierslieux.referent.remove", referent.place, {"referent": referent.user.email})
    referent.delete()
