import re

import pytest
from django.core import mail

from circuito.accounts.models import User
from tests.e2e.french_words import french_left_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_sign_up_verify_log_in_and_switch_to_italian(page):
    page.goto("/fr/accounts/signup/")
    page.locator("input[name=email]").fill("giulia@example.org")
    page.get_by_label("Prénom").fill("Giulia")
    page.get_by_label("Nom", exact=True).fill("Bianchi")
    page.locator("input[name=password1]").fill("Vallee-d-Aoste-2026!")
    page.locator("input[name=password2]").fill("Vallee-d-Aoste-2026!")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/fr/accounts/confirm-email/")

    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/confirm-email/\S+", mail.outbox[0].body).group(0)
    page.goto(link)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/fr/dashboard/")
    assert User.objects.get(email="giulia@example.org").emailaddress_set.get().verified

    # Log out, then log in with the form.
    page.get_by_role("button", name="Giulia Bianchi").click()
    page.get_by_role("button", name="Se déconnecter").click()
    page.wait_for_url("**/fr/")
    page.goto("/fr/accounts/login/")
    page.locator("input[name=login]").fill("giulia@example.org")
    page.get_by_label("Mot de passe").fill("Vallee-d-Aoste-2026!")
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/fr/dashboard/")

    # Switch to Italian: same page, and no French left on it.
    page.get_by_role("link", name=re.compile("^IT")).click()
    page.wait_for_url("**/it/dashboard/")
    assert page.locator("html").get_attribute("lang") == "it"
    text = page.locator("body").inner_text()
    assert "Ti diamo il benvenuto, Giulia" in text
    assert french_left_in(text) == []
    assert page.console_errors == []
