"""The candidates fragment at volume and in the page cache: visitors get the same cards in a
constant number of queries, served as kept until a write to the flux exchange; companies
listed anonymously stay anonymous in the kept copy; members always get their own cards."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from bourseflux.models import Flow
from tests.bourseflux.factories_matching import aosta, flow_at, savoie

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(org_people) -> Flow:
    return flow_at(savoie(), organisation=org_people.organisation, direction=Flow.Direction.NEED, title_it="")


def _url(flow: Flow) -> str:
    with translation.override("fr"):
        return reverse("bourseflux:flow_candidates", args=[flow.pk])


def _button() -> str:
    with translation.override("fr"):
        return escape(gettext("I'm interested"))


def test_visitor_cards_in_constant_queries(client, need, django_assert_max_num_queries):
    hidden = flow_at(aosta(), title_fr="", title_it="Vinacce di mele", hide_company=True)
    with django_assert_max_num_queries(20) as few:
        html = client.get(_url(need)).content.decode()
    bound = len(few.captured_queries)
    assert "Vinacce di mele" in html and hidden.organisation.legal_name not in html
    here, there = savoie(), aosta()
    for i in range(30):
        flow_at(here if i % 2 else there, title_fr=f"Offre {i}", hide_company=i % 3 == 0)
    with django_assert_max_num_queries(bound):
        response = client.get(_url(need))
    assert response.content.decode().count("data-candidate=") == 20


def test_visitors_are_served_the_kept_cards_until_a_write(client, need, page_cache, django_assert_num_queries):
    first = flow_at(aosta(), title_it="Vinacce di mele")
    html = client.get(_url(need)).content.decode()
    assert first.organisation.legal_name in html
    with django_assert_num_queries(0):
        assert client.get(_url(need)).content.decode() == html
    second = flow_at(savoie(), title_fr="Marc de pommes du Chablais")
    html = client.get(_url(need)).content.decode()
    assert "Marc de pommes du Chablais" in html and second.organisation.legal_name in html


def test_kept_copy_keeps_hidden_companies_hidden_and_members_get_their_own(client, need, org_people, page_cache):
    hidden = flow_at(aosta(), title_fr="", title_it="Vinacce di mele", hide_company=True)
    html = client.get(_url(need)).content.decode()
    assert hidden.organisation.legal_name not in html and _button() not in html
    client.force_login(org_people.colleague)
    html = client.get(_url(need)).content.decode()
    assert _button() in html  # the flow's own company may say it is interested
    assert f'name="offer" value="{hidden.pk}"' in html


def test_draft_flow_still_404_for_visitors_with_the_cache(client, need, page_cache):
    need.status = Flow.Status.DRAFT
    need.save()
    assert client.get(_url(need)).status_code == 404
    assert client.get(_url(need)).status_code == 404
