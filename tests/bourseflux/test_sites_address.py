"""A site placed from its typed address: the commune is matched against the gazetteer and the
site goes to the commune's point until the company places it on the map; an ambiguous or unknown
address is refused with the candidates, and nothing is saved."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from bourseflux.models import Site
from circuito.geo.loaders import load_territories
from circuito.geo.models import Commune
from tests.geo.conftest import FR_HEADER, FR_ROWS, IT_HEADER, IT_ROWS, write_csv

pytestmark = pytest.mark.django_db

HOMONYMS = [
    ["FR", "28051", "Bonneval", "28", "Eure-et-Loir", "5000", "48.1833", "1.3833"],
    ["FR", "43036", "Bonneval", "43", "Haute-Loire", "80", "45.3667", "3.7500"],
]


@pytest.fixture(autouse=True)
def communes(db, tmp_path):
    load_territories(
        write_csv(tmp_path / "fr.csv", FR_HEADER, FR_ROWS + HOMONYMS),
        write_csv(tmp_path / "it.csv", IT_HEADER, IT_ROWS),
    )


def _create(client, organisation, **fields):
    data = {"name": "Usine", "address": "", "commune": "", "latitude": "", "longitude": "", **fields}
    return client.post(reverse("bourseflux:site_create", args=[organisation.pk]), data)


def test_a_site_from_its_address_is_placed_at_the_commune(client, org_people):
    client.force_login(org_people.owner)
    response = _create(client, org_people.organisation, address="12 rue des Alpes, 73000 Chambery")
    assert response.status_code == 302
    site = Site.objects.get(organisation=org_people.organisation)
    chambery = Commune.objects.get(name="Chambéry")
    assert (site.commune, site.latitude, site.longitude) == (chambery, 45.5646, 5.9178)
    assert site.address == "12 rue des Alpes, 73000 Chambery"
    assert any("Chambéry (73)" in str(m) for m in get_messages(response.wsgi_request))


def test_an_italian_address_finds_its_comune(client, org_people):
    client.force_login(org_people.colleague)
    assert _create(client, org_people.organisation, address="Via Roma 5, 11100 Aosta (AO)").status_code == 302
    assert Site.objects.get(organisation=org_people.organisation).commune.name == "Aosta"


def test_the_point_placed_on_the_map_wins_over_the_commune_point(client, org_people):
    client.force_login(org_people.owner)
    response = _create(
        client, org_people.organisation, address="Via Po 1, 10124 Torino", latitude="45.0690", longitude="7.6930"
    )
    assert response.status_code == 302
    site = Site.objects.get(organisation=org_people.organisation)
    assert (site.commune.name, site.latitude, site.longitude) == ("Torino", 45.069, 7.693)


def test_an_ambiguous_address_lists_the_communes_and_saves_nothing(client, org_people):
    client.force_login(org_people.owner)
    response = _create(client, org_people.organisation, address="chemin du Lac, Bonneval")
    assert response.status_code == 200
    error = response.context["form"].errors["address"][0]
    assert "Bonneval (28)" in error and "Bonneval (43)" in error
    assert not Site.objects.exists()
    # With the postcode the same address is understood.
    assert _create(client, org_people.organisation, address="chemin du Lac, 43160 Bonneval").status_code == 302
    assert Site.objects.get().commune.department.code == "43"


def test_an_unknown_commune_or_no_address_is_refused(client, org_people):
    client.force_login(org_people.owner)
    response = _create(client, org_people.organisation, address="1 rue Haute, 73000 Atlantis")
    assert "Atlantis" in response.context["form"].errors["address"][0]
    response = _create(client, org_people.organisation)
    assert response.context["form"].errors["commune"]
    assert not Site.objects.exists()


def test_a_picked_commune_is_kept_whatever_the_address(client, org_people):
    client.force_login(org_people.owner)
    nice = Commune.objects.get(name="Nice")
    assert _create(client, org_people.organisation, address="Bonneval", commune=nice.pk).status_code == 302
    assert Site.objects.get().commune == nice


def test_an_outsider_cannot_add_a_site_from_an_address(client, org_people):
    client.force_login(org_people.outsider)
    response = _create(client, org_people.organisation, address="12 rue des Alpes, 73000 Chambéry")
    assert response.status_code == 403
    assert not Site.objects.exists()
