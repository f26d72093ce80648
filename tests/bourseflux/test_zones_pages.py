"""Pilot zones: who sees and changes them, membership by radius, lists with constant queries."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from bourseflux.models import PilotZone
from bourseflux.services.zones import MAX_RADIUS_KM, companies_near, flows_in_zone
from circuito.accounts.models import Organisation
from tests.bourseflux.factories import FlowFactory, SiteFactory
from tests.bourseflux.factories_zones import PilotZoneFactory, facilitator, partner_member
from tests.factories import CommuneFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_flows_and_companies_in_zone_by_radius(db):
    zone = PilotZoneFactory(latitude=45.57, longitude=5.92, radius_km=10)
    near = CommuneFactory(latitude=45.60, longitude=5.95)  # about 4 km
    far = CommuneFactory(latitude=45.90, longitude=6.12)  # about 40 km
    inside = FlowFactory(site=SiteFactory(commune=near))
    FlowFactory(site=SiteFactory(commune=far))
    assert list(flows_in_zone(zone)) == [inside]
    company_near = OrganisationFactory(latitude=45.6, longitude=5.95)
    OrganisationFactory(latitude=45.9, longitude=6.12)
    assert list(companies_near(zone)) == [company_near]


def test_facilitator_creates_a_zone_centred_on_a_commune(client):
    user = facilitator()
    commune = CommuneFactory(name="Chambéry", latitude=45.57, longitude=5.92)
    client.force_login(user)
    partner = Organisation.objects.get(kind="partner")
    response = client.post(
        reverse("bourseflux:zone_create"),
        {"name_fr": "Parc d'activités", "radius_km": "5", "commune": commune.pk, "partner": partner.pk},
    )
    zone = PilotZone.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("bourseflux:zone_detail", args=[zone.pk])
    assert (zone.latitude, zone.longitude, zone.radius_km, zone.partner) == (45.57, 5.92, 5, partner)


def test_zone_form_refuses_a_zone_without_centre_or_with_bad_radius(client):
    client.force_login(facilitator())
    partner = Organisation.objects.get(kind="partner")
    response = client.post(reverse("bourseflux:zone_create"), {"name_fr": "Z", "radius_km": "0", "partner": partner.pk})
    assert response.status_code == 200
    html = response.content.decode()
    with translation.override("fr"):
        no_centre = gettext("Pick a commune, or click the map to place the centre of the zone.")
        bad_radius = gettext("The radius must be more than 0 and at most %(max)d km.") % {"max": MAX_RADIUS_KM}
    assert escape(no_centre) in html and escape(bad_radius) in html
    assert not PilotZone.objects.exists()


def test_facilitator_adds_and_removes_companies(client):
    zone = PilotZoneFactory()
    company = OrganisationFactory()
    client.force_login(facilitator())
    url = reverse("bourseflux:zone_detail", args=[zone.pk])
    client.post(url, {"company": company.pk})
    assert list(zone.companies.all()) == [company]
    client.post(reverse("bourseflux:zone_remove_company", args=[zone.pk, company.pk]))
    assert not zone.companies.exists()


def test_partner_staff_reads_but_does_not_change_zones(client):
    zone = PilotZoneFactory()
    client.force_login(partner_member())
    assert client.get(reverse("bourseflux:zone_detail", args=[zone.pk])).status_code == 200
    assert client.get(reverse("bourseflux:zone_geojson", args=[zone.pk])).status_code == 200
    assert client.get(reverse("bourseflux:zone_create")).status_code == 403
    assert client.post(reverse("bourseflux:zone_detail", args=[zone.pk]), {"company": 1}).status_code == 403
    assert client.post(reverse("bourseflux:zone_delete", args=[zone.pk])).status_code == 403


@pytest.mark.parametrize(
    "name",
    ["zone_list", "zone_create", "zone_detail", "zone_edit", "zone_geojson", "zone_synergies", "company_autocomplete"],
)
def test_company_members_get_403_and_anonymous_goes_to_login(client, org_people, name):
    zone = PilotZoneFactory()
    args = [] if name in ("zone_list", "zone_create", "company_autocomplete") else [zone.pk]
    url = reverse(f"bourseflux:{name}", args=args)
    response = client.get(url)
    assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(org_people.owner)
    assert client.get(url).status_code == 403


def test_zone_geojson_holds_the_zone_flows_and_companies(client):
    zone = PilotZoneFactory(latitude=43.7, longitude=7.26, radius_km=5)
    flow = FlowFactory()  # at the default commune (43.7, 7.26)
    zone.companies.add(OrganisationFactory(latitude=43.71, longitude=7.27))
    client.force_login(facilitator())
    data = client.get(reverse("bourseflux:zone_geojson", args=[zone.pk])).json()
    kinds = sorted(f["properties"]["kind"] for f in data["features"])
    assert kinds == ["company", "flow"]
    assert any(f["properties"]["title"] == flow.title for f in data["features"])


def test_zone_synergies_fragment_splits_inside_and_outside(client):
    zone = PilotZoneFactory(latitude=43.7, longitude=7.26, radius_km=5)
    FlowFactory()
    client.force_login(facilitator())
    response = client.get(reverse("bourseflux:zone_synergies", args=[zone.pk]))
    assert response.status_code == 200
    assert "Inside the zone" in response.content.decode() or "zone" in response.content.decode()


def test_zone_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    client.force_login(facilitator())
    PilotZoneFactory().companies.add(OrganisationFactory())
    url = reverse("bourseflux:zone_list")
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    bound = len(few.captured_queries)
    for _ in range(15):
        PilotZoneFactory().companies.add(OrganisationFactory(), OrganisationFactory())
    with django_assert_max_num_queries(bound):
        response = client.get(url)
    assert response.content.decode().count("/zones/") >= 16


def test_facilitator_pages_render(client):
    zone = PilotZoneFactory()
    zone.companies.add(OrganisationFactory(commune=CommuneFactory()))
    OrganisationFactory(latitude=zone.latitude, longitude=zone.longitude)
    client.force_login(facilitator())
    for url in (
        reverse("bourseflux:zone_create"),
        reverse("bourseflux:zone_edit", args=[zone.pk]),
        reverse("bourseflux:zone_detail", args=[zone.pk]),
        reverse("bourseflux:workshop_create", args=[zone.pk]),
        reverse("bourseflux:meeting_create"),
        reverse("bourseflux:import_start"),
    ):
        assert client.get(url).status_code == 200, url
    html = client.get(reverse("bourseflux:zone_detail", args=[zone.pk])).content.decode()
    with translation.override("fr"):
        assert escape(gettext("Companies located in the zone")) in html
    options = client.get(reverse("bourseflux:company_autocomplete"), {"q": "Entreprise", "format": "json"}).json()
    assert len(options["results"]) == 2
