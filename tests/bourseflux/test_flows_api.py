import pytest
from django.urls import include, path
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.routers import DefaultRouter
from rest_framework.test import APIClient

from bourseflux.api.flows import register
from bourseflux.models import Flow
from tests.bourseflux.factories import EwcCodeFactory, FlowFactory, MaterialCategoryFactory, SiteFactory
from tests.bourseflux.factories_flows import make_facilitator

# The viewset on its own router, so that these tests do not depend on the project's wiring.
_router = DefaultRouter()
register(_router)
urlpatterns = [path("api/v1/", include(_router.urls))]
pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]
URL = "/api/v1/flows/"


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def company(org_people):
    org = org_people.organisation
    org.commune = SiteFactory(organisation=org).commune
    org.save()
    return org


def _payload(company, **overrides) -> dict:
    data = {
        "organisation": company.pk,
        "direction": "offer",
        "nature": "waste",
        "ewc": EwcCodeFactory().code,
        "category": MaterialCategoryFactory().code,
        "title_it": "Vinacce di mele",
        "physical_state": "paste",
        "quantity": "3.5",
        "unit": "t",
        "frequency": "week",
        "months": [9, 10],
    }
    data.update(overrides)
    return data


def test_member_creates_and_outsider_cannot_change(api, company, org_people):
    api.force_authenticate(org_people.owner)
    response = api.post(URL, _payload(company), format="json")
    assert response.status_code == 201, response.data
    assert response.data["months"] == [9, 10] and response.data["status"] == "draft"
    pk = response.data["id"]
    api.force_authenticate(org_people.outsider)
    assert api.get(f"{URL}{pk}/").status_code == 404
    assert api.post(URL, _payload(company), format="json").status_code == 403
    Flow.objects.filter(pk=pk).update(status="published")
    assert api.patch(f"{URL}{pk}/", {"title_fr": "Volé"}, format="json").status_code == 403


def test_rules_give_their_message(api, company, org_people):
    api.force_authenticate(org_people.owner)
    response = api.post(URL, _payload(company, ewc=None), format="json")
    with translation.override("fr"):  # the API answers in the request's language, French by default
        expected = gettext(
            "A waste needs its EWC code (European List of Waste): type its six digits or words of its label."
        )
    assert response.status_code == 400 and expected in " ".join(response.data["ewc"])
    response = api.post(URL, _payload(company, quantity="-2"), format="json")
    assert response.status_code == 400 and "quantity" in response.data
    assert not Flow.objects.exists()


def test_facilitator_creates_for_a_company(api, company):
    api.force_authenticate(make_facilitator())
    response = api.post(URL, _payload(company), format="json")
    assert response.status_code == 201 and Flow.objects.get().organisation == company


def test_anonymous_reads_published_only_and_cannot_write(api, company):
    published = FlowFactory()
    FlowFactory(status=Flow.Status.DRAFT)
    ids = [row["id"] for row in api.get(URL).data["results"]]
    assert ids == [published.pk]
    assert api.post(URL, _payload(company), format="json").status_code in (401, 403)


def test_quantities_nulled_per_visibility(api, org_people):
    members = FlowFactory(quantity_visibility="members", price_kind="priced", price_eur=12, price_unit="t")
    facilitators = FlowFactory(quantity_visibility="facilitators")
    row = api.get(f"{URL}{members.pk}/").data
    assert row["quantity"] is None and row["price_eur"] is None and row["yearly_quantity"] is None
    api.force_authenticate(org_people.outsider)
    assert api.get(f"{URL}{members.pk}/").data["quantity"] is not None
    assert api.get(f"{URL}{facilitators.pk}/").data["quantity"] is None
    api.force_authenticate(make_facilitator())
    assert api.get(f"{URL}{facilitators.pk}/").data["quantity"] is not None


def test_filters(api):
    FlowFactory()
    need = FlowFactory(direction="need")
    assert [r["id"] for r in api.get(URL, {"direction": "need"}).data["results"]] == [need.pk]
    assert api.get(URL, {"ewc": "02 03 04"}).data["count"] == 0
    assert api.get(URL, {"category": "organic", "country": "FR"}).data["count"] == 2


def test_list_in_constant_queries(api, org_people, django_assert_max_num_queries):
    FlowFactory()
    api.force_authenticate(org_people.outsider)
    with django_assert_max_num_queries(20) as few:
        api.get(URL)
    for _ in range(15):
        FlowFactory(quantity_visibility="facilitators")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert api.get(URL).data["count"] == 16
