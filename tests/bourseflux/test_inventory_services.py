"""The company inventory service: rows become draft flows in one go (outputs offers, inputs
needs) in the company's language, or nothing is saved; the drafts are then published or
discarded; only the company's members and facilitators may run it."""

from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from bourseflux.models import Flow, Inventory, InventoryDraft
from bourseflux.services.inventory import (
    InventoryInvalid,
    discard_inventory_draft,
    draft_inventory,
    publish_inventory_drafts,
    save_inventory,
    start_inventory,
)
from circuito.audit.models import AuditEntry
from tests.bourseflux.factories import EwcCodeFactory, MaterialCategoryFactory, SiteFactory
from tests.bourseflux.factories_flows import make_facilitator

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(org_people):
    MaterialCategoryFactory()
    SiteFactory(organisation=org_people.organisation, name="Usine")
    return org_people.organisation


def pomace(**overrides):
    row = {
        "direction": "output",
        "what": "Marc de pommes",
        "nature": Flow.Nature.WASTE,
        "ewc": EwcCodeFactory(),
        "category": None,
        "physical_state": Flow.State.PASTE,
        "quantity": Decimal("8"),
        "unit": Flow.Unit.TONNE,
        "frequency": Flow.Frequency.MONTH,
        "months": [9, 10, 11],
    }
    return {**row, **overrides}


def pallets(**overrides):
    row = {
        "direction": "input",
        "what": "Palettes en bois",
        "nature": Flow.Nature.MATERIAL,
        "ewc": None,
        "category": MaterialCategoryFactory(code="wood", name_fr="Bois", name_it="Legno", ewc_prefixes=["15 01 03"]),
        "physical_state": Flow.State.SOLID,
        "quantity": Decimal("40"),
        "unit": Flow.Unit.PIECE,
        "frequency": Flow.Frequency.WEEK,
        "months": None,
    }
    return {**row, **overrides}


def test_each_row_becomes_a_draft_in_the_companys_language(company, org_people):
    inventory = start_inventory(actor=org_people.owner, organisation=company)
    assert inventory.language == "fr"
    processes = [{"name": "Pressage", "rows": [pomace()]}, {"name": "Expédition", "rows": [pallets()]}]
    offer, need = draft_inventory(inventory, actor=org_people.owner, processes=processes)

    assert (offer.direction, offer.status, offer.title_fr, offer.title_it) == ("offer", "draft", "Marc de pommes", "")
    assert offer.ewc.code == "02 03 04" and offer.category.code == "organic"  # inferred from the code
    assert (offer.quantity, offer.unit, offer.frequency, offer.months) == (Decimal("8.000"), "t", "month", [9, 10, 11])
    assert "Pressage" in offer.description_fr and not offer.description_it
    assert (need.direction, need.nature, need.title_fr, need.months) == (
        "need",
        "material",
        "Palettes en bois",
        list(range(1, 13)),
    )
    assert offer.site.name == "Usine" and offer.created_by == org_people.owner
    inventory.refresh_from_db()
    assert inventory.status == Inventory.Status.DRAFTED and inventory.drafted_at
    assert list(inventory.drafts.values_list("process", "flow_id")) == [("Pressage", offer.pk), ("Expédition", need.pk)]
    assert AuditEntry.objects.filter(action="inventory.draft", object_id=str(inventory.pk)).exists()


def test_an_italian_company_gets_its_drafts_in_italian(org_people):
    company = org_people.organisation
    company.country = "IT"
    company.save()
    SiteFactory(organisation=company, commune__country="IT", commune__name="Aosta")
    MaterialCategoryFactory()
    inventory = start_inventory(actor=org_people.owner, organisation=company)
    [flow] = draft_inventory(
        inventory, actor=org_people.owner, processes=[{"name": "Spremitura", "rows": [pomace(what="Vinacce di mele")]}]
    )
    assert inventory.language == "it"
    assert (flow.title_it, flow.title_fr) == ("Vinacce di mele", "")
    assert "Spremitura" in flow.description_it and not flow.description_fr


def test_one_invalid_row_saves_nothing_and_says_which_row(company, org_people):
    inventory = start_inventory(actor=org_people.owner, organisation=company)
    processes = [
        {"name": "Pressage", "rows": [pomace(), pomace(what="Boues de lavage", ewc=None)]},
        {"name": "Expédition", "rows": [pallets(quantity=Decimal("40"), unit="")]},
    ]
    with pytest.raises(InventoryInvalid) as caught:
        draft_inventory(inventory, actor=org_people.owner, processes=processes)

    errors = [(e.process, e.row, e.process_name, e.field) for e in caught.value.errors]
    # The code is missing, so the category cannot be inferred from it either.
    assert errors == [(0, 1, "Pressage", "ewc"), (0, 1, "Pressage", "category"), (1, 0, "Expédition", "unit")]
    assert "code déchet" in caught.value.errors[0].message  # the rule's own message, in French
    assert not Flow.objects.exists() and not InventoryDraft.objects.exists()
    inventory.refresh_from_db()
    assert inventory.status == Inventory.Status.OPEN


def test_a_facilitator_inventory_asks_the_company_to_confirm(company, org_people, django_capture_on_commit_callbacks):
    facilitator = make_facilitator()
    inventory = start_inventory(actor=facilitator, organisation=company)
    processes = [{"name": "Pressage", "rows": [pomace()]}, {"name": "Achats", "rows": [pallets()]}]
    with django_capture_on_commit_callbacks(execute=True):
        offer, need = draft_inventory(inventory, actor=facilitator, processes=processes)
    # One e-mail per member for the whole inventory, each flow with its own confirm link.
    to_owner = [m for m in mail.outbox if org_people.owner.email in m.to]
    assert len(to_owner) == 1
    assert "Marc de pommes" in to_owner[0].body and "Palettes en bois" in to_owner[0].body
    assert f"/flows/{offer.pk}/company-confirm/" in to_owner[0].body
    assert f"/flows/{need.pk}/company-confirm/" in to_owner[0].body
    assert len([m for m in mail.outbox if facilitator.email in m.to]) == 1  # the facilitator's copy


def test_no_invitation_leaves_for_an_inventory_that_failed(company, org_people, django_capture_on_commit_callbacks):
    facilitator = make_facilitator()
    inventory = start_inventory(actor=facilitator, organisation=company)
    rows = [pomace(), pomace(ewc=None)]
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(InventoryInvalid):
        draft_inventory(inventory, actor=facilitator, processes=[{"name": "Pressage", "rows": rows}])
    assert mail.outbox == []


def test_a_members_own_inventory_asks_for_no_confirmation(company, org_people, django_capture_on_commit_callbacks):
    inventory = start_inventory(actor=org_people.owner, organisation=company)
    with django_capture_on_commit_callbacks(execute=True):
        draft_inventory(inventory, actor=org_people.owner, processes=[{"name": "Pressage", "rows": [pomace()]}])
    assert mail.outbox == []


def test_an_outsider_can_neither_start_nor_fill_nor_draft(company, org_people):
    with pytest.raises(PermissionDenied):
        start_inventory(actor=org_people.outsider, organisation=company)
    inventory = start_inventory(actor=org_people.colleague, organisation=company)
    with pytest.raises(PermissionDenied):
        save_inventory(inventory, actor=org_people.outsider, processes=[])
    with pytest.raises(PermissionDenied):
        draft_inventory(inventory, actor=org_people.outsider, processes=[{"name": "P", "rows": [pomace()]}])
    assert not Flow.objects.exists()


def test_drafts_are_created_once(company, org_people):
    inventory = start_inventory(actor=org_people.owner, organisation=company)
    draft_inventory(inventory, actor=org_people.owner, processes=[{"name": "Pressage", "rows": [pomace()]}])
    with pytest.raises(ValidationError):
        draft_inventory(inventory, actor=org_people.owner, processes=[{"name": "Pressage", "rows": [pomace()]}])
    assert Flow.objects.count() == 1


def test_the_chosen_drafts_are_published_and_a_discarded_one_is_gone(company, org_people):
    inventory = start_inventory(actor=org_people.owner, organisation=company)
    processes = [
        {"name": "Pressage", "rows": [pomace(), pomace(what="Pépins")]},
        {"name": "Achats", "rows": [pallets()]},
    ]
    first, second, third = draft_inventory(inventory, actor=org_people.owner, processes=processes)
    published = publish_inventory_drafts(inventory, actor=org_people.owner, flow_ids=[first.pk, third.pk])
    assert [f.pk for f in published] == [first.pk, third.pk]
    discard_inventory_draft(inventory, actor=org_people.owner, flow_id=second.pk)
    assert dict(Flow.objects.values_list("pk", "status")) == {first.pk: "published", third.pk: "published"}
    with pytest.raises(ValidationError):  # a published flow is archived from its page, not discarded
        discard_inventory_draft(inventory, actor=org_people.owner, flow_id=first.pk)
    with pytest.raises(PermissionDenied):
        publish_inventory_drafts(inventory, actor=org_people.outsider, flow_ids=[first.pk])
