"""The map page (server side) and, in a browser, its markers and filters."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.bourseflux.factories_explore import french_flow, italian_flow

SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")


@pytest.fixture(autouse=True)
def _back_to_default_language():
    """Requests to /it/ pages leave Italian active in the thread: restore it for later tests."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["fr", "it"])
def test_map_page_anonymous_with_filters_and_no_inline_script(client, lang):
    response = client.get(f"/{lang}/flux/map/")
    html = response.content.decode()
    assert response.status_code == 200
    assert reverse("bourseflux:map") == f"/{lang}/flux/map/"
    assert 'id="flow-map"' in html and "flows.geojson" in html
    assert "leaflet/leaflet.js" in html and "leaflet.markercluster.js" in html
    assert 'data-tile-url="https://tile.openstreetmap.org/' in html
    assert 'name="direction"' in html and 'name="country"' in html
    assert not SCRIPT.search(html), "inline scripts break the CSP"


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_italian_map_shows_markers_and_a_filter_reduces_them(page, live_server):
    for _ in range(2):
        italian_flow()
    french_flow()
    # No tiles offline: the map must still work.
    page.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
    page.goto(f"{live_server.url}/it/flux/map/")
    flow_map = page.locator("#flow-map[data-loaded=true]")
    flow_map.wait_for()
    assert flow_map.get_attribute("data-feature-count") == "3"
    page.locator(".leaflet-marker-icon").first.wait_for()
    assert page.locator(".leaflet-marker-icon").count() >= 1
    page.select_option("select[name=direction]", "need")
    page.locator("#flow-map[data-feature-count='1']").wait_for()
    page.locator(".flow-need").first.wait_for()
    assert page.locator(".flow-offer").count() == 0
    assert "direction=need" in page.locator("#map-list-link").get_attribute("href")
    page.locator(".flow-need").first.click()
    assert "Besoin de marc de pommes" in page.locator(".leaflet-popup-content").inner_text()
    assert not [e for e in page.console_errors if "tile.openstreetmap" not in e and "ERR_FAILED" not in e]
