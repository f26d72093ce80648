"""The list and search page of flows."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from bourseflux.models import Flow
from tests.bourseflux.factories import FlowFactory, SiteFactory
from tests.bourseflux.factories_explore import facilitator, french_flow, italian_flow

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _back_to_default_language():
    """Requests to /it/ pages leave Italian active in the thread: restore it for later tests."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


def list_url(lang: str = "fr") -> str:
    with translation.override(lang):
        return reverse("bourseflux:flow_list")


def test_vinacce_finds_the_italian_offer_from_the_french_page(client):
    italian_flow()
    french_flow()
    response = client.get(list_url("fr"), {"q": "vinacce"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vinacce di mele" in html
    assert "Besoin de marc" not in html
    assert re.search(r'original-language"[^>]*>IT', html)  # the title was not translated into French


def test_french_title_on_the_italian_page_is_marked(client):
    french_flow()
    html = client.get(list_url("it")).content.decode()
    assert "Besoin de marc de pommes" in html
    assert re.search(r'original-language"[^>]*>FR', html)


def test_filters_apply_and_form_is_shown(client):
    italian_flow()
    french_flow()
    html = client.get(list_url(), {"direction": "need"}).content.decode()
    assert "Besoin de marc" in html and "Vinacce" not in html
    assert 'name="direction"' in html and 'name="q"' in html


@pytest.fixture
def flows_by_visibility(org_people):
    site = SiteFactory(organisation=org_people.organisation)
    return {
        vis: FlowFactory(site=site, quantity_visibility=vis, title_fr=f"Flux {vis}", quantity=vis_q)
        for vis, vis_q in (("public", 11), ("members", 22), ("facilitators", 33))
    }


def shown_quantities(client) -> set[str]:
    html = client.get(list_url()).content.decode()
    return {q for q in ("132", "264", "396") if f"{q} t" in html}  # yearly: 11, 22, 33 t a month


def test_quantities_follow_the_confidentiality_of_each_flow(client, flows_by_visibility, org_people):
    assert shown_quantities(client) == {"132"}  # anonymous
    client.force_login(org_people.outsider)
    assert shown_quantities(client) == {"132", "264"}
    client.force_login(org_people.colleague)
    assert shown_quantities(client) == {"132", "264", "396"}
    client.force_login(facilitator())
    assert shown_quantities(client) == {"132", "264", "396"}


def test_confidential_quantity_says_so(client, flows_by_visibility):
    html = client.get(list_url()).content.decode()
    assert html.count("flow-quantity-confidential") == 2


def test_drafts_only_for_their_company(client, org_people):
    FlowFactory(
        site=SiteFactory(organisation=org_people.organisation), status=Flow.Status.DRAFT, title_fr="Brouillon X"
    )
    assert "Brouillon X" not in client.get(list_url()).content.decode()
    client.force_login(org_people.outsider)
    assert "Brouillon X" not in client.get(list_url()).content.decode()
    client.force_login(org_people.owner)
    assert "Brouillon X" in client.get(list_url()).content.decode()


def _count_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(list_url(), {"q": "marc"}).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("logged_in", [False, True])
def test_query_count_does_not_grow_with_rows(client, org_people, logged_in, django_assert_max_num_queries):
    if logged_in:
        client.force_login(org_people.outsider)
    french_flow()
    few = _count_queries(client)
    for i in range(40):
        FlowFactory(site=SiteFactory(), title_fr=f"Marc {i}", quantity_visibility="facilitators")
    with django_assert_max_num_queries(few):
        client.get(list_url(), {"q": "marc"})
