"""Transport estimates on candidates, the side-by-side comparison and the factors on the method page."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from bourseflux.models import Flow
from tests.bourseflux.factories import SynergyFactory
from tests.bourseflux.factories_matching import aosta, flow_at, savoie

pytestmark = pytest.mark.django_db


def _t(msgid: str, lang: str = "fr") -> str:
    with translation.override(lang):
        return escape(gettext(msgid))


@pytest.fixture
def need(org_people):
    return flow_at(savoie(), organisation=org_people.organisation, direction=Flow.Direction.NEED, quantity=20)


@pytest.fixture
def offers():
    near = flow_at(savoie("Aix-les-Bains", 45.6885, 5.9153, "73008"), title_fr="Marc proche", quantity=2)
    far = flow_at(aosta(), title_fr="Marc lointain", quantity=30)
    return near, far


def _compare(client, need, *ids, lang="fr", **params):
    with translation.override(lang):
        url = reverse("bourseflux:flow_compare", args=[need.pk])
    return client.get(url, {"c": [str(i) for i in ids], **params})


def test_candidate_cards_show_the_transport_estimate(client, need, offers, org_people):
    client.force_login(org_people.owner)
    html = client.get(reverse("bourseflux:flow_candidates", args=[need.pk])).content.decode()
    assert html.count("data-logistics") == 2
    assert "CO2e" in html and "€" in html
    assert f'form="compare-form-{need.pk}"' in html and f'id="compare-form-{need.pk}"' in html


def test_compare_two_candidates_side_by_side(client, need, offers, org_people):
    near, far = offers
    client.force_login(org_people.owner)
    response = _compare(client, need, near.pk, far.pk)
    assert response.status_code == 200
    rows = {c.flow.pk: c for c, _visible in response.context["rows"]}
    assert list(rows) == [near.pk, far.pk]
    assert rows[near.pk].distance_km < rows[far.pk].distance_km
    assert rows[near.pk].logistics.cost_eur_per_t < rows[far.pk].logistics.cost_eur_per_t
    assert rows[near.pk].logistics.co2e_kg_per_t < rows[far.pk].logistics.co2e_kg_per_t
    # Yearly tonnes: the smaller of the need (240 t) and the offer (24 t and 360 t).
    assert rows[near.pk].logistics.tonnes_per_year == 24
    assert rows[far.pk].logistics.tonnes_per_year == 240
    html = response.content.decode()
    assert 'id="compare-table"' in html and "Marc proche" in html and "Marc lointain" in html


def test_the_mode_and_load_change_the_figures(client, need, offers, org_people):
    near, far = offers
    client.force_login(org_people.owner)
    truck = _compare(client, need, near.pk, far.pk).context["rows"][1][0].logistics
    rail = _compare(client, need, near.pk, far.pk, mode="rail").context["rows"][1][0].logistics
    full = _compare(client, need, near.pk, far.pk, load="100").context["rows"][1][0].logistics
    assert rail.mode.code == "rail" and rail.co2e_kg_per_t < truck.co2e_kg_per_t
    assert full.load_factor == 1.0 and full.cost_eur_per_t < truck.cost_eur_per_t
    bad = _compare(client, need, near.pk, far.pk, mode="<script>", load="-5").context
    assert bad["mode"].code == "articulated" and bad["load_percent"] == 60


@pytest.mark.parametrize("count", [1, 5])
def test_too_few_or_too_many_are_refused_with_a_clear_message(client, need, offers, count):
    ids = [offers[0].pk, offers[1].pk, 9991, 9992, 9993][:count]
    response = _compare(client, need, *ids)
    assert response.status_code == 200 and not response.context["rows"]
    assert "data-compare-error" in response.content.decode()


def test_a_flow_that_is_not_a_candidate_is_left_out(client, need, offers, org_people):
    near, _far = offers
    draft = flow_at(aosta(), title_fr="Marc brouillon", status=Flow.Status.DRAFT)
    other_need = flow_at(aosta(), direction=Flow.Direction.NEED, title_fr="Autre besoin")
    response = _compare(client, need, near.pk, draft.pk, other_need.pk)
    assert [c.flow.pk for c, _v in response.context["rows"]] == [near.pk]
    html = response.content.decode()
    assert "Marc brouillon" not in html and "Autre besoin" not in html and "data-compare-error" in html


def test_an_anonymous_reader_sees_no_confidential_quantity(client, need, offers):
    near, far = offers  # quantities visible to logged-in members only
    response = _compare(client, need, near.pk, far.pk)
    for c, visible in response.context["rows"]:
        assert not visible and c.logistics.tonnes_per_year is None
    html = response.content.decode()
    assert "360" not in html and _t("confidential") in html


def test_a_draft_flow_cannot_be_compared_by_an_outsider(client, org_people, offers):
    draft = flow_at(savoie(), organisation=org_people.organisation, direction=Flow.Direction.NEED)
    Flow.objects.filter(pk=draft.pk).update(status=Flow.Status.DRAFT)
    client.force_login(org_people.outsider)
    assert _compare(client, draft, *[o.pk for o in offers]).status_code == 404


def test_compare_page_in_italian(client, need, offers, org_people):
    client.force_login(org_people.owner)
    response = _compare(client, need, *[o.pk for o in offers], lang="it")
    assert response.status_code == 200
    assert '<html lang="it"' in response.content.decode()


def test_query_count_of_the_compare_page_is_constant(client, need, offers, org_people, django_assert_max_num_queries):
    client.force_login(org_people.owner)
    ids = [o.pk for o in offers]
    with django_assert_max_num_queries(40) as small:
        _compare(client, need, *ids)
    extra = flow_at(aosta("Sarre", 45.72, 7.25, "007065"), title_fr="Marc de Sarre")
    with django_assert_max_num_queries(len(small.captured_queries)):
        _compare(client, need, *ids, extra.pk)


def test_the_method_page_lists_modes_factors_and_sources(client):
    html = client.get(reverse("bourseflux:impact_method")).content.decode()
    assert 'id="logistics-factors"' in html
    assert html.count("data-mode=") == 6
    assert "GHG Conversion Factors for Company Reporting 2023" in html and "Open Government Licence" in html


def test_the_synergy_page_shows_its_transport_estimate(client, org_people):
    synergy = SynergyFactory(
        need__organisation=org_people.organisation, need__site__organisation=org_people.organisation
    )
    synergy.distance_km = 120
    synergy.save(update_fields=["distance_km"])
    client.force_login(org_people.owner)
    response = client.get(reverse("bourseflux:synergy_detail", args=[synergy.pk]))
    assert response.status_code == 200
    estimate = response.context["logistics"]
    assert estimate.distance_km == 120 and estimate.tonnes_per_year == 120
    assert "data-logistics" in response.content.decode()
    client.force_login(org_people.outsider)
    assert client.get(reverse("bourseflux:synergy_detail", args=[synergy.pk])).status_code in (403, 404)
