import pytest
from django.test import Client

from bourseflux.models import Flow
from tests.bourseflux.factories import EwcCodeFactory, MaterialCategoryFactory, SiteFactory
from tests.bourseflux.factories_flows import private_storage  # noqa: F401
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_post_an_offer_in_italian(page, live_server, private_storage):  # noqa: F811
    site = SiteFactory(name="Stabilimento", commune__name="Aosta", commune__country="IT")
    company = site.organisation
    user = MembershipFactory(organisation=company).user
    EwcCodeFactory(code="02 03 04")
    MaterialCategoryFactory()
    _log_in(page, user, live_server)

    page.goto(f"/it/flux/flows/new/?direction=offer&organisation={company.pk}")
    page.locator("select[name=nature]").select_option("waste")
    # By-product fields hide for waste; the EWC field shows.
    assert page.locator("input[name=commercial_name]").is_hidden()
    page.locator("input[name=title_it]").fill("Vinacce di mele")
    page.locator("input[name=ewc_text]").press_sequentially("020304", delay=30)
    page.locator("[role=option]").first.click()
    assert page.locator("input[name=ewc]").input_value()
    page.locator("select[name=physical_state]").select_option("paste")
    page.locator("input[name=quantity]").fill("8")
    page.locator("select[name=unit]").select_option("t")
    page.locator("select[name=frequency]").select_option("month")
    page.locator("input[name=months][value='9']").check()
    page.locator("input[name=months][value='10']").check()
    page.locator("button[name=publish]").click()

    page.wait_for_url("**/it/flux/flows/*/")
    assert "Vinacce di mele" in page.locator("h1").inner_text()
    flow = Flow.objects.get()
    assert flow.status == Flow.Status.PUBLISHED and flow.ewc.code == "02 03 04" and flow.months == [9, 10]
    assert flow.country == "IT" and flow.organisation == company
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
