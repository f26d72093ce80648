"""In the browser: the site form finds the commune of a typed address (matched against the
gazetteer on the server), lets the company pick among homonyms, and the site is saved there."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from bourseflux.models import Site
from circuito.geo.loaders import load_territories
from tests.factories import MembershipFactory, OrganisationFactory
from tests.geo.conftest import FR_HEADER, FR_ROWS, IT_HEADER, IT_ROWS, write_csv

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HOMONYMS = [
    ["FR", "28051", "Bonneval", "28", "Eure-et-Loir", "5000", "48.1833", "1.3833"],
    ["FR", "43036", "Bonneval", "43", "Haute-Loire", "80", "45.3667", "3.7500"],
]


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_the_commune_is_found_from_the_address(page, live_server, tmp_path, lang):
    load_territories(
        write_csv(tmp_path / "fr.csv", FR_HEADER, FR_ROWS + HOMONYMS),
        write_csv(tmp_path / "it.csv", IT_HEADER, IT_ROWS),
    )
    company = OrganisationFactory()
    _log_in(page, MembershipFactory(organisation=company).user, live_server)
    with translation.override(lang):
        page.goto(reverse("bourseflux:site_create", args=[company.pk]))
    page.locator("[name=name]").fill("Entrepôt")
    page.locator("[name=address]").fill("chemin du Lac, Bonneval")
    page.locator("[data-site-find-address]").click()
    # Two communes bear the name: both are offered; the company picks the one in Haute-Loire.
    page.locator("[data-site-address-status] button", has_text="Bonneval (43)").click()
    assert page.locator("[name=commune_text]").input_value() == "Bonneval (43)"
    page.locator("#site-form button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/flux/organisations/{company.pk}/sites/")
    site = Site.objects.get()
    assert (site.commune.department.code, site.latitude, site.longitude) == ("43", 45.3667, 3.75)
    assert not page.console_errors
