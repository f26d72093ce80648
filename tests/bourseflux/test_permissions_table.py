"""Who may see and change flows and synergies, person by person: the visitor, an outsider, a member
of the offering company (active or awaiting approval), a member of the needing company, a member
of a pooled supplier, partner staff, a facilitator, a synergy's own facilitator and a superuser;
drafts and archived flows against published ones; quantities by visibility."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from bourseflux import permissions as perms
from bourseflux.models import Flow, SynergySupplier
from circuito.accounts.models import Membership, Organisation
from circuito.nace.models import NaceActivity
from tests.access import fresh, outcome
from tests.bourseflux.factories import EwcCodeFactory, FlowFactory, SiteFactory, SynergyFactory
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

PEOPLE = [
    "visitor",
    "outsider",
    "member",
    "pending_member",
    "need_member",
    "supplier_member",
    "staff",
    "facilitator",
    "synergy_facilitator",
    "superuser",
]
FACILITATORS = {"facilitator", "superuser"}


@pytest.fixture
def world():
    offer_site, need_site, supplier_site = SiteFactory(), SiteFactory(), SiteFactory()
    company = offer_site.organisation
    partner = OrganisationFactory(kind=Organisation.Kind.PARTNER)
    people = {
        "visitor": AnonymousUser(),
        "outsider": MembershipFactory().user,
        "member": MembershipFactory(organisation=company).user,
        "pending_member": MembershipFactory(organisation=company, status=Membership.Status.PENDING).user,
        "need_member": MembershipFactory(organisation=need_site.organisation).user,
        "supplier_member": MembershipFactory(organisation=supplier_site.organisation).user,
        "staff": MembershipFactory(organisation=partner).user,
        "facilitator": MembershipFactory(organisation=partner, is_facilitator=True).user,
        "synergy_facilitator": UserFactory(),
        "superuser": UserFactory(is_superuser=True, is_staff=True),
    }
    flows = {status: FlowFactory(site=offer_site, status=status) for status in Flow.Status.values}
    need = FlowFactory(site=need_site, direction=Flow.Direction.NEED)
    synergy = SynergyFactory(offer=flows[Flow.Status.PUBLISHED], need=need, facilitator=people["synergy_facilitator"])
    SynergySupplier.objects.create(synergy=synergy, offer=FlowFactory(site=supplier_site))
    return company, people, flows, synergy


def table(check) -> dict[str, object]:
    return {who: check(who) for who in PEOPLE}


def test_roles_of_each_person(world):
    company, people, _flows, _synergy = world
    assert table(lambda who: perms.is_facilitator(fresh(people[who]))) == {who: who in FACILITATORS for who in PEOPLE}
    assert table(lambda who: perms.is_partner_staff(fresh(people[who]))) == {
        who: who in {"staff", "facilitator", "superuser"} for who in PEOPLE
    }
    assert table(lambda who: perms.can_act_for(fresh(people[who]), company)) == {
        who: who in FACILITATORS | {"member"} for who in PEOPLE
    }
    assert perms.member_organisation_ids(people["member"]) == {company.pk}
    assert perms.member_organisation_ids(people["pending_member"]) == set()
    assert perms.member_organisation_ids(people["visitor"]) == set()


def test_organisations_are_read_once_per_user_object(world, django_assert_num_queries):
    member = fresh(world[1]["member"])
    with django_assert_num_queries(1):
        for _ in range(3):
            assert perms.member_organisation_ids(member) == {world[0].pk}


EDITORS = FACILITATORS | {"member"}


def sees_quantities(flow: Flow, who: str) -> bool:
    """Quantities by the flow's visibility, for someone who does not edit it."""
    visibility = flow.quantity_visibility
    return visibility == Flow.Visibility.PUBLIC or (visibility == Flow.Visibility.MEMBERS and who != "visitor")


def test_flow_access_by_person_and_status(world):
    _company, people, flows, _synergy = world
    for status, flow in flows.items():
        published = status == Flow.Status.PUBLISHED
        assert table(lambda who, flow=flow: perms.can_edit_flow(fresh(people[who]), flow)) == {
            who: who in EDITORS for who in PEOPLE
        }, status
        assert table(lambda who, flow=flow: flow in perms.visible_flows(fresh(people[who]))) == {
            who: who in EDITORS or published for who in PEOPLE
        }, status
        seen = table(lambda who, flow=flow: outcome(lambda: perms.get_flow(flow.pk, fresh(people[who]))))
        assert seen == {
            who: perms.FlowAccess(flow, who in EDITORS, who in EDITORS or sees_quantities(flow, who))
            if who in EDITORS or published
            else 404
            for who in PEOPLE
        }, status
        edited = table(lambda who, flow=flow: outcome(lambda: perms.get_flow(flow.pk, fresh(people[who]), edit=True)))
        assert edited == {
            who: perms.FlowAccess(flow, True, True) if who in EDITORS else 403 if published else 404 for who in PEOPLE
        }, status
    with pytest.raises(Http404):
        perms.get_flow(987654, people["superuser"])


def test_visible_flows_lists_exactly_published_and_own_flows(world):
    _company, people, flows, synergy = world
    others = {synergy.need, *(link.offer for link in synergy.supplier_links.all())}
    published = {flows[Flow.Status.PUBLISHED], *others}
    assert set(perms.visible_flows(people["visitor"])) == published
    assert set(perms.visible_flows(people["outsider"])) == published
    assert set(perms.visible_flows(people["member"])) == published | set(flows.values())
    assert set(perms.visible_flows(people["facilitator"])) == set(flows.values()) | others


@pytest.mark.parametrize(
    ("visibility", "readers"),
    [
        (Flow.Visibility.PUBLIC, set(PEOPLE)),
        (Flow.Visibility.MEMBERS, set(PEOPLE) - {"visitor"}),
        (Flow.Visibility.FACILITATORS, EDITORS),
    ],
)
def test_quantities_by_visibility(world, visibility, readers):
    _company, people, flows, _synergy = world
    flow = flows[Flow.Status.PUBLISHED]
    Flow.objects.filter(pk=flow.pk).update(quantity_visibility=visibility)
    flow.refresh_from_db()
    expected = {who: who in readers for who in PEOPLE}
    assert table(lambda who: perms.can_see_quantities(fresh(people[who]), flow)) == expected
    assert table(lambda who: perms.get_flow(flow.pk, fresh(people[who])).can_see_quantities) == expected


SYNERGY_READERS = {"member", "need_member", "supplier_member", "facilitator", "synergy_facilitator", "superuser"}


def test_synergy_access_by_person(world):
    _company, people, _flows, synergy = world
    other = SynergyFactory()
    assert table(lambda who: perms.can_see_synergy(fresh(people[who]), synergy)) == {
        who: who in SYNERGY_READERS for who in PEOPLE
    }
    assert table(lambda who: outcome(lambda: perms.get_synergy(synergy.pk, fresh(people[who])))) == {
        who: synergy if who in SYNERGY_READERS else 404 for who in PEOPLE
    }
    assert table(lambda who: set(perms.visible_synergies(fresh(people[who])))) == {
        who: {synergy, other} if who in FACILITATORS else {synergy} if who in SYNERGY_READERS else set()
        for who in PEOPLE
    }
    with pytest.raises(Http404):
        perms.get_synergy(987654, people["superuser"])


def test_a_supplier_of_another_synergy_does_not_see_this_one(world):
    _company, people, _flows, synergy = world
    other = SynergyFactory()
    SynergySupplier.objects.create(synergy=other, offer=FlowFactory(site=SiteFactory()))
    supplier = fresh(people["supplier_member"])
    assert perms.can_see_synergy(supplier, other) is False
    assert set(perms.visible_synergies(supplier)) == {synergy}


def test_a_flow_and_a_synergy_come_with_what_their_pages_show_in_one_query(world, django_assert_num_queries):
    _company, people, flows, synergy = world
    flow = flows[Flow.Status.PUBLISHED]
    nace = NaceActivity.objects.create(code="10.3", level="group", label="Fruits", label_fr="Fruits")
    Flow.objects.filter(pk=flow.pk).update(ewc=EwcCodeFactory(), nace=nace)
    superuser = people["superuser"]
    with django_assert_num_queries(1):
        shown = perms.get_flow(flow.pk, superuser).flow
        assert (
            shown.organisation.pk,
            shown.site.commune.department.pk,
            shown.category.pk,
            shown.ewc.code,
            shown.nace.code,
        ) == (flow.organisation_id, flow.site.commune.department_id, flow.category_id, "02 03 04", "10.3")
    with django_assert_num_queries(1):
        shown = perms.get_synergy(synergy.pk, superuser)
        assert (shown.offer.organisation.pk, shown.need.organisation.pk, shown.facilitator.pk) == (
            synergy.offer.organisation_id,
            synergy.need.organisation_id,
            people["synergy_facilitator"].pk,
        )
