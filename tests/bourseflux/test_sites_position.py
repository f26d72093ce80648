"""Sites placed on the map: the point the company set is kept, and public maps show it only
when the company chose to."""

import pytest
from django.urls import reverse

from bourseflux.models import Site
from tests.bourseflux.factories import FlowFactory, SiteFactory
from tests.factories import CommuneFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(org_people):
    # The commune of Nice (43.7, 7.26); the plant is on the Var plain, 8 km west.
    return SiteFactory(organisation=org_people.organisation, name="Usine")


def _post(client, site, **fields):
    data = {"name": site.name, "address": "", "commune": site.commune_id, **fields}
    return client.post(
        reverse("bourseflux:site_edit", args=[site.pk]), {k: v for k, v in data.items() if v is not None}
    )


def test_the_point_picked_on_the_map_is_saved_and_kept_on_later_saves(client, org_people, site):
    client.force_login(org_people.owner)
    assert _post(client, site, latitude="43.71234", longitude="7.19876").status_code == 302
    site.refresh_from_db()
    assert (site.latitude, site.longitude) == (43.71234, 7.19876)
    # Editing the name again (the form sends the point back as it was) keeps the point.
    assert _post(client, site, name="Usine du Var", latitude="43.71234", longitude="7.19876").status_code == 302
    site.refresh_from_db()
    assert (site.name, site.latitude, site.longitude) == ("Usine du Var", 43.71234, 7.19876)


def test_emptying_the_point_places_the_site_at_its_commune(client, org_people, site):
    Site.objects.filter(pk=site.pk).update(latitude=43.71, longitude=7.2)
    client.force_login(org_people.owner)
    assert _post(client, site, latitude="", longitude="").status_code == 302
    site.refresh_from_db()
    assert (site.latitude, site.longitude) == (site.commune.latitude, site.commune.longitude)


def test_a_new_commune_with_the_pin_left_in_place_moves_the_site(client, org_people, site):
    Site.objects.filter(pk=site.pk).update(latitude=43.71, longitude=7.2)
    other = CommuneFactory(latitude=43.95, longitude=7.5)
    client.force_login(org_people.owner)
    assert _post(client, site, commune=other.pk, latitude="43.71", longitude="7.2").status_code == 302
    site.refresh_from_db()
    assert (site.commune_id, site.latitude, site.longitude) == (other.pk, 43.95, 7.5)


def test_a_point_far_from_the_commune_is_refused_with_the_distance(client, org_people, site):
    client.force_login(org_people.owner)
    response = _post(client, site, latitude="45.07", longitude="7.68")  # Turin, ~155 km away
    assert response.status_code == 200
    errors = response.context["form"].errors["latitude"][0]
    assert "km" in errors and site.commune.name in errors
    site.refresh_from_db()
    assert (site.latitude, site.longitude) == (43.7, 7.26)


def test_half_a_point_is_refused(client, org_people, site):
    client.force_login(org_people.owner)
    response = _post(client, site, latitude="43.71", longitude="")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_the_form_shows_the_picker_at_the_site(client, org_people, site):
    Site.objects.filter(pk=site.pk).update(latitude=43.71, longitude=7.2)
    client.force_login(org_people.owner)
    page = client.get(reverse("bourseflux:site_edit", args=[site.pk])).content.decode()
    assert "data-site-map" in page and 'value="43.71"' in page and "js/site-position.js" in page


def test_an_outsider_cannot_move_the_site(client, org_people, site):
    client.force_login(org_people.outsider)
    assert _post(client, site, latitude="43.71", longitude="7.2").status_code == 403
    site.refresh_from_db()
    assert (site.latitude, site.longitude) == (43.7, 7.26)


@pytest.mark.parametrize("public", [True, False])
def test_the_public_map_shows_the_picked_point_only_when_chosen(client, org_people, site, public):
    flow = FlowFactory(site=site)
    client.force_login(org_people.owner)
    fields = {"latitude": "43.71234", "longitude": "7.19876"}
    if public:
        fields["exact_location_public"] = "on"
    assert _post(client, site, **fields).status_code == 302
    client.logout()
    features = client.get(reverse("bourseflux:flows_geojson")).json()["features"]
    point = next(f["geometry"]["coordinates"] for f in features if f["id"] == flow.pk)
    assert point == ([7.19876, 43.71234] if public else [7.26, 43.7])
    flow.refresh_from_db()
    assert (flow.latitude, flow.longitude) == (43.71234, 7.19876)  # matching uses the true point
