"""In the browser, in both languages: placing a site on the map, and comparing candidates."""

import pytest
from django.test import Client

from bourseflux.models import Flow, Site
from tests.bourseflux.factories import SiteFactory
from tests.bourseflux.factories_matching import aosta, flow_at, savoie
from tests.factories import MembershipFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_place_a_site_on_the_map(page, live_server, lang):
    site = SiteFactory(name="Usine", commune__name="Chambéry", commune__latitude=45.5646, commune__longitude=5.9178)
    user = MembershipFactory(organisation=site.organisation).user
    _log_in(page, user, live_server)
    page.goto(f"/{lang}/flux/sites/{site.pk}/edit/")
    assert page.locator("html").get_attribute("lang") == lang
    box = page.locator("#site-map").bounding_box()
    page.locator("#site-map").click(position={"x": box["width"] / 2 + 60, "y": box["height"] / 2 - 40})
    lat = float(page.locator("input[name=latitude]").input_value())
    lon = float(page.locator("input[name=longitude]").input_value())
    assert lat > 45.5646 and lon > 5.9178  # north-east of the commune's point
    assert page.locator(".leaflet-marker-icon").count() == 1
    page.locator("input[name=exact_location_public]").check()
    page.locator("#site-form button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/flux/**/sites/")
    site = Site.objects.get(pk=site.pk)
    assert (round(site.latitude, 5), round(site.longitude, 5)) == (round(lat, 5), round(lon, 5))
    assert site.exact_location_public
    # "Place the site at its commune" empties the point: saved, the site is back at its commune.
    page.goto(f"/{lang}/flux/sites/{site.pk}/edit/")
    page.locator("[data-site-clear]").click()
    assert page.locator("input[name=latitude]").input_value() == ""
    assert page.locator(".leaflet-marker-icon").count() == 0
    page.locator("#site-form button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/flux/**/sites/")
    site.refresh_from_db()
    assert (site.latitude, site.longitude) == (45.5646, 5.9178)
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_compare_two_candidates_side_by_side(page, live_server, lang):
    need = flow_at(savoie(), direction=Flow.Direction.NEED, title_fr="Besoin de marc", title_it="Fabbisogno di vinacce")
    near = flow_at(savoie("Aix-les-Bains", 45.6885, 5.9153, "73008"), title_fr="Marc proche", title_it="Vinacce vicine")
    far = flow_at(aosta(), title_fr="Marc lointain", title_it="Vinacce lontane")
    flow_at(aosta("Sarre", 45.7185, 7.2590, "007065"), title_fr="Marc de Sarre", title_it="Vinacce di Sarre")
    user = MembershipFactory(organisation=need.organisation).user
    _log_in(page, user, live_server)
    page.goto(f"/{lang}/flux/flows/{need.pk}/candidates/page/")
    assert page.locator("[data-logistics]").count() == 3
    page.locator(f"input[data-compare][value='{near.pk}']").check()
    page.locator(f"input[data-compare][value='{far.pk}']").check()
    page.locator("[data-action=compare]").click()
    page.wait_for_url(f"**/{lang}/flux/flows/{need.pk}/compare/**")
    rows = page.locator("#compare-table tbody tr")
    assert rows.count() == 2
    near_cost = float(page.locator(f"[data-compared='{near.pk}'] [data-col=cost]").inner_text().replace("\u202f", ""))
    far_cost = float(page.locator(f"[data-compared='{far.pk}'] [data-col=cost]").inner_text().replace("\u202f", ""))
    assert near_cost < far_cost
    truck_co2e = page.locator(f"[data-compared='{far.pk}'] [data-col=co2e]").inner_text()
    page.locator("select[name=mode]").select_option("rail")
    page.locator("[data-compare-options] button[type=submit]").click()
    page.wait_for_url("**mode=rail**")
    assert page.locator(f"[data-compared='{far.pk}'] [data-col=co2e]").inner_text() != truck_co2e
    assert page.locator("#compare-table tbody tr").count() == 2
    assert page.locator("html").get_attribute("lang") == lang
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
