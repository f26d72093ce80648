"""An invited referent without an account creates it while accepting, and lands logged in."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.utils.translation import gettext

from circuito.accounts.models import User
from circuito.audit.models import AuditEntry
from tests.factories import UserFactory
from tests.tierslieux.factories import PlaceFactory
from tests.tierslieux.factories_places import ReferentFactory
from tierslieux.models import PlaceReferent
from tierslieux.services.referents import invite_referent

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-Pass-phrase-42"


def _text(msgid: str, lang: str = "fr") -> str:
    with translation.override(lang):
        return escape(gettext(msgid))


def _invitation(email: str = "new.referent@example.org"):
    place = PlaceFactory(name="Atelier du Port")
    return invite_referent(place, email, actor=ReferentFactory(place=place).user)


def _url(invitation, lang: str = "fr") -> str:
    with translation.override(lang):
        return reverse("tierslieux:invitation_accept", args=[invitation.token])


def _signup(**overrides) -> dict:
    return {
        "first_name": "Lucia",
        "last_name": "Verdi",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "language": "it",
        "consent": "on",
        **overrides,
    }


def test_a_newcomer_creates_the_account_and_lands_logged_in_as_referent(client):
    invitation = _invitation()
    page = client.get(_url(invitation, "it"))
    assert page.status_code == 200 and b'id="invitation-signup"' in page.content
    response = client.post(_url(invitation, "it"), _signup())
    assert response.status_code == 302 and response["Location"] == invitation.place.get_absolute_url()
    user = User.objects.get(email="new.referent@example.org")
    assert (user.first_name, user.last_name, user.preferred_language) == ("Lucia", "Verdi", "it")
    assert user.check_password(PASSWORD)
    assert EmailAddress.objects.filter(user=user, email=user.email, verified=True, primary=True).exists()
    assert PlaceReferent.objects.filter(place=invitation.place, user=user).exists()
    assert client.session["_auth_user_id"] == str(user.pk)
    # The new referent may edit the place, and the account logs in again later.
    assert client.get(reverse("tierslieux:place_edit", args=[invitation.place.slug])).status_code == 200
    client.logout()
    with translation.override("fr"):
        login = client.post(reverse("account_login"), {"login": user.email, "password": PASSWORD})
    assert login.status_code == 302 and client.session["_auth_user_id"] == str(user.pk)
    assert AuditEntry.objects.filter(action="accounts.user.signup", object_id=str(user.pk)).exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"consent": ""}, "consent"),
        ({"password2": "something-else-42"}, "password2"),
        ({"password1": "123", "password2": "123"}, "password1"),
        ({"first_name": ""}, "first_name"),
    ],
)
def test_a_bad_signup_creates_nothing_and_says_what_to_fix(client, overrides, field):
    invitation = _invitation()
    response = client.post(_url(invitation), _signup(**overrides))
    assert response.status_code == 200
    assert response.context["signup"].errors[field]
    assert not User.objects.filter(email="new.referent@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None and "_auth_user_id" not in client.session


def test_expired_and_used_invitations_show_why_and_create_no_account(client):
    expired = _invitation("late@example.org")
    expired.expires_at = timezone.now() - dt.timedelta(days=1)
    expired.save(update_fields=["expires_at"])
    response = client.post(_url(expired), _signup())
    assert b'id="invitation-error"' in response.content and b"invitation-signup" not in response.content
    assert not User.objects.filter(email="late@example.org").exists()

    used = _invitation("twice@example.org")
    assert client.post(_url(used), _signup()).status_code == 302
    client.logout()
    response = client.post(_url(used), _signup(first_name="Other"))
    assert _text("This invitation has already been used. Ask for a new one if you need it.") in (
        response.content.decode()
    )
    assert User.objects.filter(email="twice@example.org").count() == 1
    assert User.objects.get(email="twice@example.org").first_name == "Lucia"

    response = client.get(reverse("tierslieux:invitation_accept", args=["unknown-token"]))
    assert _text("This invitation link is unknown. Check that you copied the whole link.") in response.content.decode()


def test_an_invitee_who_has_an_account_is_sent_to_log_in_and_no_second_account_is_made(client):
    invitation = _invitation("known@example.org")
    UserFactory(email="known@example.org")
    page = client.get(_url(invitation))
    assert b"invitation-signup" not in page.content and reverse("account_login").encode() in page.content
    client.post(_url(invitation), _signup())
    assert User.objects.filter(email__iexact="known@example.org").count() == 1
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_logged_in_outsider_cannot_take_someone_elses_invitation(client):
    invitation = _invitation("right@example.org")
    client.force_login(UserFactory(email="wrong@example.org"))
    response = client.post(_url(invitation))
    assert response.status_code == 200
    assert not PlaceReferent.objects.filter(place=invitation.place, user__email="wrong@example.org").exists()
