"""GeoJSON of the map and its API: positions, confidentiality, drafts, clusters, synergies."""

import json

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIRequestFactory, force_authenticate

from bourseflux import geojson
from bourseflux.api.explore import FlowMapViewSet, SynergyMapViewSet
from bourseflux.models import Flow, Synergy
from tests.bourseflux.factories import FlowFactory, SiteFactory, SynergyFactory
from tests.bourseflux.factories_explore import aosta_commune, facilitator, french_flow, italian_flow

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _back_to_default_language():
    """Requests to /it/ pages leave Italian active in the thread: restore it for later tests."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def features(client, **params) -> list[dict]:
    response = client.get(reverse("bourseflux:flows_geojson"), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    data = response.json()
    assert data["type"] == "FeatureCollection"
    return data["features"]


def test_points_at_the_commune_unless_the_site_chose_exact(client):
    commune = aosta_commune()
    hidden = italian_flow(site=SiteFactory(commune=commune, latitude=45.80, longitude=7.40))
    exact = italian_flow(site=SiteFactory(commune=commune, latitude=45.70, longitude=7.20, exact_location_public=True))
    points = {f["id"]: f["geometry"]["coordinates"] for f in features(client)}
    assert points[hidden.pk] == [7.315, 45.737]
    assert points[exact.pk] == [7.2, 45.7]
    text = client.get(reverse("bourseflux:flows_geojson")).content.decode()
    assert "45.8" not in text and "7.4," not in text  # the hidden site appears nowhere


def test_properties_in_the_reader_language(client):
    flow = italian_flow(title_fr="Marc de pommes")
    french_only = french_flow()
    props = {f["id"]: f["properties"] for f in features(client)}
    assert props[flow.pk]["title"] == "Marc de pommes"
    assert props[flow.pk]["original_language"] == ""
    assert props[flow.pk]["company"] == "Sidro Valdostano srl"
    assert props[flow.pk]["direction"] == "offer"
    assert props[flow.pk]["category"] == "Organique et agroalimentaire"
    response = client.get("/it/flux/map/flows.geojson")
    it_props = {f["id"]: f["properties"] for f in response.json()["features"]}
    assert it_props[flow.pk]["title"] == "Vinacce di mele"
    assert it_props[french_only.pk]["original_language"] == "fr"
    assert it_props[flow.pk]["category"] == "Organico e agroalimentare"


@pytest.fixture
def confidential_flows(org_people):
    site = SiteFactory(organisation=org_people.organisation)
    return {vis: FlowFactory(site=site, quantity_visibility=vis) for vis in ("public", "members", "facilitators")}


def visible_quantities(client) -> dict[str, float | None]:
    by_id = {f["id"]: f["properties"] for f in features(client)}
    return {
        Flow.objects.get(pk=pk).quantity_visibility: p["quantity_per_year"]
        for pk, p in by_id.items()
        if not p["confidential"]
    }


def test_quantities_confidential_per_user(client, confidential_flows, org_people):
    assert set(visible_quantities(client)) == {"public"}
    assert visible_quantities(client)["public"] == 120
    client.force_login(org_people.outsider)
    assert set(visible_quantities(client)) == {"public", "members"}
    client.force_login(org_people.owner)
    assert set(visible_quantities(client)) == {"public", "members", "facilitators"}
    client.force_login(facilitator())
    assert set(visible_quantities(client)) == {"public", "members", "facilitators"}


def test_confidential_quantities_are_null_not_hidden_in_the_page(client, confidential_flows):
    props = [f["properties"] for f in features(client)]
    hidden = [p for p in props if p["confidential"]]
    assert len(hidden) == 2
    assert all(p["quantity_per_year"] is None and p["unit"] is None for p in hidden)


def test_drafts_only_for_their_company(client, org_people):
    draft = FlowFactory(site=SiteFactory(organisation=org_people.organisation), status=Flow.Status.DRAFT)
    assert draft.pk not in {f["id"] for f in features(client)}
    client.force_login(org_people.outsider)
    assert draft.pk not in {f["id"] for f in features(client)}
    client.force_login(org_people.colleague)
    mine = {f["id"]: f["properties"] for f in features(client)}
    assert mine[draft.pk]["draft"] is True


def test_filters_and_bbox_apply(client):
    it_offer, fr_need = italian_flow(), french_flow()
    assert {f["id"] for f in features(client, direction="need")} == {fr_need.pk}
    assert {f["id"] for f in features(client, bbox="7.0,45.5,7.6,46.0")} == {it_offer.pk}
    assert {f["id"] for f in features(client, q="vinacce")} == {it_offer.pk}


def test_beyond_the_cap_the_server_returns_clusters_with_counts(client, monkeypatch):
    monkeypatch.setattr(geojson, "MAX_FEATURES", 3)
    for _ in range(3):
        italian_flow()
    for _ in range(2):
        french_flow()
    data = client.get(reverse("bourseflux:flows_geojson")).json()
    assert data["clustered"] is True and data["total"] == 5
    assert all(f["properties"]["cluster"] for f in data["features"])
    assert sorted(f["properties"]["count"] for f in data["features"]) == [2, 3]
    zoomed = client.get(reverse("bourseflux:flows_geojson"), {"bbox": "7.0,45.5,7.6,46.0"}).json()
    assert zoomed["clustered"] is False and zoomed["total"] == 3


def test_query_count_is_constant(client, org_people, django_assert_max_num_queries):
    client.force_login(org_people.outsider)
    french_flow()
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("bourseflux:flows_geojson"))
    for _ in range(20):
        FlowFactory(quantity_visibility="facilitators")
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        assert len(features(client)) == 21


# Synergies ------------------------------------------------------------------------------------


@pytest.fixture
def synergies(org_people):
    offer = FlowFactory(site=SiteFactory(organisation=org_people.organisation))
    need = french_flow()
    implemented = SynergyFactory(offer=offer, need=need, stage=Synergy.Stage.IMPLEMENTED, tonnes_per_year=80)
    discussion = SynergyFactory(offer=offer, need=french_flow(), stage=Synergy.Stage.DISCUSSION)
    proposed = SynergyFactory(offer=offer, need=french_flow(), stage=Synergy.Stage.PROPOSED)
    return implemented, discussion, proposed


def lines(client) -> dict[int, dict]:
    response = client.get(reverse("bourseflux:synergies_geojson"))
    assert response.status_code == 200
    return {f["id"]: f for f in response.json()["features"]}


def test_synergy_lines_public_only_when_implemented_and_anonymous_names(client, synergies):
    implemented, discussion, proposed = synergies
    shown = lines(client)
    assert set(shown) == {implemented.pk}
    props = shown[implemented.pk]["properties"]
    assert props["tonnes_per_year"] == 80
    assert "from_company" not in props and "url" not in props
    commune = implemented.need.site.commune
    assert shown[implemented.pk]["geometry"]["coordinates"][1] == [
        round(commune.longitude, 5),
        round(commune.latitude, 5),
    ]


def test_synergy_lines_in_progress_for_the_companies_involved(client, synergies, org_people):
    implemented, discussion, proposed = synergies
    client.force_login(org_people.outsider)
    assert set(lines(client)) == {implemented.pk}
    client.force_login(org_people.colleague)
    shown = lines(client)
    assert set(shown) == {implemented.pk, discussion.pk}  # never "proposed"
    assert shown[discussion.pk]["properties"]["from_company"] == org_people.organisation.legal_name
    client.force_login(facilitator())
    assert set(lines(client)) == {implemented.pk, discussion.pk}


# API ------------------------------------------------------------------------------------------


def api_get(viewset, user=None, **params):
    request = APIRequestFactory().get("/api/v1/flow-map/", params)
    if user is not None:
        force_authenticate(request, user=user)
    return viewset.as_view({"get": "list"})(request)


def test_api_flows_same_permissions(confidential_flows, org_people):
    draft = FlowFactory(site=SiteFactory(organisation=org_people.organisation), status=Flow.Status.DRAFT)
    anonymous = api_get(FlowMapViewSet)
    data = json.loads(anonymous.content)
    assert draft.pk not in {f["id"] for f in data["features"]}
    assert sum(not f["properties"]["confidential"] for f in data["features"]) == 1
    outsider = json.loads(api_get(FlowMapViewSet, org_people.outsider, direction="offer").content)
    assert draft.pk not in {f["id"] for f in outsider["features"]}
    owner = json.loads(api_get(FlowMapViewSet, org_people.owner).content)
    assert draft.pk in {f["id"] for f in owner["features"]}


def test_api_synergies(synergies, org_people):
    implemented, discussion, _ = synergies
    assert {f["id"] for f in json.loads(api_get(SynergyMapViewSet).content)["features"]} == {implemented.pk}
    mine = json.loads(api_get(SynergyMapViewSet, org_people.owner).content)
    assert {f["id"] for f in mine["features"]} == {implemented.pk, discussion.pk}


def test_anonymous_user_object_works_with_helpers():
    assert geojson.synergies_collection(AnonymousUser())["features"] == []
