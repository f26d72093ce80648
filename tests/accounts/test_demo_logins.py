"""Every demo account logs in with the password the README documents (the referent's journey of
the demo starts at the login form)."""

import re
from pathlib import Path

from django.urls import reverse
from django.utils import translation

from circuito.accounts.management.commands.load_demo import USERS
from circuito.accounts.models import User
from tests.demo_data import demo_data  # noqa: F401  (fixture)
from tierslieux.demo.network import REFERENTS

README = Path(__file__).resolve().parents[2] / "README.md"


def documented_password() -> str:
    match = re.search(r"Demo accounts \(password `([^`]+)`", README.read_text(encoding="utf-8"))
    assert match, "the README no longer documents the demo password"
    return match.group(1)


def test_every_demo_account_logs_in_with_the_documented_password(client, demo_data):  # noqa: F811
    password = documented_password()
    emails = set(User.objects.filter(email__endswith="@circuito.test").values_list("email", flat=True))
    # The accounts the loaders name are all there, referents included.
    assert {u[0] for u in USERS} | {r[0] for r in REFERENTS} <= emails
    with translation.override("fr"):
        login_url = reverse("account_login")
    for email in sorted(emails):
        client.logout()
        response = client.post(login_url, {"login": email, "password": password})
        assert response.status_code == 302, f"{email} cannot log in"
        assert "confirm-email" not in response["Location"], f"{email} is asked to verify its address"
        assert client.session.get("_auth_user_id") == str(User.objects.get(email=email).pk), email


def test_reloading_the_demo_verifies_referents_created_before(client, demo_data, settings):  # noqa: F811
    from allauth.account.models import EmailAddress
    from django.core.management import call_command

    EmailAddress.objects.filter(email__startswith="referent.").delete()
    settings.DEBUG = True
    call_command("load_demo", verbosity=0)
    assert EmailAddress.objects.filter(email__startswith="referent.", verified=True).count() == len(REFERENTS)
