"""API of service requests and innovation needs: same rules as the pages."""

import pytest
from django.urls import include, path
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIClient

from circuito import urls as project_urls
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.tierslieux.factories import PlaceFactory, SectorFactory, ServiceKindFactory
from tests.tierslieux.factories_requests import request_of, scene
from tierslieux.api.requests import register
from tierslieux.models import InnovationNeed, PlaceReferent, ServiceRequest
from tierslieux.services.requests import post_message

# The viewsets on their own router, so these tests do not depend on the project's registrations.
router = DefaultRouter()
register(router)
urlpatterns = [path("test-api/", include(router.urls)), *project_urls.urlpatterns]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
BASE = "/test-api/service-requests/"
INNOVATION = "/test-api/innovation-needs/"


def api(user=None) -> APIClient:
    client = APIClient()
    if user:
        client.force_authenticate(user)
    return client


def test_company_creates_then_referent_answers_and_agrees():
    s = scene()
    response = api(s.member).post(
        BASE,
        {
            "place": s.place.slug,
            "organisation": s.company.pk,
            "service": s.service.pk,
            "subject": "Prova",
            "message": "Ciao",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.data["cross_border"] is True and response.data["status"] == "new"
    pk = response.data["id"]
    assert api(s.referent).post(f"{BASE}{pk}/messages/", {"body": "Bonjour"}, format="json").status_code == 201
    thread = api(s.member).get(f"{BASE}{pk}/messages/").data["results"]
    assert [m["body"] for m in thread] == ["Ciao", "Bonjour"]
    bad = api(s.member).post(f"{BASE}{pk}/status/", {"status": "done"}, format="json")
    assert bad.status_code == 400 and "status" in bad.data
    ok = api(s.member).post(f"{BASE}{pk}/status/", {"status": "agreed"}, format="json")
    assert ok.status_code == 200 and ok.data["status"] == "agreed"


def test_create_for_a_company_of_someone_else_is_refused():
    s = scene()
    response = api(s.outsider).post(
        BASE, {"place": s.place.slug, "organisation": s.company.pk, "subject": "x", "message": "y"}, format="json"
    )
    assert response.status_code == 403 and not ServiceRequest.objects.exists()


def test_outsiders_never_see_a_request():
    s = scene()
    req = request_of(s)
    other_referent = UserFactory()
    PlaceReferent.objects.create(place=PlaceFactory(), user=other_referent)
    for user in (s.outsider, other_referent):
        client = api(user)
        assert client.get(BASE).data["count"] == 0
        assert client.get(f"{BASE}{req.pk}/").status_code == 404
        assert client.get(f"{BASE}{req.pk}/messages/").status_code == 404
        assert client.post(f"{BASE}{req.pk}/messages/", {"body": "x"}, format="json").status_code == 404
        assert client.post(f"{BASE}{req.pk}/status/", {"status": "declined"}, format="json").status_code == 404
    assert api(s.colleague).get(f"{BASE}{req.pk}/").status_code == 200


def test_anonymous_is_refused():
    s = scene()
    req = request_of(s)
    assert api().get(BASE).status_code in (401, 403)
    assert api().get(f"{BASE}{req.pk}/").status_code in (401, 403)
    assert api().get(INNOVATION).status_code in (401, 403)


def test_list_query_count_is_constant(django_assert_max_num_queries):
    s = scene()
    client = api(s.referent)
    request_of(s)
    with django_assert_max_num_queries(8) as few:
        assert client.get(BASE).data["count"] == 1
    measured = len(few.captured_queries)
    for i in range(15):
        post_message(request_of(s, subject=f"R{i}"), actor=s.referent, body="ok")
    with django_assert_max_num_queries(measured):
        assert client.get(f"{BASE}?status=answered").data["count"] == 15


def test_innovation_need_answer_and_privacy():
    s = scene()
    kind = ServiceKindFactory()
    response = api(s.member).post(
        INNOVATION,
        {"organisation": s.company.pk, "title_it": "Sensori IoT", "service_kinds": [kind.code]},
        format="json",
    )
    assert response.status_code == 201, response.content
    pk = response.data["id"]
    answer = api(s.referent).post(
        f"{INNOVATION}{pk}/answers/", {"place": s.place.slug, "body": "Nous savons faire."}, format="json"
    )
    assert answer.status_code == 201
    assert len(api(s.colleague).get(f"{INNOVATION}{pk}/answers/").data["results"]) == 1
    assert api(s.outsider).get(f"{INNOVATION}{pk}/answers/").data["results"] == []
    assert api(s.outsider).post(f"{INNOVATION}{pk}/close/").status_code == 403
    assert api(s.member).post(f"{INNOVATION}{pk}/close/").status_code == 200
    assert InnovationNeed.objects.get().status == InnovationNeed.Status.CLOSED
    assert api(s.member).get(f"{INNOVATION}{pk}/").status_code == 404  # closed needs leave the list


def test_innovation_list_query_count_is_constant(django_assert_max_num_queries):
    company = OrganisationFactory()
    member = MembershipFactory(organisation=company).user
    client = api(member)

    def post(n: int) -> None:
        for i in range(n):
            client.post(
                INNOVATION,
                {
                    "organisation": company.pk,
                    "title_fr": f"Besoin {i}",
                    "service_kinds": [ServiceKindFactory().code],
                    "sectors": [SectorFactory().code],
                },
                format="json",
            )

    post(1)
    with django_assert_max_num_queries(10) as few:
        client.get(INNOVATION)
    measured = len(few.captured_queries)  # read now: later requests reset the query log
    post(12)
    with django_assert_max_num_queries(measured):
        assert client.get(INNOVATION).data["count"] == 13
