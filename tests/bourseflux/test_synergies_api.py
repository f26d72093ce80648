"""Synergies API: same visibility and rules as the pages."""

import pytest
from django.urls import include, path
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIClient

import circuito.urls
from bourseflux.api.synergies import SynergyViewSet
from bourseflux.models import Synergy, SynergyMessage
from bourseflux.services import synergies as services
from tests.bourseflux import factories_synergies as fs
from tests.bourseflux.factories_synergies import french_need, italian_offer

# Until the viewset is registered on the project's router, these tests mount it themselves.
_router = DefaultRouter()
_router.register("synergies", SynergyViewSet, basename="synergy")
urlpatterns = [path("api/v1/", include(_router.urls)), *circuito.urls.urlpatterns]


# Shared fixtures of the synergy tests.
facilitator = fs.facilitator
need_side = fs.need_side
offer_side = fs.offer_side

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
BASE = "/api/v1/synergies/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def synergy(offer_side, need_side):
    return services.express_interest(
        actor=need_side.owner, offer=offer_side.flow, need=need_side.flow, message="Bonjour"
    )


def test_anonymous_refused(api, synergy):
    assert api.get(BASE).status_code in (401, 403)
    assert api.get(f"{BASE}{synergy.pk}/messages/").status_code in (401, 403)


def test_outsider_sees_nothing(api, synergy, org_people):
    api.force_authenticate(org_people.outsider)
    assert api.get(BASE).json()["count"] == 0
    for method, suffix in (
        ("get", ""),
        ("get", "messages/"),
        ("post", "messages/"),
        ("post", "stage/"),
        ("post", "impact/"),
    ):
        response = getattr(api, method)(
            f"{BASE}{synergy.pk}/{suffix}", {"body": "x", "to_stage": "discussion"}, format="json"
        )
        assert response.status_code == 404, suffix
    assert not SynergyMessage.objects.filter(body="x").exists()


def test_participants_read_post_and_move(api, synergy, offer_side, need_side):
    api.force_authenticate(offer_side.colleague)
    data = api.get(f"{BASE}{synergy.pk}/").json()
    assert data["stage"] == "proposed" and data["cross_border"] is True
    assert data["offer"]["title_it"] == "Vinacce di mele"
    posted = api.post(f"{BASE}{synergy.pk}/messages/", {"body": "Buongiorno"}, format="json")
    assert posted.status_code == 201 and posted.json()["organisation"] == offer_side.organisation.legal_name
    thread = api.get(f"{BASE}{synergy.pk}/messages/").json()["results"]
    assert [m["body"] for m in thread] == ["Bonjour", "Buongiorno"]
    illegal = api.post(f"{BASE}{synergy.pk}/stage/", {"to_stage": "implemented"}, format="json")
    with translation.override("fr"):
        refused = gettext("A synergy cannot go from “%(from)s” to “%(to)s”.") % {
            "from": Synergy.Stage.PROPOSED.label,
            "to": Synergy.Stage.IMPLEMENTED.label,
        }
    assert illegal.status_code == 400 and any(refused in m for m in illegal.json()["non_field_errors"])
    moved = api.post(f"{BASE}{synergy.pk}/stage/", {"to_stage": "discussion"}, format="json")
    assert moved.status_code == 200 and moved.json()["stage"] == "discussion"
    abandon = api.post(f"{BASE}{synergy.pk}/stage/", {"to_stage": "abandoned"}, format="json")
    assert abandon.status_code == 400 and "abandon_reason" in abandon.json()


def test_create_is_idempotent(api, offer_side, need_side):
    api.force_authenticate(need_side.owner)
    payload = {"offer_id": offer_side.flow.pk, "need_id": need_side.flow.pk, "message": "Bonjour"}
    first = api.post(BASE, payload, format="json")
    second = api.post(BASE, payload, format="json")
    assert first.status_code == 201 and second.json()["id"] == first.json()["id"]
    assert Synergy.objects.count() == 1


def test_list_query_count_is_constant(api, synergy, need_side, facilitator, django_assert_max_num_queries):
    api.force_authenticate(need_side.owner)
    with django_assert_max_num_queries(4):
        assert api.get(BASE).json()["count"] == 1
    for _ in range(8):
        services.express_interest(actor=need_side.owner, offer=italian_offer().flow, need=need_side.flow)
    with django_assert_max_num_queries(4):
        assert api.get(BASE).json()["count"] == 9
    api.force_authenticate(facilitator)
    services.express_interest(actor=(n := french_need()).owner, offer=italian_offer().flow, need=n.flow)
    with django_assert_max_num_queries(4):
        assert api.get(BASE).json()["count"] == 10
