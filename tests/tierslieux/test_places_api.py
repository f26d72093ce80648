"""The viewsets are called directly (their router lines are added in tierslieux/api/__init__.py)."""

import pytest
from rest_framework.test import APIRequestFactory, force_authenticate

from circuito.audit.models import AuditEntry
from tests.factories import MembershipFactory
from tests.tierslieux.factories import PlaceFactory, PlaceKindFactory, ServiceFactory, ServiceKindFactory
from tests.tierslieux.factories_places import OpeningHoursFactory, ReferentFactory, nice, turin
from tierslieux.api.places import PlaceViewSet, ServiceViewSet
from tierslieux.models import Place

pytestmark = pytest.mark.django_db
factory = APIRequestFactory()
places_list = PlaceViewSet.as_view({"get": "list", "post": "create"})
place_detail = PlaceViewSet.as_view({"get": "retrieve", "patch": "partial_update"})
services_list = ServiceViewSet.as_view({"get": "list", "post": "create"})


def call(view, method="get", user=None, data=None, **kwargs):
    request = getattr(factory, method)("/api/", data, format="json" if method != "get" else None)
    if user:
        force_authenticate(request, user=user)
    return view(request, **kwargs)


def test_list_published_with_directory_filters():
    PlaceFactory(name="Nice lab", commune=nice())
    PlaceFactory(name="Turin lab", commune=turin())
    PlaceFactory(name="Draft", status=Place.Status.DRAFT)
    response = call(places_list)
    assert response.status_code == 200 and {r["name"] for r in response.data["results"]} == {"Nice lab", "Turin lab"}
    near = call(places_list, data={"near": turin().pk, "km": 50}).data["results"]
    assert [r["name"] for r in near] == ["Turin lab"] and near[0]["distance_km"] < 1


def test_list_query_count_is_constant(django_assert_max_num_queries):
    def populate(n):
        for _ in range(n):
            place = PlaceFactory()
            ServiceFactory(place=place)
            OpeningHoursFactory(place=place)

    populate(2)
    with django_assert_max_num_queries(12) as few:
        call(places_list)
    populate(15)
    with django_assert_max_num_queries(len(few.captured_queries)):
        call(places_list)


def test_drafts_hidden_from_outsiders_and_writes_for_editors_only():
    draft = PlaceFactory(status=Place.Status.DRAFT)
    outsider = MembershipFactory().user
    assert call(place_detail, slug=draft.slug).status_code == 404
    assert call(place_detail, user=outsider, slug=draft.slug).status_code == 404
    place = PlaceFactory()
    assert call(place_detail, "patch", outsider, {"phone": "1"}, slug=place.slug).status_code == 403
    assert call(place_detail, "patch", None, {"phone": "1"}, slug=place.slug).status_code in (401, 403)
    referent = ReferentFactory(place=place).user
    assert call(place_detail, "patch", referent, {"phone": "04 65 71 06 08"}, slug=place.slug).status_code == 200
    place.refresh_from_db()
    assert place.phone == "04 65 71 06 08"
    # A number that is no phone number is refused with its field named.
    refused = call(place_detail, "patch", referent, {"phone": "04 00"}, slug=place.slug)
    assert refused.status_code == 400 and "phone" in refused.data
    assert AuditEntry.objects.filter(action="tierslieux.place.update", actor=referent).exists()


def test_create_place_and_service(partner_staff):
    kind = PlaceKindFactory()
    data = {"slug": "new-lab", "name": "New lab", "kinds": [kind.code], "commune": nice().pk, "description_fr": "x"}
    response = call(places_list, "post", partner_staff, data)
    assert response.status_code == 201, response.data
    place = Place.objects.get(slug="new-lab")
    assert place.status == Place.Status.DRAFT and place.latitude == pytest.approx(43.7049)
    assert call(places_list, "post", MembershipFactory().user, {**data, "slug": "other"}).status_code == 403
    service = {"place": place.slug, "kind": ServiceKindFactory().code, "name_fr": "Prototypage"}
    assert call(services_list, "post", MembershipFactory().user, service).status_code == 403
    assert call(services_list, "post", partner_staff, service).status_code == 201
    assert call(services_list, user=partner_staff, data={"place": place.slug}).data["count"] == 1
