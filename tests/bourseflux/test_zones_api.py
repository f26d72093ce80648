"""API of zones, workshops and meetings (viewsets called directly: the router line is added in
bourseflux/api/__init__.py)."""

import pytest
from rest_framework.test import APIRequestFactory, force_authenticate

from bourseflux.api.zones import AwarenessMeetingViewSet, PilotZoneViewSet
from bourseflux.models import PilotZone
from circuito.accounts.models import Organisation
from tests.bourseflux.factories_zones import MeetingFactory, PilotZoneFactory, facilitator, partner_member

pytestmark = pytest.mark.django_db
factory = APIRequestFactory()


def call(viewset, method, user, data=None, *, action: str):
    request = getattr(factory, method)("/api/v1/pilot-zones/x/", data, format="json")
    if user is not None:
        force_authenticate(request, user=user)
    return viewset.as_view({method: action})(request)


def test_partner_staff_reads_zones_but_only_facilitators_write(org_people):
    PilotZoneFactory()
    assert call(PilotZoneViewSet, "get", partner_member(), action="list").status_code == 200
    assert call(PilotZoneViewSet, "get", org_people.owner, action="list").status_code == 403
    assert call(PilotZoneViewSet, "get", None, action="list").status_code in (401, 403)
    payload = {"name_fr": "ZA des Landiers", "latitude": 45.58, "longitude": 5.9, "radius_km": 3}
    assert call(PilotZoneViewSet, "post", partner_member("P2"), payload, action="create").status_code == 403
    user = facilitator()
    response = call(PilotZoneViewSet, "post", user, payload, action="create")
    assert response.status_code == 201, response.data
    zone = PilotZone.objects.get(name_fr="ZA des Landiers")
    assert zone.partner == Organisation.objects.get(partner_code="CCI73")
    bad = call(PilotZoneViewSet, "post", user, {**payload, "radius_km": -1}, action="create")
    assert bad.status_code == 400 and "radius_km" in bad.data


def test_meetings_api_is_for_partner_staff_only(org_people):
    MeetingFactory()
    assert call(AwarenessMeetingViewSet, "get", partner_member(), action="list").data["count"] == 1
    assert call(AwarenessMeetingViewSet, "get", org_people.owner, action="list").status_code == 403


def test_zone_api_list_query_count_does_not_grow(django_assert_max_num_queries):
    user = partner_member()
    PilotZoneFactory()
    with django_assert_max_num_queries(12) as few:
        call(PilotZoneViewSet, "get", user, action="list")
    bound = len(few.captured_queries)
    for _ in range(10):
        PilotZoneFactory()
    with django_assert_max_num_queries(bound):
        assert call(PilotZoneViewSet, "get", user, action="list").data["count"] == 11
