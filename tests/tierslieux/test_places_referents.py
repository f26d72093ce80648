import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from circuito.audit.models import AuditEntry
from tests.factories import MembershipFactory, UserFactory
from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_places import ReferentFactory
from tierslieux.models import PlaceReferent, ReferentInvitation
from tierslieux.services.referents import accept_invitation, invite_referent, remove_referent

pytestmark = pytest.mark.django_db


def test_invitation_flow_in_the_invitees_language(client, partner_staff, django_capture_on_commit_callbacks):
    place = PlaceFactory(name="Lab")
    invitee = UserFactory(email="anna@example.it", preferred_language="it")
    client.force_login(partner_staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("tierslieux:place_referents", args=[place.slug]), {"email": "Anna@example.it"})
    assert response.status_code == 302
    invitation = ReferentInvitation.objects.get()
    assert invitation.expires_at - timezone.now() > dt.timedelta(days=13)
    [message] = mail.outbox
    assert message.to == ["anna@example.it"] and "/it/tiers-lieux/invitations/" in message.body
    assert invitation.token in message.body
    client.force_login(invitee)
    url = reverse("tierslieux:invitation_accept", args=[invitation.token])
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    assert PlaceReferent.objects.filter(place=place, user=invitee).exists()
    response = client.post(url)  # reused
    assert escape(_fr("This invitation has already been used. Ask for a new one if you need it.")) in (
        response.content.decode()
    )
    assert AuditEntry.objects.filter(action="tierslieux.referent.accept").count() == 1


def _fr(msgid: str) -> str:
    with translation.override("fr"):
        return gettext(msgid)


def test_invitation_errors_unknown_expired_wrong_user():
    place = PlaceFactory()
    staff_referent = ReferentFactory(place=place).user
    invitation = invite_referent(place, "bob@example.org", actor=staff_referent)
    bob = UserFactory(email="bob@example.org")
    with pytest.raises(ValidationError) as unknown:
        accept_invitation("nope", user=bob)
    assert unknown.value.messages == [_fr("This invitation link is unknown. Check that you copied the whole link.")]
    with pytest.raises(ValidationError) as wrong_user:
        accept_invitation(invitation.token, user=UserFactory())
    assert wrong_user.value.messages == [
        _fr("This invitation was sent to %(email)s: log in with that address to accept it.")
        % {"email": "bob@example.org"}
    ]
    expired_at = timezone.now() - dt.timedelta(minutes=1)
    ReferentInvitation.objects.filter(pk=invitation.pk).update(expires_at=expired_at)
    with pytest.raises(ValidationError) as expired:
        accept_invitation(invitation.token, user=bob)
    assert expired.value.messages == [
        _fr("This invitation expired on %(date)s. Ask the person who invited you to send a new one.")
        % {"date": timezone.localtime(expired_at).strftime("%d/%m/%Y")}
    ]
    assert not PlaceReferent.objects.filter(user=bob).exists()


def test_only_editors_invite_and_remove(client):
    place = PlaceFactory()
    outsider = MembershipFactory().user
    with pytest.raises(PermissionDenied):
        invite_referent(place, "x@example.org", actor=outsider)
    referent = ReferentFactory(place=place)
    with pytest.raises(PermissionDenied):
        remove_referent(referent, actor=ReferentFactory().user)  # referent of another place
    client.force_login(outsider)
    assert client.post(reverse("tierslieux:referent_remove", args=[place.slug, referent.pk])).status_code == 403
    remove_referent(referent, actor=ReferentFactory(place=place).user)
    assert not PlaceReferent.objects.filter(pk=referent.pk).exists()


def test_accept_page_for_visitors_accepts_nothing_without_a_valid_invitation(client):
    # Visitors may open it (a newcomer signs up there: test_places_invitation_signup), but an
    # unknown link shows why and offers no form.
    response = client.get(reverse("tierslieux:invitation_accept", args=["abc"]))
    assert response.status_code == 200 and b"invitation-signup" not in response.content
    assert client.post(reverse("tierslieux:invitation_accept", args=["abc"])).status_code == 200
    assert not PlaceReferent.objects.exists()


def test_referent_edits_only_their_places(client):
    mine, other = PlaceFactory(), PlaceFactory()
    client.force_login(ReferentFactory(place=mine).user)
    assert client.get(reverse("tierslieux:place_edit", args=[mine.slug])).status_code == 200
    assert client.get(reverse("tierslieux:place_edit", args=[other.slug])).status_code == 403


def test_invitation_to_an_unknown_address_goes_in_the_inviters_language(django_capture_on_commit_callbacks):
    place = PlaceFactory()
    inviter = ReferentFactory(place=place, user=UserFactory(preferred_language="it")).user
    with django_capture_on_commit_callbacks(execute=True):
        invite_referent(place, "new@example.org", actor=inviter)
    [message] = mail.outbox
    assert "/it/tiers-lieux/invitations/" in message.body
