"""The facilitators' funnel: counts per stage per territory and pilot zone, impact totals, access."""

import pytest
from django.urls import reverse

from bourseflux import impact
from bourseflux.models import PilotZone, Synergy
from bourseflux.services import synergies as services
from bourseflux.views.synergies_funnel import by_territory, by_zone, total
from tests.bourseflux import factories_synergies as fs
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


def test_counts_per_region_count_cross_border_synergies_on_both_sides(data):
    implemented, _lead, _local = data
    rows = {row.label: row for row in by_territory(Synergy.objects.all())}
    savoie_region, aosta_region = str(implemented.need.region), str(implemented.offer.region)
    assert rows[savoie_region].counts == {"proposed": 1, "discussion": 0, "trial": 0, "implemented": 1, "abandoned": 1}
    assert rows[aosta_region].counts == {"proposed": 1, "discussion": 0, "trial": 0, "implemented": 1, "abandoned": 0}
    assert rows[aosta_region].tonnes == 80
    assert rows[aosta_region].co2e == pytest.approx(implemented.co2e_avoided_t)
    overall = total(Synergy.objects.all())
    assert overall.total == 3 and overall.co2e == pytest.approx(implemented.co2e_avoided_t)


def test_counts_per_pilot_zone(data):
    implemented = data[0]
    PilotZone.objects.create(
        name="Aosta", latitude=45.737, longitude=7.32, radius_km=10, partner=OrganisationFactory(kind="partner")
    )
    PilotZone.objects.create(
        name="Far away", latitude=44.0, longitude=9.0, radius_km=5, partner=OrganisationFactory(kind="partner")
    )
    rows = {row.label: row for row in by_zone(Synergy.objects.all())}
    assert rows["Aosta"].counts["implemented"] == 1 and rows["Aosta"].total == 2
    assert rows["Aosta"].tonnes == implemented.tonnes_per_year
    assert rows["Far away"].total == 0


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


def test_impact_totals_follow_the_factor_table(data):
    implemented = data[0]
    expected = impact.compute_impact(80, "organic", "truck", implemented.distance_km).co2e_avoided_t
    assert total(Synergy.objects.all()).co2e == pytest.approx(expected, abs=0.001)
