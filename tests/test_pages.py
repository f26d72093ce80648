"""The shell every page shares: languages, switcher, footer, security headers."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("lang", "word"), [("fr", "Tiers-Lieux"), ("it", "Tiers-Lieux")])
def test_home_in_both_languages(client, lang, word):
    response = client.get(f"/{lang}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{lang}"' in body
    assert word in body
    assert "ALCOTRA" in body  # the programme's mention in the footer


def test_home_texts_differ_between_languages(client):
    fr = client.get("/fr/").content.decode()
    it = client.get("/it/").content.decode()
    with translation.override("fr"):
        from django.utils.translation import gettext

        fr_text = gettext("Legal notice and privacy")
    with translation.override("it"):
        it_text = gettext("Legal notice and privacy")
    assert fr_text != it_text
    assert fr_text in fr and it_text in it


def test_root_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] in ("/fr/", "/it/")


def test_language_switch_keeps_the_page(client):
    response = client.post("/i18n/setlang/", {"language": "it", "next": "/fr/organisations/"})
    assert response.status_code == 302 and response["Location"] == "/it/organisations/"


def test_pages_carry_a_csp_without_unsafe_inline(client):
    response = client.get("/fr/")
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_page_loads_from_a_cdn(client):
    body = client.get("/fr/").content.decode()
    assert "cdn." not in body and "unpkg" not in body and "googleapis" not in body


def test_legal_page(client):
    with translation.override("it"):
        assert client.get(reverse("legal")).status_code == 200


def test_healthz(client):
    assert client.get("/healthz").json()["status"] == "ok"  # each component: tests/test_outages.py


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_workspace_menu_only_for_partner_staff(client, lang, partner_staff, lead_partner_staff, org_people):
    """Partner staff reach every workspace page from the navigation; companies never see it, and
    only lead partner staff see the reports."""
    with translation.override(lang):
        menu = translation.gettext("Project workspace")
        reports = translation.gettext("Reports")
        urls = [
            reverse("reporting:index"),
            reverse("reporting:meeting_list"),
            reverse("reporting:expenditure_overview"),
            reverse("focusgroups:session_list"),
            reverse("focusgroups:questionnaire_list"),
            reverse("focusgroups:analysis_index"),
        ]
        report_list = reverse("reporting:report_list")
    client.force_login(org_people.owner)
    body = client.get(f"/{lang}/").content.decode()
    assert not any(url in body for url in urls[1:])
    client.force_login(partner_staff)
    body = client.get(f"/{lang}/").content.decode()
    assert menu in body and all(url in body for url in urls)
    assert report_list not in body
    client.force_login(lead_partner_staff)
    body = client.get(f"/{lang}/").content.decode()
    assert report_list in body and reports in body
