"""The facilitators' funnel: each synergy counted at every stage it reached, per territory and
pilot zone, with tonnes, CO2e and euros (actual quantities replacing the estimate), for a period;
equal to the indicators and to the report's figures."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from bourseflux import impact, indicators
from bourseflux.models import PilotZone, Synergy, SynergyStageChange
from bourseflux.services import synergies as services
from bourseflux.views.synergies_funnel import by_territory, by_zone, total
from tests.bourseflux import factories_synergies as fs
from tests.bourseflux import factories_transactions as ft
from tests.bourseflux.factories import FlowFactory, SiteFactory
from tests.bourseflux.factories_synergies import french_need, italian_offer, savoie_commune
from tests.factories import OrganisationFactory

# Shared fixtures of the synergy tests.
facilitator = fs.facilitator

pytestmark = pytest.mark.django_db
Stage = Synergy.Stage


@pytest.fixture
def data():
    """Two cross-border synergies (one implemented with impact), one inside Savoie (abandoned)."""
    need = french_need()
    implemented = services.express_interest(actor=need.owner, offer=italian_offer().flow, need=need.flow)
    services.change_stage(implemented, actor=need.owner, to_stage=Stage.DISCUSSION)
    services.change_stage(implemented, actor=need.owner, to_stage=Stage.IMPLEMENTED)
    implemented = services.record_impact(implemented, actor=need.owner, tonnes_per_year=80, transport="truck")
    lead = services.express_interest(actor=need.owner, offer=italian_offer().flow, need=need.flow)
    local_offer = FlowFactory(site=SiteFactory(organisation=OrganisationFactory(), commune=savoie_commune()))
    local = services.express_interest(actor=need.owner, offer=local_offer, need=need.flow)
    services.change_stage(local, actor=need.owner, to_stage=Stage.ABANDONED, abandon_reason="price")
    return implemented, lead, local


def test_each_synergy_counts_at_every_stage_it_reached_in_both_of_its_regions(data):
    implemented, _lead, _local = data
    rows = {row.label: row for row in by_territory(Synergy.objects.all())}
    savoie_region, aosta_region = str(implemented.need.region), str(implemented.offer.region)
    assert rows[savoie_region].counts == {"proposed": 3, "discussion": 1, "trial": 0, "implemented": 1, "abandoned": 1}
    assert rows[aosta_region].counts == {"proposed": 2, "discussion": 1, "trial": 0, "implemented": 1, "abandoned": 0}
    assert rows[aosta_region].tonnes == 80
    assert rows[aosta_region].co2e == pytest.approx(implemented.co2e_avoided_t)
    overall = total(Synergy.objects.all())
    assert overall.counts["proposed"] == 3 and overall.co2e == pytest.approx(implemented.co2e_avoided_t)


def test_counts_per_pilot_zone(data):
    implemented = data[0]
    PilotZone.objects.create(
        name="Aosta", latitude=45.737, longitude=7.32, radius_km=10, partner=OrganisationFactory(kind="partner")
    )
    PilotZone.objects.create(
        name="Far away", latitude=44.0, longitude=9.0, radius_km=5, partner=OrganisationFactory(kind="partner")
    )
    rows = {row.label: row for row in by_zone(Synergy.objects.all())}
    assert rows["Aosta"].counts["implemented"] == 1 and rows["Aosta"].counts["proposed"] == 2
    assert rows["Aosta"].tonnes == implemented.tonnes_per_year
    assert sum(rows["Far away"].cells) == 0


def test_a_period_counts_the_stages_entered_in_it(data):
    implemented = data[0]
    long_ago = timezone.now() - datetime.timedelta(days=400)
    SynergyStageChange.objects.filter(synergy=implemented, to_stage__in=["proposed", "discussion"]).update(at=long_ago)
    today = timezone.localdate()
    recent = total(Synergy.objects.all(), today - datetime.timedelta(days=30), today)
    assert recent.counts == {"proposed": 2, "discussion": 0, "trial": 0, "implemented": 1, "abandoned": 1}
    old = total(Synergy.objects.all(), today - datetime.timedelta(days=500), today - datetime.timedelta(days=300))
    assert old.counts == {"proposed": 1, "discussion": 1, "trial": 0, "implemented": 0, "abandoned": 0}
    assert old.tonnes == 0


def test_actual_quantities_replace_the_estimate_with_their_euros(data):
    implemented = data[0]
    deal = ft.deal(implemented, implemented.need.organisation.memberships.first().user)
    ft.two_periods(deal, fs.facilitator_user(), first="18", second="22.5")
    overall = total(Synergy.objects.all())
    assert overall.tonnes == pytest.approx(40.5)  # no longer the 80 t/yr estimate
    expected_co2e = impact.co2e_avoided_t(18, "organic", "truck", implemented.distance_km) + impact.co2e_avoided_t(
        22.5, "organic", "truck", implemented.distance_km
    )
    assert overall.co2e == pytest.approx(expected_co2e, abs=0.002)
    assert overall.eur == Decimal("627.75")  # 40.5 t × 15.50 €
    # Only the period's quantities count in a period.
    first_only = total(Synergy.objects.all(), ft.days_ago(95), ft.days_ago(70))
    assert first_only.counts["implemented"] == 0  # it was implemented today
    today = timezone.localdate()
    second = total(Synergy.objects.all(), ft.days_ago(60), today)
    assert second.tonnes == pytest.approx(22.5) and second.eur == Decimal("348.75")


def test_the_funnel_equals_the_indicators(data):
    implemented = data[0]
    ft.two_periods(ft.deal(implemented, fs.facilitator_user()), fs.facilitator_user())
    for start, end in ((ft.days_ago(120), timezone.localdate()), (ft.days_ago(60), timezone.localdate())):
        funnel = total(Synergy.objects.all(), start, end)
        assert funnel.counts["implemented"] == indicators.synergies_entered(Stage.IMPLEMENTED, start, end)
        assert funnel.counts["proposed"] == indicators.synergies_entered(Stage.PROPOSED, start, end)
        assert funnel.tonnes == pytest.approx(indicators.tonnes_diverted(start, end))
        assert funnel.co2e == pytest.approx(indicators.co2e_avoided(start, end), abs=0.001)
        assert float(funnel.eur) == pytest.approx(indicators.value_exchanged(start, end))
    region = implemented.offer.region
    rows = {row.label: row for row in by_territory(Synergy.objects.all())}
    today = timezone.localdate()
    assert rows[str(region)].tonnes == pytest.approx(indicators.tonnes_diverted(ft.days_ago(120), today, region))


def test_funnel_page_access(client, data, facilitator, partner_staff, org_people):
    url = reverse("bourseflux:funnel")
    assert client.get(url).status_code == 302
    client.force_login(org_people.owner)
    assert client.get(url).status_code == 403
    client.force_login(partner_staff)
    assert client.get(url).status_code == 200
    client.force_login(facilitator)
    html = client.get(url, {"level": "department"}).content.decode()
    assert 'data-row="Savoie"' in html and 'data-row="Aoste"' in html  # department names in French
    assert reverse("bourseflux:impact_method") in html


def test_funnel_page_filters_by_territory_zone_and_period(client, data, facilitator):
    implemented, _lead, local = data
    client.force_login(facilitator)
    url = reverse("bourseflux:funnel")
    aosta = implemented.offer.department
    page = client.get(url, {"territory": aosta.pk})
    assert page.status_code == 200
    assert page.context["total"].counts["proposed"] == 2  # the Savoie-only synergy is left out
    zone = PilotZone.objects.create(
        name="Aosta", latitude=45.737, longitude=7.32, radius_km=10, partner=OrganisationFactory(kind="partner")
    )
    assert client.get(url, {"zone": zone.pk}).context["total"].counts["abandoned"] == 0
    today = timezone.localdate().isoformat()
    assert client.get(url, {"start": today, "end": today}).context["total"].counts["proposed"] == 3
    refused = client.get(url, {"start": today, "end": "2000-01-01"})
    assert refused.status_code == 400 and "end" in refused.context["form"].errors
    assert client.get(url, {"start": today}).status_code == 400  # one date only


def test_impact_totals_follow_the_factor_table(data):
    implemented = data[0]
    expected = impact.compute_impact(80, "organic", "truck", implemented.distance_km).co2e_avoided_t
    assert total(Synergy.objects.all()).co2e == pytest.approx(expected, abs=0.001)


def _zone(name: str, lat: float, lon: float) -> PilotZone:
    return PilotZone.objects.create(
        name=name, latitude=lat, longitude=lon, radius_km=10, partner=OrganisationFactory(kind="partner")
    )


def test_funnel_page_queries_do_not_grow_with_pilot_zones(client, data, facilitator, django_assert_max_num_queries):
    client.force_login(facilitator)
    url = reverse("bourseflux:funnel")
    _zone("Aosta", 45.737, 7.32)
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as one_zone:
        page = client.get(url)
    assert [row.label for row in page.context["zones"]] == ["Aosta"]
    for n in range(5):
        _zone(f"Zone {n}", 44.0 + n / 10, 9.0)
    with django_assert_max_num_queries(len(one_zone)):
        page = client.get(url)
    rows = {row.label: row for row in page.context["zones"]}
    assert len(rows) == 6
    assert rows["Aosta"].counts["implemented"] == 1 and rows["Aosta"].counts["proposed"] == 2
    assert sum(rows["Zone 0"].cells) == 0
