import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from circuito.accounts.models import Membership, Organisation
from tests.factories import CommuneFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_anyone_reads_public_profiles_with_constant_queries(api, django_assert_max_num_queries):
    for _ in range(3):
        OrganisationFactory(commune=CommuneFactory())
    with django_assert_max_num_queries(10) as few:
        assert api.get("/api/v1/organisations/").status_code == 200
    for _ in range(25):
        OrganisationFactory(commune=CommuneFactory())
    with django_assert_max_num_queries(len(few.captured_queries)):
        data = api.get("/api/v1/organisations/").json()
    assert data["count"] == 28 and "results" in data


def test_create_needs_authentication_and_makes_admin(api, user):
    commune = CommuneFactory(name="Chambéry", code="73065")
    payload = {"kind": "company", "legal_name": "Savoie Bois", "country": "FR", "commune": commune.pk}
    assert api.post("/api/v1/organisations/", payload, format="json").status_code in (401, 403)
    token = Token.objects.create(user=user)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.post("/api/v1/organisations/", payload, format="json")
    assert response.status_code == 201, response.json()
    org = Organisation.objects.get(slug=response.json()["slug"])
    assert Membership.objects.get(organisation=org).user == user


def test_bad_identifier_is_explained(api, user):
    api.force_authenticate(user)
    response = api.post(
        "/api/v1/organisations/",
        {"kind": "company", "legal_name": "X", "country": "IT", "partita_iva": "123"},
        format="json",
    )
    assert response.status_code == 400
    assert "partita IVA" in response.json()["partita_iva"][0]


def test_colleague_and_outsider_cannot_update(api, org_people):
    target = f"/api/v1/organisations/{org_people.organisation.slug}/"
    for person in (org_people.colleague, org_people.outsider):
        api.force_authenticate(person)
        assert api.patch(target, {"legal_name": "Hijacked"}, format="json").status_code == 403
    api.force_authenticate(org_people.owner)
    assert api.patch(target, {"legal_name": "Renamed"}, format="json").status_code == 200
    org_people.organisation.refresh_from_db()
    assert org_people.organisation.legal_name == "Renamed"


def test_members_endpoint_refuses_outsider(api, org_people):
    target = f"/api/v1/organisations/{org_people.organisation.slug}/members/"
    assert api.get(target).status_code in (401, 403)
    api.force_authenticate(org_people.outsider)
    assert api.get(target).status_code == 403
    api.force_authenticate(org_people.colleague)
    emails = {m["email"] for m in api.get(target).json()["results"]}
    assert org_people.owner.email in emails


def test_schema_and_docs_are_served(api):
    assert api.get("/api/schema/").status_code == 200
    assert api.get("/api/docs/").status_code == 200
