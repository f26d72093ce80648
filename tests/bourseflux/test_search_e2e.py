"""A company types an everyday word in its own language on the flow list and finds, at the top,
a flow written only in the other language, with the reason it was found."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bourseflux.models import Flow
from circuito.search.loaders import Row, load_thesaurus
from tests.bourseflux.factories_explore import ewc, french_flow, italian_flow
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SAWDUST = Row(
    key="m-sawdust",
    terms={"fr": ["sciure de bois", "sciure"], "it": ["segatura"], "en": ["sawdust"]},
    links=[("ewc", "03 01 05")],
    serves=[],
    source="trade",
)


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def _search(page, lang: str, words: str) -> None:
    with translation.override(lang):
        page.goto(reverse("bourseflux:flow_list"))
    page.locator("input[name=q]").fill(words)
    page.locator("input[name=q]").press("Enter")  # submits the filters' form
    page.wait_for_url("**q=*")


def test_a_french_company_finds_an_italian_offer_in_its_own_words(page, live_server):
    load_thesaurus([SAWDUST])
    italian_flow(title_it="Trucioli misti", description_it="Trucioli e segatura di pino")
    top = italian_flow(title_it="Segatura di abete", description_it="", nature=Flow.Nature.WASTE, ewc=ewc("03 01 05"))
    french_flow()  # apple pomace: not found
    user = MembershipFactory(organisation=OrganisationFactory(legal_name="Menuiserie Dubois")).user
    _log_in(page, user, live_server)

    _search(page, "fr", "sciure")
    rows = page.locator(".flow-row")
    assert rows.count() == 2
    assert rows.first.get_attribute("data-flow-id") == str(top.pk)
    assert "Segatura di abete" in rows.first.inner_text()
    reason = rows.first.locator(".search-reason").inner_text()
    assert "sciure → 03 01 05" in reason and "sciure ↔ segatura" in reason
    assert "sciure ↔ segatura" in rows.nth(1).locator(".search-reason").inner_text()
    assert not page.console_errors


def test_an_italian_company_finds_a_french_offer_in_its_own_words(page, live_server):
    load_thesaurus([SAWDUST])
    french_flow(title_fr="Copeaux", description_fr="Copeaux et sciure de pin", direction=Flow.Direction.OFFER)
    top = french_flow(
        title_fr="Sciure de sapin", direction=Flow.Direction.OFFER, nature=Flow.Nature.WASTE, ewc=ewc("03 01 05")
    )
    italian_flow(title_it="Vinacce di mele")  # not found
    user = MembershipFactory(organisation=OrganisationFactory(legal_name="Falegnameria Rossi", country="IT")).user
    _log_in(page, user, live_server)

    _search(page, "it", "segatura")
    rows = page.locator(".flow-row")
    assert rows.count() == 2
    assert rows.first.get_attribute("data-flow-id") == str(top.pk)
    assert "Sciure de sapin" in rows.first.inner_text()
    reason = rows.first.locator(".search-reason").inner_text()
    assert "segatura → 03 01 05" in reason and "segatura ↔ sciure" in reason
    assert not page.console_errors
