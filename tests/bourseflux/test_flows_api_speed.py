"""The flows API list at volume: the names and codes it shows are read in a constant number of
queries whatever the number of flows, companies, sites and codes; anonymous readers share one kept
answer until a write changes it, members always get their own."""

import pytest
from django.db import reset_queries
from django.utils import translation
from rest_framework.test import APIClient

from bourseflux.anonymity import anonymous_label
from bourseflux.models import Flow
from tests.bourseflux.factories import EwcCodeFactory, FlowFactory

pytestmark = pytest.mark.django_db
API = "/api/v1/flows/"


def _flows(count: int) -> list[Flow]:
    """Flows of distinct companies, sites, communes and categories: half waste with their own
    code, every third one listed anonymously with its quantities for members only."""
    return [
        FlowFactory(
            nature=Flow.Nature.WASTE if n % 2 else Flow.Nature.BY_PRODUCT,
            ewc=EwcCodeFactory() if n % 2 else None,
            hide_company=n % 3 == 0,
            quantity_visibility=Flow.Visibility.MEMBERS if n % 3 == 0 else Flow.Visibility.PUBLIC,
        )
        for n in range(count)
    ]


def _anonymous(flow: Flow) -> str:
    """What the API (in the portal's default language, French) says instead of the name."""
    with translation.override("fr"):
        return anonymous_label(flow)


def _row(rows: list[dict], flow: Flow) -> dict:
    return next(r for r in rows if r["id"] == flow.pk)


def test_anonymous_list_shows_names_and_codes_in_constant_queries(django_assert_max_num_queries):
    client = APIClient()
    (hidden, waste, shown) = _flows(3)
    reset_queries()
    with django_assert_max_num_queries(12) as few:
        rows = client.get(API).json()["results"]
    counted = len(few.captured_queries)
    assert _row(rows, shown)["organisation_name"] == shown.organisation.legal_name
    assert _row(rows, shown)["commune"] == shown.site.commune.name
    assert _row(rows, shown)["category"] == shown.category.code
    assert _row(rows, waste)["ewc"] == waste.ewc.code
    assert _row(rows, hidden)["organisation"] is None
    assert _row(rows, hidden)["organisation_name"] == _anonymous(hidden)
    assert _row(rows, hidden)["quantity"] is None
    assert _row(rows, shown)["quantity"] == "10.000"
    _flows(12)
    reset_queries()
    with django_assert_max_num_queries(counted):
        assert len(client.get(API).json()["results"]) == 15


def test_member_list_in_constant_queries(org_people, django_assert_max_num_queries):
    client = APIClient()
    client.force_authenticate(org_people.outsider)
    (hidden, *_) = _flows(3)
    reset_queries()
    with django_assert_max_num_queries(14) as few:
        rows = client.get(API).json()["results"]
    counted = len(few.captured_queries)  # read before reset_queries() empties the log
    assert _row(rows, hidden)["quantity"] == "10.000"  # members-only quantities: a member reads them
    assert _row(rows, hidden)["organisation_name"] == _anonymous(hidden)
    _flows(12)
    reset_queries()
    with django_assert_max_num_queries(counted):
        assert len(client.get(API).json()["results"]) == 15


def test_search_list_in_constant_queries(django_assert_max_num_queries):
    client = APIClient()
    _flows(3)
    reset_queries()
    with django_assert_max_num_queries(20) as few:
        rows = client.get(API, {"q": "pommes"}).json()["results"]
    counted = len(few.captured_queries)
    assert len(rows) == 3
    _flows(12)
    reset_queries()
    with django_assert_max_num_queries(counted):
        assert len(client.get(API, {"q": "pommes"}).json()["results"]) == 15


def test_anonymous_answer_kept_until_a_write(page_cache, django_assert_num_queries):
    client = APIClient()
    (flow,) = _flows(1)
    assert client.get(API).json()["count"] == 1
    with django_assert_num_queries(0):  # the same answer for every visitor: served as kept
        assert [r["id"] for r in client.get(API).json()["results"]] == [flow.pk]
    FlowFactory(title_fr="Sciure de bois")
    rows = client.get(API).json()["results"]
    assert sorted(r["title_fr"] for r in rows) == ["Marc de pommes", "Sciure de bois"]


def test_members_are_not_served_the_visitors_answer(page_cache, org_people):
    (hidden,) = _flows(1)
    hidden.organisation = org_people.organisation
    hidden.save()
    visitor = APIClient()
    assert visitor.get(API).json()["results"][0]["organisation_name"] == _anonymous(hidden)
    member = APIClient()
    member.force_authenticate(org_people.colleague)
    row = member.get(API).json()["results"][0]
    assert row["organisation_name"] == org_people.organisation.legal_name
    assert row["quantity"] == "10.000"
    assert visitor.get(API).json()["results"][0]["quantity"] is None
