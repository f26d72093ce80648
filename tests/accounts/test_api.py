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
    commune = CommuneFactory(country="IT")
    response = api.post(
        "/api/v1/organisations/",
        {"kind": "company", "legal_name": "X", "country": "IT", "partita_iva": "123", "commune": commune.pk},
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


def _payload(commune, **extra) -> dict:
    return {"kind": "company", "legal_name": "Savoie Bois", "country": "FR", "commune": commune.pk, **extra}


def test_api_applies_the_rules_of_the_form(api, user):
    """A commune; no partner kind, lead-partner flag or charter code given by oneself; no charter
    partner's name; no second organisation of the same name in a commune. Nothing is saved."""
    partner = OrganisationFactory(kind=Organisation.Kind.PARTNER, legal_name="Région Sud", partner_code="PACA")
    commune = CommuneFactory(name="Chambéry", code="73065")
    api.force_authenticate(user)
    before = Organisation.objects.count()
    refused = {
        "commune": {k: v for k, v in _payload(commune).items() if k != "commune"},
        "kind": _payload(commune, kind="implementing_body"),
        "legal_name": _payload(commune, legal_name="REGION  sud"),
    }
    for field, payload in refused.items():
        response = api.post("/api/v1/organisations/", payload, format="json")
        assert response.status_code == 400, (field, response.json())
        assert field in response.json(), (field, response.json())
    assert (
        api.post("/api/v1/organisations/", {**_payload(commune), "kind": "partner"}, format="json").status_code == 400
    )
    assert Organisation.objects.count() == before
    assert not Membership.objects.filter(user=user).exists()

    created = api.post(
        "/api/v1/organisations/", _payload(commune, is_lead_partner=True, partner_code="LIG2"), format="json"
    )
    assert created.status_code == 201, created.json()
    org = Organisation.objects.get(slug=created.json()["slug"])
    assert (org.kind, org.is_lead_partner, org.partner_code) == ("company", False, "")
    twin = api.post("/api/v1/organisations/", _payload(commune, legal_name="savoie-bois"), format="json")
    assert twin.status_code == 400 and "legal_name" in twin.json()
    assert partner.legal_name == "Région Sud" and Organisation.objects.count() == before + 1


def test_a_company_cannot_make_itself_a_partner_nor_take_a_partner_name(api, org_people):
    OrganisationFactory(kind=Organisation.Kind.PARTNER, legal_name="Regione Liguria", partner_code="LIG")
    org_people.organisation.commune = CommuneFactory()
    org_people.organisation.save()
    target = f"/api/v1/organisations/{org_people.organisation.slug}/"
    api.force_authenticate(org_people.owner)
    for payload in ({"kind": "partner"}, {"kind": "implementing_body"}, {"legal_name": "Regione Liguria"}):
        response = api.patch(target, payload, format="json")
        assert response.status_code == 400, (payload, response.json())
    assert api.patch(target, {"commune": None}, format="json").status_code == 400
    org_people.organisation.refresh_from_db()
    assert org_people.organisation.kind == "company" and org_people.organisation.legal_name != "Regione Liguria"
    assert api.patch(target, {"kind": "association"}, format="json").status_code == 200


def test_an_outsider_cannot_change_a_partner(api, org_people):
    partner = OrganisationFactory(kind=Organisation.Kind.PARTNER, legal_name="Région Sud", partner_code="PACA")
    api.force_authenticate(org_people.outsider)
    response = api.patch(f"/api/v1/organisations/{partner.slug}/", {"kind": "company"}, format="json")
    assert response.status_code == 403
    partner.refresh_from_db()
    assert partner.kind == "partner"
