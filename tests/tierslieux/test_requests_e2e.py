"""In a browser: an Italian company asks a French place for a service from the place's page; the
referent answers in French in the thread; the company reads the answer."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from tests.tierslieux.factories_requests import scene
from tierslieux.models import ServiceRequest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def test_italian_company_requests_service_and_reads_french_answer(page, live_server):
    s = scene()

    # The company, on the Italian site, starts from the place's page.
    log_in(page, live_server, s.member)
    page.goto(f"/it/tiers-lieux/p/{s.place.slug}/")
    page.locator(f"a[href='/it/tiers-lieux/p/{s.place.slug}/request/']").first.click()
    page.wait_for_url(re.compile(r"/it/tiers-lieux/p/.+/request/"))
    page.locator("select[name=service]").select_option(str(s.service.pk))
    page.locator("input[name=subject]").fill("Prototipo in alluminio")
    page.locator("textarea[name=message]").fill("Buongiorno, ci serve un prototipo entro marzo.")
    page.locator("[data-action=send-request]").click()
    page.wait_for_url(re.compile(r"/it/tiers-lieux/requests/\d+/$"))
    req = ServiceRequest.objects.get()
    assert req.cross_border and page.locator("[data-cross-border]").is_visible()
    assert page.locator("[data-status=new]").is_visible()
    assert any(s.referent.email in m.to and f"/fr/tiers-lieux/requests/{req.pk}/" in m.body for m in mail.outbox)

    # The referent answers on the French site; the message appears without a reload.
    log_in(page, live_server, s.referent)
    page.goto(f"/fr/tiers-lieux/requests/{req.pk}/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert "ci serve un prototipo" in page.locator("#thread").inner_text()
    page.locator("textarea[name=body]").fill("Bonjour, nous pouvons le faire en février.")
    page.locator("[data-action=send-message]").click()
    page.locator("#thread [data-message]", has_text="en février").wait_for()
    assert page.url.endswith(f"/fr/tiers-lieux/requests/{req.pk}/")
    assert page.locator("textarea[name=body]").input_value() == ""

    # The company sees the answer and the request marked as answered, and was told in Italian.
    log_in(page, live_server, s.member)
    page.goto("/it/tiers-lieux/requests/")
    page.locator(f"[data-request='{req.pk}'] [data-unread]").wait_for()
    page.locator(f"[data-request='{req.pk}']").click()
    page.locator("[data-status=answered]").wait_for()
    assert "en février" in page.locator("#thread").inner_text()
    assert any(
        s.member.email in m.to and "en février" in m.body and f"/it/tiers-lieux/requests/{req.pk}/" in m.body
        for m in mail.outbox
    )
    assert page.console_errors == []
