"""In the browser, in both languages: a company inventory walked process by process, rows and
processes added in the page, codes suggested from everyday words, a wrong row named with nothing
saved, then the drafts reviewed and published."""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bourseflux.models import EwcCode, Flow
from circuito.search.loaders import Row, load_thesaurus
from tests.bourseflux.factories import EwcCodeFactory, MaterialCategoryFactory, SiteFactory
from tests.bourseflux.factories_flows import make_facilitator
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

POMACE = Row(
    key="m-apple-pomace",
    terms={"fr": ["marc de pommes"], "it": ["vinacce di mele"], "en": ["apple pomace"]},
    links=[("ewc", "02 03 04")],
    serves=[],
    source="trade",
)


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def _start(page, lang: str, organisation) -> None:
    with translation.override(lang):
        page.goto(reverse("bourseflux:inventory_list", args=[organisation.pk]))
    page.locator("[data-inventory-start] button[type=submit]").click()
    page.wait_for_url("**/inventories/*/")


def _row(page, p: int, r: int, **values) -> None:
    for name, value in values.items():
        field = page.locator(f"[name=p{p}-rows-{r}-{name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        else:
            field.fill(value)


def test_a_french_company_walks_its_inventory(page, live_server):
    load_thesaurus([POMACE])
    pomace_code = EwcCodeFactory(code="02 03 04")
    EwcCodeFactory(code="10 01 01", label_fr="mâchefers, scories et cendres sous chaudière", label_it="ceneri pesanti")
    MaterialCategoryFactory()
    wood = MaterialCategoryFactory(code="wood", name_fr="Bois", name_it="Legno", ewc_prefixes=["03 01", "10 01"])
    site = SiteFactory(name="Cidrerie", commune__name="Chambéry")
    user = MembershipFactory(organisation=site.organisation).user
    _log_in(page, user, live_server)

    _start(page, "fr", site.organisation)
    page.locator("[name=p0-name]").fill("Pressage")
    _row(page, 0, 0, what="marc de pommes", nature="waste", physical_state="paste", quantity="8")
    _row(page, 0, 0, unit="t", frequency="month", month_from="9", month_to="11")
    # The everyday words give the waste code, through the bilingual search.
    page.locator("button[name=suggest]").click()
    page.wait_for_load_state()
    assert page.locator("[name=p0-rows-0-ewc]").input_value() == str(pomace_code.pk)
    assert "02 03 04" in page.locator("[name=p0-rows-0-ewc_text]").input_value()

    _row(page, 0, 1, direction="input", what="Palettes en bois", nature="material", category=str(wood.pk))
    _row(page, 0, 1, physical_state="solid", quantity="40", unit="piece", frequency="week")
    # A process added in the page (no reload), with its rows; the waste code picked by typing.
    url = page.url
    page.locator("button[name=add_process]").click()
    assert page.url == url and page.locator("[name=processes-count]").input_value() == "2"
    page.locator("[name=p1-name]").fill("Chaufferie")
    _row(page, 1, 0, what="Cendres de la chaudière", nature="waste", physical_state="granular")
    page.locator("[name=p1-rows-0-ewc_text]").press_sequentially("100101", delay=30)
    page.locator("[data-inventory-process='1'] [role=option]").first.click()
    page.locator("[data-inventory-process='1'] button[name=add_row]").click()
    assert page.locator("[name=p1-rows-2-what]").count() == 1 and page.url == url

    page.locator("button[name=draft]").click()
    page.wait_for_url("**/review/")
    assert page.locator("h2").all_inner_texts()[:2] == ["Pressage", "Chaufferie"]
    assert page.locator("input[name=flows]").count() == 3
    flows = {f.title_fr: f for f in Flow.objects.all()}
    assert set(flows) == {"marc de pommes", "Palettes en bois", "Cendres de la chaudière"}
    assert flows["marc de pommes"].months == [9, 10, 11] and flows["Palettes en bois"].direction == "need"
    assert flows["Cendres de la chaudière"].ewc.code == "10 01 01"

    page.locator("button[name=publish]").click()
    page.wait_for_url("**/review/")
    assert set(Flow.objects.values_list("status", flat=True)) == {Flow.Status.PUBLISHED}
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_a_facilitator_walks_an_italian_companys_inventory(page, live_server):
    load_thesaurus([POMACE])
    EwcCodeFactory(code="02 03 04")
    MaterialCategoryFactory()
    site = SiteFactory(name="Stabilimento", commune__name="Aosta", commune__country="IT", organisation__country="IT")
    member = MembershipFactory(organisation=site.organisation).user
    _log_in(page, make_facilitator(), live_server)

    _start(page, "it", site.organisation)
    page.locator("[name=p0-name]").fill("Spremitura")
    _row(page, 0, 0, what="vinacce di mele", nature="waste", physical_state="paste", quantity="5", unit="t")
    _row(page, 0, 0, frequency="week")
    # A waste without its code: the row is named, nothing is saved.
    page.locator("button[name=draft]").click()
    page.wait_for_load_state()
    assert "Spremitura" in page.locator("#inventory-errors").inner_text()
    assert not Flow.objects.exists()

    page.locator("[name=p0-rows-0-ewc_text]").press_sequentially("vinacce di mele", delay=30)
    page.locator("[role=option]").first.click()
    page.locator("button[name=draft]").click()
    page.wait_for_url("**/it/flux/inventories/*/review/")
    flow = Flow.objects.get()
    assert (flow.title_it, flow.title_fr, flow.ewc.code, flow.status) == ("vinacce di mele", "", "02 03 04", "draft")
    assert "Spremitura" in flow.description_it
    # The company is asked to confirm what the facilitator entered for it.
    assert any(member.email in m.to for m in mail.outbox)
    page.locator("button[name=publish]").click()
    page.wait_for_url("**/review/")
    flow.refresh_from_db()
    assert flow.status == Flow.Status.PUBLISHED
    assert EwcCode.objects.count() == 1
