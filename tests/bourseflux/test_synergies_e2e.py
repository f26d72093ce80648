"""In a browser: a French company contacts an Italian one, which answers in Italian and records
the implemented synergy with its impact."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.template.defaultfilters import floatformat
from django.test import Client
from django.utils import translation

from bourseflux import impact
from bourseflux.models import Synergy
from tests.bourseflux.factories_synergies import french_need, italian_offer

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


def test_french_need_meets_italian_offer_up_to_implemented(page, live_server):
    offer, need = italian_offer(), french_need()

    # The French company expresses interest from the candidate.
    log_in(page, live_server, need.owner)
    page.goto(f"/fr/flux/synergies/start/?offer={offer.flow.pk}&need={need.flow.pk}")
    assert page.locator("[data-original-language=it]").count() == 1  # the offer exists only in Italian
    page.locator("textarea[name=message]").fill("Bonjour, votre marc de pommes nous intéresse pour 10 t par mois.")
    page.locator("[data-action=express-interest]").click()
    page.wait_for_url(re.compile(r"/fr/flux/synergies/\d+/$"))
    synergy = Synergy.objects.get()
    assert page.locator("[data-stage=proposed]").is_visible()
    assert mail.outbox and all(offer.owner.email in m.to or offer.colleague.email in m.to for m in mail.outbox)

    # The Italian company answers in the thread, in Italian; the message appears without a reload.
    log_in(page, live_server, offer.owner)
    page.goto(f"/it/flux/synergies/{synergy.pk}/")
    assert page.locator("html").get_attribute("lang") == "it"
    assert "Bonjour, votre marc" in page.locator("#thread").inner_text()
    page.locator("textarea[name=body]").fill("Buongiorno, possiamo consegnare da ottobre.")
    page.locator("[data-action=send-message]").click()
    page.locator("#thread [data-message]", has_text="possiamo consegnare").wait_for()
    assert page.url.endswith(f"/it/flux/synergies/{synergy.pk}/")
    assert page.locator("textarea[name=body]").input_value() == ""

    # Discussion, then implemented, then the impact.
    page.locator("[data-to-stage=discussion]").click()
    page.locator("[data-stage=discussion]").wait_for()
    page.locator("[data-to-stage=implemented]").click()
    page.locator("[data-stage=implemented]").wait_for()
    page.locator("input[name=tonnes_per_year]").fill("120")
    page.locator("select[name=transport]").select_option("truck")
    page.locator("[data-action=save-impact]").click()
    page.locator("[data-co2e]").wait_for()

    synergy.refresh_from_db()
    expected = impact.compute_impact(120, "organic", "truck", synergy.distance_km).co2e_avoided_t
    assert synergy.co2e_avoided_t == pytest.approx(expected, abs=0.001)
    with translation.override("it"):
        shown = floatformat(synergy.co2e_avoided_t, 2)
    assert shown in page.locator("[data-co2e]").inner_text()
    # The French side was told of the Italian answer, with a French link.
    french_mails = [m for m in mail.outbox if need.owner.email in m.to]
    assert any("possiamo consegnare" in m.body and f"/fr/flux/synergies/{synergy.pk}/" in m.body for m in french_mails)
    assert page.console_errors == []
