"""Pools of small offers for a big need: shown among the candidates, started as one synergy with
several suppliers; single-supplier synergies read the same way."""

import importlib

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from bourseflux.models import Flow, Synergy, SynergySupplier
from bourseflux.permissions import can_see_synergy, visible_synergies
from bourseflux.pooling import Point, collection_route
from circuito.audit.models import AuditEntry
from tests.bourseflux.factories import SynergyFactory
from tests.bourseflux.factories_matching import aosta, flow_at, savoie
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

# Small producers around Aosta, a few km apart.
FARMS = [
    ("Aosta", 45.7373, 7.3154, "007003"),
    ("Sarre", 45.7185, 7.2590, "007065"),
    ("Gressan", 45.7190, 7.2890, "007032"),
    ("Saint-Christophe", 45.7500, 7.3500, "007060"),
    ("Quart", 45.7410, 7.4120, "007053"),
]


@pytest.fixture
def need(org_people):
    # 600 t a year; each farm gives 120 t a year.
    return flow_at(savoie(), organisation=org_people.organisation, direction=Flow.Direction.NEED, quantity=50)


@pytest.fixture
def farms():
    return [flow_at(aosta(*farm), title_fr=f"Marc de {farm[0]}") for farm in FARMS]


def _fragment(client, need):
    return client.get(reverse("bourseflux:flow_candidates", args=[need.pk]))


def test_the_need_owner_sees_one_pool_meeting_the_need_with_its_route(client, need, farms, org_people):
    client.force_login(org_people.owner)
    response = _fragment(client, need)
    pools = response.context["pools"]
    assert len(pools) == 1
    pool = pools[0]
    assert {c.flow.pk for c in pool.members} == {f.pk for f in farms}
    assert pool.total_t == 600 and pool.covers
    # From Chambéry, the westernmost farm (Sarre) is the nearest first stop.
    assert pool.stops[0].flow.pk == farms[1].pk
    html = response.content.decode()
    assert html.count("data-stop=") == 5 and 'data-action="start-pool"' in html


def test_no_pool_when_one_offer_alone_meets_the_need(client, need, farms, org_people):
    flow_at(aosta("Nus", 45.74, 7.46, "007045"), title_fr="Gros marc", quantity=60)
    client.force_login(org_people.owner)
    assert _fragment(client, need).context["pools"] == []


def test_no_pool_from_quantities_the_reader_may_not_see(client, need, farms):
    response = _fragment(client, need)  # anonymous: quantities are for logged-in members
    assert response.context["pools"] == [] and "data-pool" not in response.content.decode()


def test_starting_a_pool_opens_one_synergy_with_every_supplier_in_route_order(client, need, farms, org_people):
    client.force_login(org_people.owner)
    response = client.post(reverse("bourseflux:pool_start", args=[need.pk]), {"offer": [f.pk for f in farms]})
    synergy = Synergy.objects.get(need=need)
    assert response.status_code == 302 and response["Location"] == synergy.get_absolute_url()
    links = list(synergy.supplier_links.order_by("position"))
    assert [link.offer_id for link in links][0] == synergy.offer_id == farms[1].pk
    assert {link.offer_id for link in links} == {f.pk for f in farms}
    start = Point(need.latitude, need.longitude)
    route = collection_route(start, [Point(f.latitude, f.longitude) for f in farms])
    assert [link.offer_id for link in links] == [farms[i].pk for i in route.order]
    assert synergy.distance_km == round(route.total_km, 1)
    assert AuditEntry.objects.filter(action="synergy.pool").exists()
    page = client.get(synergy.get_absolute_url()).content.decode()
    assert page.count("data-supplier=") == 5


def test_every_supplier_of_a_pool_sees_the_synergy_and_outsiders_do_not(client, need, farms, org_people):
    client.force_login(org_people.owner)
    client.post(reverse("bourseflux:pool_start", args=[need.pk]), {"offer": [f.pk for f in farms]})
    synergy = Synergy.objects.get(need=need)
    last = synergy.supplier_links.order_by("-position").first().offer
    farmer = MembershipFactory(organisation=last.organisation).user
    assert can_see_synergy(farmer, synergy) and synergy in visible_synergies(farmer)
    client.force_login(farmer)
    assert client.get(synergy.get_absolute_url()).status_code == 200
    client.force_login(org_people.outsider)
    assert client.get(synergy.get_absolute_url()).status_code == 404
    assert synergy not in visible_synergies(org_people.outsider)


def test_an_outsider_cannot_start_a_pool_for_someone_elses_need(client, need, farms, org_people):
    client.force_login(org_people.outsider)
    response = client.post(reverse("bourseflux:pool_start", args=[need.pk]), {"offer": [f.pk for f in farms]})
    assert response.status_code == 403
    assert not Synergy.objects.filter(need=need).exists()


def test_a_pool_of_one_is_refused_and_nothing_is_saved(client, need, farms, org_people):
    client.force_login(org_people.owner)
    response = client.post(reverse("bourseflux:pool_start", args=[need.pk]), {"offer": [farms[0].pk]}, follow=True)
    assert not Synergy.objects.filter(need=need).exists()
    assert any("2" in str(m) for m in response.context["messages"])


def test_a_draft_offer_cannot_join_a_pool(client, need, farms, org_people):
    Flow.objects.filter(pk=farms[2].pk).update(status=Flow.Status.DRAFT)
    client.force_login(org_people.owner)
    client.post(reverse("bourseflux:pool_start", args=[need.pk]), {"offer": [f.pk for f in farms]})
    assert not Synergy.objects.filter(need=need).exists()
    assert not SynergySupplier.objects.exists()


def test_a_single_synergy_has_its_offer_as_only_supplier(client, need, farms, org_people):
    client.force_login(org_people.owner)
    client.post(reverse("bourseflux:synergy_start"), {"offer": farms[0].pk, "need": need.pk})
    synergy = Synergy.objects.get(need=need)
    assert list(synergy.suppliers.all()) == [farms[0]]


def test_the_migration_gives_existing_synergies_their_offer_as_supplier():
    old = SynergyFactory(tonnes_per_year=12)
    SynergySupplier.objects.all().delete()
    migration = importlib.import_module("bourseflux.migrations.0006_synergy_suppliers")
    migration.lead_offer_as_supplier(apps, None)
    link = SynergySupplier.objects.get(synergy=old)
    assert (link.offer_id, link.position, link.tonnes_per_year) == (old.offer_id, 0, 12)


def _together(language: str, others: int) -> str:
    singular = "Collected together with %(counter)s other offer."
    with translation.override(language):
        return ngettext(singular, singular.replace("offer.", "offers."), others) % {"counter": others}


def test_every_member_of_each_other_supplier_is_told_in_their_language(
    client, need, farms, org_people, django_capture_on_commit_callbacks
):
    italian, french = {}, {}
    for farm in farms:
        italian[farm.pk] = MembershipFactory(
            organisation=farm.organisation, user=UserFactory(preferred_language="it")
        ).user
        french[farm.pk] = MembershipFactory(
            organisation=farm.organisation, user=UserFactory(preferred_language="fr")
        ).user
        MembershipFactory(organisation=farm.organisation, receive_flow_mail=False)  # opted out
    client.force_login(org_people.owner)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("bourseflux:pool_start", args=[need.pk]), {"offer": [f.pk for f in farms]})
    synergy = Synergy.objects.get(need=need)
    others = [link.offer for link in synergy.supplier_links.order_by("position")][1:]
    assert len(others) == 4
    pool_mails = {m.to[0]: m for m in mail.outbox}
    for offer in others:
        it_mail, fr_mail = pool_mails[italian[offer.pk].email], pool_mails[french[offer.pk].email]
        assert f"/it/flux/synergies/{synergy.pk}/" in it_mail.body
        assert f"/fr/flux/synergies/{synergy.pk}/" in fr_mail.body
        assert offer.title_fr in fr_mail.body and _together("fr", 4) in fr_mail.body
        assert _together("it", 4) in it_mail.body
    # Each member hears once: the lead supplier's members get the ordinary interest e-mail only.
    addresses = [m.to[0] for m in mail.outbox]
    assert len(addresses) == len(set(addresses))
    lead = synergy.offer
    assert italian[lead.pk].email in addresses and french[lead.pk].email in addresses
    assert len(addresses) == 2 * len(farms)
