"""The candidates fragment and page: who sees what, the contact button, constant query count."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from bourseflux.models import ActivityFlowProfile, Flow
from circuito.nace.models import NaceActivity
from tests.bourseflux.factories_matching import aosta, categories, flow_at, savoie
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _url(flow, page=False, lang="fr"):
    with translation.override(lang):
        return reverse("bourseflux:flow_candidates_page" if page else "bourseflux:flow_candidates", args=[flow.pk])


def _t(msgid: str, lang: str = "fr") -> str:
    """The template text as a page in `lang` shows it: translated and HTML-escaped."""
    with translation.override(lang):
        return escape(gettext(msgid))


def _has_button(html: str) -> bool:
    return _t("I'm interested") in html


@pytest.fixture
def pair(org_people):
    need = flow_at(savoie(), organisation=org_people.organisation, direction=Flow.Direction.NEED, title_it="")
    offer = flow_at(aosta(), title_fr="", title_it="Vinacce di mele")
    return need, offer


def test_anonymous_sees_candidates_but_no_contact_button(client, pair):
    need, offer = pair
    response = client.get(_url(need))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vinacce di mele" in html
    assert offer.organisation.legal_name in html
    assert not _has_button(html)
    assert _t("Log in to contact this company") in html
    assert _t("(original language)") in html  # Italian title shown on a French page


def test_owner_gets_the_interested_button_with_offer_and_need(client, pair, org_people):
    need, offer = pair
    client.force_login(org_people.colleague)
    html = client.get(_url(need)).content.decode()
    assert _has_button(html)
    assert f'name="offer" value="{offer.pk}"' in html
    assert f'name="need" value="{need.pk}"' in html
    assert 'action="' + reverse("bourseflux:synergy_start") + '"' in html
    assert "<meter" in html and _t("Cross-border") in html


def test_other_company_sees_candidates_without_button(client, pair, org_people):
    need, _ = pair
    client.force_login(org_people.outsider)
    response = client.get(_url(need))
    assert response.status_code == 200
    assert not _has_button(response.content.decode())


@pytest.mark.parametrize("page", [False, True])
def test_draft_flow_is_404_for_outsider_and_anonymous(client, pair, org_people, page):
    need, _ = pair
    need.status = Flow.Status.DRAFT
    need.save(update_fields=["status"])
    assert client.get(_url(need, page)).status_code == 404
    client.force_login(org_people.outsider)
    assert client.get(_url(need, page)).status_code == 404
    client.force_login(org_people.owner)
    response = client.get(_url(need, page))
    assert response.status_code == 200
    assert _t("Publish this flow to see its candidates.") in response.content.decode()


def test_full_page_in_italian(client, pair):
    need, _ = pair
    response = client.get(_url(need, page=True, lang="it"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vinacce di mele" in html
    assert "<html" in html


def test_estimates_come_after_real_candidates_and_are_marked(client, pair):
    need, offer = pair
    cider = NaceActivity.objects.create(code="11.03", level="class", label_fr="Fabrication de cidre", label_it="Sidro")
    ActivityFlowProfile.objects.create(
        nace_code="11.0",
        direction="offer",
        category=categories()["fruit"],
        nature="by_product",
        name_fr="Marc de pommes (cidrerie)",
        name_it="Vinacce di mele (sidro)",
    )
    estimated = OrganisationFactory(
        legal_name="Sidreria Valdostana", country="IT", commune=offer.site.commune, nace=cider
    )
    estimated.latitude, estimated.longitude = 45.74, 7.32
    estimated.save()
    html = client.get(_url(need)).content.decode()
    assert "Sidreria Valdostana" in html
    assert _t("Estimate from the activity: not confirmed by the company") in html
    assert html.index(offer.organisation.legal_name) < html.index("Sidreria Valdostana")


def test_query_count_does_not_grow_with_candidates(client, pair, org_people, django_assert_max_num_queries):
    need, _ = pair
    client.force_login(org_people.colleague)
    with django_assert_max_num_queries(20) as few:
        client.get(_url(need))
    bound = len(few.captured_queries)
    here, there = savoie(), aosta()
    for i in range(30):
        flow_at(here if i % 2 else there, title_fr=f"Offre {i}")
    with django_assert_max_num_queries(bound):
        response = client.get(_url(need))
    assert response.content.decode().count("data-candidate=") == 20


def test_a_member_of_two_companies_does_not_see_its_own_flows(client, pair, org_people):
    need, _ = pair
    own_offer = flow_at(savoie(), organisation=need.organisation, title_fr="Notre propre marc")
    other = OrganisationFactory()
    MembershipFactory(user=org_people.owner, organisation=other)
    client.force_login(org_people.owner)
    assert "Notre propre marc" not in client.get(_url(need)).content.decode()
    assert own_offer.pk
