"""E-mails: greeting from the portal's name, links on SITE_URL in the recipient's language, a
plain-text and an HTML part."""

import re

import pytest
from django.core import mail

from circuito.accounts import notifications
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://portal.example"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def parts(message) -> tuple[str, str]:
    html = [content for content, kind in message.alternatives if kind == "text/html"]
    assert len(html) == 1, "an HTML part"
    return message.body, html[0]


def links(text: str) -> list[str]:
    return re.findall(r"https?://[^\s\"<>]+", text)


@pytest.mark.parametrize(("language", "greeting"), [("it", "Ciao da CIRCUITO"), ("fr", "Bonjour, c'est CIRCUITO")])
def test_sign_up_confirmation(client, language, greeting):
    client.post(
        f"/{language}/accounts/signup/",
        {
            "email": f"giulia.{language}@example.org",  # allauth limits confirmation mails per address
            "first_name": "Giulia",
            "last_name": "Bianchi",
            "password1": "Vallee-d-Aoste-2026!",
            "password2": "Vallee-d-Aoste-2026!",
        },
    )
    text, html = parts(mail.outbox[-1])
    assert greeting in text and "testserver" not in text + html
    confirm = [url for url in links(text) if "/confirm-email/" in url]
    assert confirm and confirm[0].startswith(f"{SITE}/{language}/accounts/confirm-email/")
    assert confirm[0] in html and 'href="' in html


def test_password_reset_in_the_recipient_language(client):
    UserFactory(email="marco@example.org", preferred_language="it")
    client.post("/fr/accounts/password/reset/", {"email": "marco@example.org"})
    text, html = parts(mail.outbox[-1])
    assert "CIRCUITO" in text and "password" in text.lower() and "mot de passe" not in text.lower()
    reset = [url for url in links(text) if "/password/reset/key/" in url]
    assert reset and reset[0].startswith(f"{SITE}/it/accounts/password/reset/key/")
    assert '<html lang="it">' in html


def test_portal_notifications_have_both_parts(client):
    org = OrganisationFactory()
    admin = MembershipFactory(organisation=org, role="admin", user=UserFactory(preferred_language="fr")).user
    membership = MembershipFactory(organisation=org, status="pending", user=UserFactory(preferred_language="it"))
    notifications.membership_requested(membership.pk)
    message = next(m for m in mail.outbox if admin.email in m.to)
    text, html = parts(message)
    url = next(u for u in links(text) if "/organisations/" in u)
    assert url.startswith(f"{SITE}/fr/organisations/") and url in html
    assert '<html lang="fr">' in html and "CIRCUITO" in html
