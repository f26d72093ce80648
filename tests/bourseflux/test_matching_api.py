"""Matches API: same permissions as the pages, reasons as code + params + text.

The viewset is mounted here on its own router (as `register()` will mount it at /api/v1/matches/)."""

import pytest
from django.urls import include, path
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIClient

from bourseflux.api.matching import MatchViewSet
from bourseflux.models import Flow
from tests.bourseflux.factories_matching import aosta, flow_at, savoie

router = DefaultRouter()
router.register("matches", MatchViewSet, basename="match")
urlpatterns = [path("api/v1/", include(router.urls))]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
URL = "/api/v1/matches/"


@pytest.fixture
def pair(org_people):
    need = flow_at(savoie(), organisation=org_people.organisation, direction=Flow.Direction.NEED, title_it="")
    offer = flow_at(aosta(), title_fr="", title_it="Vinacce di mele")
    return need, offer


def test_anonymous_reads_matches_of_a_published_flow(pair):
    need, offer = pair
    response = APIClient().get(URL, {"flow": need.pk, "lang": "it"})
    assert response.status_code == 200
    [match] = response.json()["results"]
    assert match["flow"] == offer.pk
    assert match["cross_border"] is True
    codes = [r["code"] for r in match["reasons"]]
    assert codes[0] == "same_category" and "cross_border" in codes
    reason = match["reasons"][0]
    assert reason["params"]["category"]["fr"] and "Residui di frutta" in reason["text"]


def test_reason_text_in_french(pair):
    need, _ = pair
    match = APIClient().get(URL, {"flow": need.pk, "lang": "fr"}).json()["results"][0]
    assert "Résidus de fruits" in match["reasons"][0]["text"]


def test_draft_is_404_for_outsider_and_anonymous_but_not_for_owner(pair, org_people):
    need, _ = pair
    need.status = Flow.Status.DRAFT
    need.save(update_fields=["status"])
    client = APIClient()
    assert client.get(URL, {"flow": need.pk}).status_code == 404
    client.force_authenticate(org_people.outsider)
    assert client.get(URL, {"flow": need.pk}).status_code == 404
    client.force_authenticate(org_people.owner)
    response = client.get(URL, {"flow": need.pk})
    assert response.status_code == 200 and response.json()["results"] == []


def test_missing_or_bad_flow_parameter(pair):
    client = APIClient()
    assert client.get(URL).status_code == 400
    assert client.get(URL, {"flow": "abc"}).status_code == 400
    assert client.get(URL, {"flow": 999999}).status_code == 404


def test_quantities_in_reasons_follow_confidentiality(pair, org_people):
    need, offer = pair
    offer.quantity_visibility = Flow.Visibility.MEMBERS
    offer.save(update_fields=["quantity_visibility"])
    anonymous = APIClient().get(URL, {"flow": need.pk}).json()["results"][0]
    assert "quantity_fit_hidden" in [r["code"] for r in anonymous["reasons"]]
    client = APIClient()
    client.force_authenticate(org_people.colleague)
    member = client.get(URL, {"flow": need.pk}).json()["results"][0]
    assert "quantity_fit" in [r["code"] for r in member["reasons"]]


def test_writes_are_not_allowed(pair, org_people):
    need, _ = pair
    client = APIClient()
    client.force_authenticate(org_people.owner)
    assert client.post(URL, {"flow": need.pk}).status_code == 405
