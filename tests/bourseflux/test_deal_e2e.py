"""The deal, in a browser and in both languages: a facilitator enters a French company's need in
French; the company's member is asked to confirm it and hears, in French, of the Italian offer that
matches; she expresses interest; the Italian company agrees in Italian, records the deal and the
quantities of two periods; the funnel (in French and in Italian) shows the tonnes, CO2e and € that
the indicators count."""

import re
from decimal import Decimal

import pytest
from django.core import mail

from bourseflux import indicators
from bourseflux.alerts import send_match_digests
from bourseflux.models import Flow, Synergy, Transaction
from tests.bourseflux import factories_transactions as ft
from tests.bourseflux.factories_synergies import company, facilitator_user, italian_offer, savoie_commune
from tests.bourseflux.test_synergies_e2e import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _link(body: str, part: str, base: str) -> str:
    url = next(u for u in re.findall(r"https?://\S+", body) if part in u)
    return url.replace(base, "")


def test_facilitator_entered_need_to_deal_and_funnel(page, live_server):
    offer = italian_offer(physical_state=Flow.State.PASTE)
    org, owner, colleague = company("FR", language="fr")
    org.commune = savoie_commune()
    org.save()
    facilitator = facilitator_user()

    # A facilitator enters the need for the French company, in French.
    log_in(page, live_server, facilitator)
    page.goto(f"/fr/flux/flows/new/?direction=need&organisation={org.pk}")
    page.locator("select[name=nature]").select_option("by_product")
    page.locator("select[name=category]").select_option(str(offer.flow.category_id))
    page.locator("input[name=title_fr]").fill("Marc de pommes pour notre cidrerie")
    page.locator("select[name=physical_state]").select_option("paste")
    page.locator("input[name=quantity]").fill("20")
    page.locator("select[name=unit]").select_option("t")
    page.locator("select[name=frequency]").select_option("month")
    page.locator("button[name=publish]").click()
    page.wait_for_url(re.compile(r"/fr/flux/flows/\d+/$"))
    need = Flow.objects.get(organisation=org)
    assert need.created_by == facilitator

    # The company's members are asked, in French, to confirm it; the facilitator gets a copy.
    asked = [m for m in mail.outbox if m.to == [owner.email]]
    assert len(asked) == 1 and "/fr/flux/flows/" in asked[0].body
    assert any(m.to == [colleague.email] for m in mail.outbox)
    assert any(m.to == [facilitator.email] for m in mail.outbox)
    page.context.clear_cookies()  # one click from the e-mail, without logging in
    page.goto(_link(asked[0].body, "company-confirm", live_server.url))
    page.locator("[data-action=confirm-flow]").click()
    page.locator("[data-confirmed]").wait_for()
    need.refresh_from_db()
    assert need.company_confirmed_by == owner

    # The daily digest tells the French member of the Italian offer, in French.
    mail.outbox.clear()
    assert send_match_digests() >= 1
    digest = next(m for m in mail.outbox if m.to == [owner.email])
    assert "Vinacce di mele" in digest.body and "/fr/flux/flows/" in digest.body

    # She follows the link and expresses interest.
    log_in(page, live_server, owner)
    page.goto(_link(digest.body, f"/flows/{need.pk}/", live_server.url))
    card = page.locator(f"[data-candidate='{offer.flow.pk}']")
    card.wait_for()
    card.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/fr/flux/synergies/\d+/"))
    synergy = Synergy.objects.get(offer=offer.flow, need=need)

    # The Italian company agrees, in Italian, and records the deal.
    log_in(page, live_server, offer.owner)
    page.goto(f"/it/flux/synergies/{synergy.pk}/")
    assert page.locator("html").get_attribute("lang") == "it"
    page.locator("[data-to-stage=discussion]").click()
    page.locator("[data-to-stage=implemented]").click()
    page.locator("[data-deal-link] a").click()
    page.wait_for_url(re.compile(rf"/it/flux/synergies/{synergy.pk}/deal/edit/"))
    page.locator("input[name=quantity]").fill("20")
    page.locator("input[name=pricing][value=priced]").check()
    page.locator("input[name=price_eur]").fill("15.50")
    page.locator("input[name=starts_on]").fill(ft.days_ago(90).isoformat())
    page.locator("select[name=logistics]").select_option("carrier")
    page.locator("select[name=transport]").select_option("truck")
    page.locator("input[name=carrier]").fill("Trasporti Dora Baltea")
    page.locator("[data-action=save-deal]").click()
    page.wait_for_url(re.compile(rf"/it/flux/synergies/{synergy.pk}/deal/$"))
    deal = Transaction.objects.get(synergy=synergy)
    assert deal.supplier == offer.organisation and deal.receiver == org

    # The quantities of two periods.
    for start, end, quantity in ((90, 61, "18"), (60, 31, "22.5")):
        page.locator("input[name=period_start]").fill(ft.days_ago(start).isoformat())
        page.locator("input[name=period_end]").fill(ft.days_ago(end).isoformat())
        page.locator("input[name=quantity]").fill(quantity)
        page.locator("[data-action=add-actual]").click()
        page.locator(f"[data-period='{ft.days_ago(start).isoformat()}']").wait_for()
    assert page.locator("[data-total-tonnes]").inner_text() == "40,50"
    assert [a.quantity for a in deal.actuals.all()] == [Decimal("18.000"), Decimal("22.500")]

    # The funnel shows what the indicators count, in both languages.
    start, end = ft.days_ago(120), ft.days_ago(-1)
    tonnes = indicators.tonnes_diverted(start, end)
    assert tonnes == pytest.approx(40.5) and indicators.value_exchanged(start, end) == pytest.approx(627.75)
    log_in(page, live_server, facilitator)
    for language, figures in (("fr", ("40,50", "627,75")), ("it", ("40,50", "627,75"))):
        page.goto(f"/{language}/flux/synergies/funnel/?start={start.isoformat()}&end={end.isoformat()}")
        assert page.locator("html").get_attribute("lang") == language
        implemented = page.locator("#funnel-stages [data-stage-row='4']")
        assert implemented.locator("[data-synergies]").inner_text() == "1"
        assert (
            implemented.locator("[data-tonnes]").inner_text(),
            implemented.locator("[data-eur]").inner_text(),
        ) == figures
    assert page.console_errors == []
