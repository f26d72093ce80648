import pytest
from django.test import Client

from tests.factories import MembershipFactory
from tests.tierslieux.factories import PlaceFactory, ServiceFactory, ServiceKindFactory
from tests.tierslieux.factories_places import cuneo, grenoble_far, nice

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def test_italian_company_finds_a_french_place_near_cuneo(page, live_server):
    finance = ServiceKindFactory(
        code="access-to-finance", name_fr="Accès au financement", name_it="Accesso ai finanziamenti"
    )
    home = cuneo()
    target = PlaceFactory(name="CEEI Nice Côte d'Azur", commune=nice(), description_fr="Pépinière et incubateur.")
    ServiceFactory(place=target, kind=finance, name_fr="Préparation aux levées de fonds", name_it="")
    ServiceFactory(place=PlaceFactory(name="Fablab de Chambéry", commune=grenoble_far()), kind=finance)
    ServiceFactory(place=PlaceFactory(name="Atelier sans financement", commune=nice()))
    user = MembershipFactory(organisation__country="IT").user
    _log_in(page, user, live_server)

    page.goto("/it/tiers-lieux/directory/")
    page.locator("select[name=service]").select_option("access-to-finance")
    page.locator("input[name=near_text]").press_sequentially("Cune", delay=30)
    page.locator("[role=option]", has_text="Cuneo").first.click()
    assert page.locator("input[name=near]").input_value() == str(home.pk)
    page.locator("input[name=km]").fill("150")
    page.locator("#place-filters button[type=submit]").click()

    results = page.locator("#place-list")
    results.get_by_role("link", name="CEEI Nice Côte d'Azur").wait_for()
    assert "Fablab de Chambéry" not in results.inner_text()
    assert "Atelier sans financement" not in results.inner_text()
    results.get_by_role("link", name="CEEI Nice Côte d'Azur").click()
    page.wait_for_url(f"**/it/tiers-lieux/p/{target.slug}/")
    assert "CEEI Nice Côte d'Azur" in page.locator("h1").inner_text()
    assert "Accesso ai finanziamenti" in page.content()
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_map_shows_the_filtered_places(page, live_server):
    PlaceFactory(name="Lab Nice", commune=nice())
    PlaceFactory(name="Lab Cuneo", commune=cuneo())
    page.goto("/fr/tiers-lieux/map/?country=IT")
    page.locator("#map-status").filter(has_text="1").wait_for()
    assert page.locator(".leaflet-marker-icon").count() == 1
    page.locator("select[name=country]").select_option("")
    page.locator("#place-filters button[type=submit]").click()
    page.locator("#map-status").filter(has_text="2").wait_for()
    assert "country" not in page.locator("#map-list-link").get_attribute("href")  # the list follows the filters
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
