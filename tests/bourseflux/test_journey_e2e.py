"""The flux exchange's promise, in a browser: a company in Savoie posts a need in French and finds,
with reasons in French, the Aosta Valley company whose by-product written in Italian fits; it
contacts it, and once the exchange is implemented the impact reaches the map and the indicators."""

import datetime as dt
import re

import pytest
from django.utils import timezone, translation

from bourseflux import indicators
from bourseflux.matching import candidates
from bourseflux.models import Flow, Synergy
from bourseflux.services import synergies as synergy_services
from tests.bourseflux.factories_synergies import company, italian_offer, savoie_commune
from tests.bourseflux.test_synergies_e2e import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_savoie_need_in_french_finds_aosta_offer_in_italian(page, live_server):
    offer = italian_offer(physical_state=Flow.State.PASTE)
    org, owner, _colleague = company("FR", language="fr")
    org.commune = savoie_commune()
    org.save()
    log_in(page, live_server, owner)

    # Post the need in French only.
    page.goto(f"/fr/flux/flows/new/?direction=need&organisation={org.pk}")
    page.locator("select[name=nature]").select_option("by_product")
    page.locator("select[name=category]").select_option(str(offer.flow.category_id))
    page.locator("input[name=title_fr]").fill("Marc de pommes pour notre cidrerie")
    page.locator("select[name=physical_state]").select_option("paste")
    page.locator("input[name=quantity]").fill("6")
    page.locator("select[name=unit]").select_option("t")
    page.locator("select[name=frequency]").select_option("month")
    page.locator("button[name=publish]").click()
    page.wait_for_url(re.compile(r"/fr/flux/flows/\d+/$"))
    need = Flow.objects.get(organisation=org)
    assert need.status == Flow.Status.PUBLISHED and need.title_it == ""

    # The candidates load on the need's page: the Italian offer, cross-border, reasons in French.
    card = page.locator(f"[data-candidate='{offer.flow.pk}']")
    card.wait_for()
    assert "Vinacce di mele" in card.inner_text()
    assert card.locator(".cross-border-badge").is_visible()
    shown = [r.strip() for r in card.locator("[data-reason]").all_inner_texts()]
    match = next(c for c in candidates(need, user=owner) if c.flow.pk == offer.flow.pk)
    with translation.override("fr"):
        in_french = [r.text() for r in match.reasons]
    with translation.override("it"):
        in_italian = [r.text() for r in match.reasons]
    assert shown == in_french and in_french != in_italian
    assert page.locator("html").get_attribute("lang") == "fr"

    # Contact the Italian company from the candidate.
    card.get_by_role("button").click()
    page.wait_for_url(re.compile(r"/fr/flux/synergies/\d+/"))
    synergy = Synergy.objects.get(offer=offer.flow, need=need)
    assert synergy.cross_border and synergy.stage == Synergy.Stage.PROPOSED

    # Followed to implemented (the thread itself is tested in test_synergies_e2e): the impact
    # reaches the indicators of the period and the public map of synergies.
    synergy_services.change_stage(synergy, actor=offer.owner, to_stage=Synergy.Stage.DISCUSSION)
    synergy_services.change_stage(synergy, actor=offer.owner, to_stage=Synergy.Stage.IMPLEMENTED)
    synergy_services.record_impact(synergy, actor=offer.owner, tonnes_per_year=72, transport="truck")
    today = timezone.localdate()
    period = (today - dt.timedelta(days=1), today + dt.timedelta(days=1))
    assert indicators.tonnes_diverted(*period) == pytest.approx(72)
    page.goto("/it/flux/map/")
    lines = page.request.get(f"{live_server.url}/it/flux/map/synergies.geojson").json()
    assert any(f["properties"].get("tonnes_per_year") == 72 for f in lines["features"])
