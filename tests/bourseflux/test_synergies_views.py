"""Synergy pages: contact, thread, stages, impact, lists, funnel, and who is refused."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from bourseflux import impact
from bourseflux.models import Synergy, SynergyMessage
from bourseflux.services import synergies as services
from tests.bourseflux import factories_synergies as fs
from tests.bourseflux.factories_synergies import french_need, italian_offer

# Shared fixtures of the synergy tests.
facilitator = fs.facilitator
need_side = fs.need_side
offer_side = fs.offer_side

pytestmark = pytest.mark.django_db
Stage = Synergy.Stage


def fr(msgid, params=None):
    """The French text of msgid as it appears in an HTML page (the pages here are under /fr/)."""
    with translation.override("fr"):
        text = gettext(msgid)
        if params is not None:
            text = text % params
    return escape(text)


@pytest.fixture
def synergy(offer_side, need_side):
    return services.express_interest(
        actor=need_side.owner, offer=offer_side.flow, need=need_side.flow, message="Bonjour"
    )


def _private_urls(pk):
    return [
        ("get", reverse("bourseflux:synergy_detail", args=[pk])),
        ("get", reverse("bourseflux:synergy_messages", args=[pk])),
        ("post", reverse("bourseflux:synergy_messages", args=[pk])),
        ("post", reverse("bourseflux:synergy_stage", args=[pk])),
        ("post", reverse("bourseflux:synergy_impact", args=[pk])),
        ("post", reverse("bourseflux:synergy_follow", args=[pk])),
    ]


def test_start_confirms_then_creates_and_redirects(client, offer_side, need_side):
    client.force_login(need_side.owner)
    url = reverse("bourseflux:synergy_start")
    page = client.get(url, {"offer": offer_side.flow.pk, "need": need_side.flow.pk})
    assert page.status_code == 200
    assert "Vinacce di mele" in page.content.decode()
    response = client.post(url, {"offer": offer_side.flow.pk, "need": need_side.flow.pk, "message": "Salut"})
    synergy = Synergy.objects.get()
    assert response.status_code == 302 and response.url == synergy.get_absolute_url()
    # A second click leads to the same synergy.
    again = client.post(url, {"offer": offer_side.flow.pk, "need": need_side.flow.pk, "message": "Salut"})
    assert again.url == synergy.get_absolute_url() and Synergy.objects.count() == 1


def test_start_refused_for_anonymous_outsider_and_bad_pairs(client, offer_side, need_side, org_people):
    url = reverse("bourseflux:synergy_start")
    data = {"offer": offer_side.flow.pk, "need": need_side.flow.pk}
    assert client.post(url, data).status_code == 302 and not Synergy.objects.exists()
    client.force_login(org_people.outsider)
    assert client.post(url, data).status_code == 403
    client.force_login(need_side.owner)
    assert client.get(url, {"offer": "x", "need": need_side.flow.pk}).status_code == 404
    swapped = client.post(url, {"offer": need_side.flow.pk, "need": offer_side.flow.pk})
    assert (
        swapped.status_code == 400
        and fr("A synergy links an offer to a need: choose one flow of each direction.") in swapped.content.decode()
    )
    assert not Synergy.objects.exists()


def test_detail_shows_both_sides_in_the_reader_language(client, synergy, offer_side, need_side):
    client.force_login(offer_side.owner)
    html = client.get(reverse("bourseflux:synergy_detail", args=[synergy.pk]).replace("/fr/", "/it/")).content.decode()
    assert "Vinacce di mele" in html and "Besoin de marc de pommes" in html
    assert 'data-original-language="fr"' in html  # the French need has no Italian title
    assert offer_side.organisation.legal_name in html and "Chambéry" in html and "Aosta" in html
    assert "Bonjour" in html
    assert f'data-to-stage="{Stage.DISCUSSION}"' in html and f'data-to-stage="{Stage.IMPLEMENTED}"' not in html


def test_outsider_gets_404_and_anonymous_is_redirected(client, synergy, org_people):
    for method, url in _private_urls(synergy.pk):
        assert getattr(client, method)(url).status_code == 302, url
    client.force_login(org_people.outsider)
    for method, url in _private_urls(synergy.pk):
        assert getattr(client, method)(url, {"body": "x", "to_stage": "discussion"}).status_code == 404, url
    assert not SynergyMessage.objects.filter(body="x").exists()
    assert Synergy.objects.get().stage == Stage.PROPOSED


def test_colleague_of_a_participant_posts_with_htmx(client, synergy, need_side):
    client.force_login(need_side.colleague)
    url = reverse("bourseflux:synergy_messages", args=[synergy.pk])
    response = client.post(url, {"body": "Nous pouvons venir mardi."}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert "Nous pouvons venir mardi." in response.content.decode()
    assert "<html" not in response.content.decode()  # a fragment appended to the thread
    message = SynergyMessage.objects.get(body="Nous pouvons venir mardi.")
    assert message.organisation == need_side.organisation
    empty = client.post(url, {"body": "  "}, headers={"HX-Request": "true"})
    assert empty.status_code == 422


def test_stage_buttons_abandon_reason_and_impact(client, synergy, offer_side):
    client.force_login(offer_side.owner)
    stage_url = reverse("bourseflux:synergy_stage", args=[synergy.pk])
    refused = client.post(stage_url, {"to_stage": "abandoned"})
    assert (
        refused.status_code == 400
        and fr("Say why the synergy is abandoned: choose a reason.") in refused.content.decode()
    )
    client.post(stage_url, {"to_stage": "discussion"})
    illegal = client.post(stage_url, {"to_stage": "proposed"}, follow=True)
    with translation.override("fr"):
        labels = {"from": str(Stage.DISCUSSION.label), "to": str(Stage.PROPOSED.label)}
    assert fr("A synergy cannot go from “%(from)s” to “%(to)s”.", labels) in illegal.content.decode()
    client.post(stage_url, {"to_stage": "implemented"})
    page = client.get(synergy.get_absolute_url()).content.decode()
    assert 'data-action="save-impact"' in page and reverse("bourseflux:impact_method") in page

    impact_url = reverse("bourseflux:synergy_impact", args=[synergy.pk])
    bad = client.post(impact_url, {"tonnes_per_year": "-3", "transport": "truck"})
    assert bad.status_code == 400
    client.post(impact_url, {"tonnes_per_year": "50", "transport": "rail", "distance_km": "200"})
    synergy.refresh_from_db()
    expected = impact.compute_impact(50, "organic", "rail", 200).co2e_avoided_t
    assert synergy.co2e_avoided_t == pytest.approx(expected, abs=0.001)
    assert "data-co2e" in client.get(synergy.get_absolute_url()).content.decode()


def test_list_shows_mine_and_query_count_is_constant(client, synergy, need_side, django_assert_max_num_queries):
    client.force_login(need_side.owner)
    url = reverse("bourseflux:synergy_list")
    with django_assert_max_num_queries(7):
        html = client.get(url).content.decode()
    assert f'data-synergy="{synergy.pk}"' in html
    for _ in range(8):
        other = italian_offer()
        services.express_interest(actor=need_side.owner, offer=other.flow, need=need_side.flow, message="Bonjour")
        services.post_message(Synergy.objects.get(offer=other.flow), actor=other.owner, body="Ciao")
    with django_assert_max_num_queries(7):
        html = client.get(url).content.decode()
    assert html.count("data-synergy=") == 9


def test_list_of_others_is_empty_for_outsider_and_anonymous_redirected(client, synergy, org_people):
    url = reverse("bourseflux:synergy_list")
    assert client.get(url).status_code == 302
    client.force_login(org_people.outsider)
    assert "data-synergy=" not in client.get(url).content.decode()
    dashboard = reverse("bourseflux:synergy_dashboard")
    assert "data-synergy=" not in client.get(dashboard).content.decode()


def test_dashboard_fragment_lists_my_open_synergies(client, synergy, offer_side):
    client.force_login(offer_side.colleague)
    html = client.get(reverse("bourseflux:synergy_dashboard")).content.decode()
    assert f'data-synergy="{synergy.pk}"' in html and 'data-unread="1"' in html


def test_facilitator_sees_all_with_filters(client, synergy, facilitator):
    other = services.express_interest(actor=(n := french_need()).owner, offer=italian_offer().flow, need=n.flow)
    services.change_stage(other, actor=n.owner, to_stage=Stage.DISCUSSION)
    client.force_login(facilitator)
    url = reverse("bourseflux:synergy_list")
    html = client.get(url).content.decode()
    assert f'data-synergy="{synergy.pk}"' in html and f'data-synergy="{other.pk}"' in html
    html = client.get(url, {"stage": "discussion"}).content.decode()
    assert f'data-synergy="{synergy.pk}"' not in html and f'data-synergy="{other.pk}"' in html
    region = synergy.need.region
    html = client.get(url, {"territory": region.pk}).content.decode()
    assert f'data-synergy="{synergy.pk}"' in html
    assert client.get(synergy.get_absolute_url()).status_code == 200
    client.post(reverse("bourseflux:synergy_follow", args=[synergy.pk]))
    synergy.refresh_from_db()
    assert synergy.facilitator == facilitator


def test_impact_method_page_is_public_and_cites_its_source(client):
    html = client.get(reverse("bourseflux:impact_method")).content.decode()
    assert impact.FACTOR_SOURCE_URL in html
    assert "0.107" in html or "0,107" in html
