"""Pages of the company inventory: start, fill (rows and processes added without JavaScript),
save and resume, suggest codes, create the drafts (or show which row to fix, with nothing
saved), review and publish; an outsider is refused everywhere."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from bourseflux.models import EwcCode, Flow, Inventory
from bourseflux.services.inventory import start_inventory
from tests.bourseflux.factories import EwcCodeFactory, MaterialCategoryFactory, SiteFactory
from tests.bourseflux.factories_flows import make_facilitator

pytestmark = pytest.mark.django_db


@pytest.fixture
def company(org_people):
    SiteFactory(organisation=org_people.organisation, name="Usine")
    MaterialCategoryFactory()
    EwcCodeFactory()
    return org_people.organisation


@pytest.fixture
def inventory(company, org_people):
    return start_inventory(actor=org_people.owner, organisation=company)


def form_data(processes: list[tuple[str, list[dict]]], **extra) -> dict:
    data = {"processes-count": str(len(processes)), **extra}
    for i, (name, rows) in enumerate(processes):
        data[f"p{i}-name"] = name
        data[f"p{i}-rows-TOTAL_FORMS"] = str(len(rows))
        data[f"p{i}-rows-INITIAL_FORMS"] = "0"
        for r, row in enumerate(rows):
            for key, value in row.items():
                data[f"p{i}-rows-{r}-{key}"] = value
    return data


def pomace(**overrides) -> dict:
    ewc = EwcCode.objects.get(code="02 03 04")
    row = {"direction": "output", "what": "Marc de pommes", "nature": "waste", "ewc": str(ewc.pk)}
    row.update(physical_state="paste", quantity="8", unit="t", frequency="month", month_from="9", month_to="11")
    return {**row, **overrides}


def pallets(**overrides) -> dict:
    row = {"direction": "input", "what": "Palettes", "nature": "material", "category": "", "physical_state": "solid"}
    row.update(category=str(MaterialCategoryFactory().pk), quantity="40", unit="piece", frequency="week")
    return {**row, **overrides}


def _form_url(inventory) -> str:
    return reverse("bourseflux:inventory_form", args=[inventory.pk])


def test_a_member_starts_an_inventory_in_the_companys_language(client, company, org_people):
    client.force_login(org_people.colleague)
    url = reverse("bourseflux:inventory_list", args=[company.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"language": "it"})
    inventory = Inventory.objects.get()
    assert response.url == _form_url(inventory)
    assert (inventory.language, inventory.organisation, inventory.created_by) == ("it", company, org_people.colleague)
    page = client.get(_form_url(inventory)).content.decode()
    # A new inventory opens on one process with two empty rows, and the blank copies for the script.
    assert 'name="p0-rows-1-what"' in page and 'name="p0-rows-2-what"' not in page
    assert "data-inventory-row-template" in page and "js/inventory.js" in page


def test_rows_and_processes_are_added_without_javascript(client, inventory, org_people):
    client.force_login(org_people.owner)
    data = form_data([("Pressage", [pomace()])])
    page = client.post(_form_url(inventory), {**data, "add_row": "0"}).content.decode()
    assert 'name="p0-rows-1-what"' in page and 'value="Marc de pommes"' in page
    page = client.post(_form_url(inventory), {**data, "add_process": "1"}).content.decode()
    assert 'name="p1-name"' in page and 'name="p1-rows-1-what"' in page and 'value="2" data-inventory-count' in page
    assert not Flow.objects.exists()


def test_a_saved_inventory_is_resumed_as_typed(client, inventory, org_people):
    client.force_login(org_people.owner)
    half_done = pomace(ewc="", ewc_text="boues", quantity="")
    response = client.post(_form_url(inventory), form_data([("Lavage", [half_done])], save="1"))
    assert response.status_code == 302
    inventory.refresh_from_db()
    assert inventory.processes[0]["name"] == "Lavage"
    assert inventory.processes[0]["rows"][0]["what"] == "Marc de pommes"
    page = client.get(_form_url(inventory)).content.decode()
    assert 'value="Lavage"' in page and 'value="Marc de pommes"' in page and 'value="boues"' in page
    assert not Flow.objects.exists()


def test_codes_are_suggested_from_everyday_words(client, inventory, org_people):
    client.force_login(org_people.owner)
    row = pomace(ewc="", what="matières impropres à la consommation")
    response = client.post(_form_url(inventory), form_data([("Tri", [row])], suggest="1"))
    ewc = EwcCode.objects.get(code="02 03 04")
    rows = response.context["form"].processes[0][1]
    assert rows.forms[0]["ewc"].value() == str(ewc.pk)
    assert rows.forms[0]["category"].value() == str(MaterialCategoryFactory().pk)


def test_the_drafts_are_created_then_reviewed_and_published(
    client, inventory, org_people, django_assert_max_num_queries
):
    client.force_login(org_people.owner)
    data = form_data([("Pressage", [pomace(), {"direction": "output"}]), ("Achats", [pallets()])], draft="1")
    response = client.post(_form_url(inventory), data)
    review = reverse("bourseflux:inventory_review", args=[inventory.pk])
    assert response.url == review
    offer, need = Flow.objects.order_by("pk")
    assert (offer.direction, offer.title_fr, offer.months) == ("offer", "Marc de pommes", [9, 10, 11])
    assert (need.direction, need.title_fr, need.status) == ("need", "Palettes", "draft")
    # The form is closed once the drafts exist: it leads to the review.
    assert client.get(_form_url(inventory)).url == review

    with django_assert_max_num_queries(12):
        page = client.get(review).content.decode()
    assert "Marc de pommes" in page and "Palettes" in page and "Pressage" in page and "Achats" in page
    assert reverse("bourseflux:flow_edit", args=[offer.pk]) in page
    client.post(review, {"flows": [offer.pk, need.pk]})
    assert set(Flow.objects.values_list("status", flat=True)) == {"published"}


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured.captured_queries)


def test_the_review_page_makes_the_same_queries_for_more_drafts(client, inventory, org_people):
    client.force_login(org_people.owner)
    client.post(_form_url(inventory), form_data([("Pressage", [pomace()])], draft="1"))
    other = start_inventory(actor=org_people.owner, organisation=inventory.organisation)
    rows = [pomace(what=f"Marc {n}") for n in range(5)] + [pallets()]
    client.post(_form_url(other), form_data([("Pressage", rows), ("Achats", [pallets(what="Cartons")])], draft="1"))
    assert Flow.objects.count() == 8
    one = _queries(client, reverse("bourseflux:inventory_review", args=[inventory.pk]))
    seven = _queries(client, reverse("bourseflux:inventory_review", args=[other.pk]))
    assert one == seven <= 12


def test_an_invalid_row_is_named_and_nothing_is_saved(client, inventory, org_people):
    client.force_login(org_people.owner)
    # A blank row between the two still counts in the numbering the user sees.
    rows = [pomace(), {"direction": "output"}, pomace(what="Boues de lavage", ewc="")]
    response = client.post(_form_url(inventory), form_data([("Pressage", rows)], draft="1"))
    assert response.status_code == 200
    summary = response.context["summary"]
    assert summary[0].startswith("Pressage, ") and " 3" in summary[0] and " 2" not in summary[0]
    assert response.context["form"].processes[0][1].forms[2].errors["ewc"]
    assert not Flow.objects.exists()
    inventory.refresh_from_db()
    assert inventory.status == Inventory.Status.OPEN and inventory.processes == []


def test_a_row_without_words_but_with_a_quantity_is_refused(client, inventory, org_people):
    client.force_login(org_people.owner)
    response = client.post(
        _form_url(inventory), form_data([("Pressage", [{"direction": "input", "quantity": "3"}])], draft="1")
    )
    assert response.context["form"].processes[0][1].forms[0].errors["what"]
    assert not Flow.objects.exists()


def test_a_draft_is_discarded_from_the_review(client, inventory, org_people):
    client.force_login(org_people.owner)
    client.post(_form_url(inventory), form_data([("Pressage", [pomace()]), ("Achats", [pallets()])], draft="1"))
    offer = Flow.objects.get(direction="offer")
    client.post(reverse("bourseflux:inventory_review", args=[inventory.pk]), {"discard": offer.pk})
    assert list(Flow.objects.values_list("title_fr", flat=True)) == ["Palettes"]


def test_a_facilitator_runs_the_inventory_for_the_company(client, inventory, org_people):
    facilitator = make_facilitator()
    client.force_login(facilitator)
    assert client.get(reverse("bourseflux:inventory_list", args=[inventory.organisation.pk])).status_code == 200
    client.post(_form_url(inventory), form_data([("Pressage", [pomace()])], draft="1"))
    flow = Flow.objects.get()
    assert (flow.organisation, flow.created_by, flow.company_confirmed_at) == (
        inventory.organisation,
        facilitator,
        None,
    )


def test_an_outsider_is_refused_everywhere(client, inventory, org_people):
    client.force_login(org_people.outsider)
    company = inventory.organisation
    assert client.get(reverse("bourseflux:inventory_list", args=[company.pk])).status_code == 403
    assert client.post(reverse("bourseflux:inventory_list", args=[company.pk]), {"language": "fr"}).status_code == 403
    assert client.get(_form_url(inventory)).status_code == 403
    assert client.post(_form_url(inventory), form_data([("P", [pomace()])], draft="1")).status_code == 403
    assert client.post(_form_url(inventory), form_data([("P", [pomace()])], save="1")).status_code == 403
    assert client.get(reverse("bourseflux:inventory_review", args=[inventory.pk])).status_code == 403
    assert Inventory.objects.count() == 1 and not Flow.objects.exists()
    inventory.refresh_from_db()
    assert inventory.processes == []
    client.logout()
    assert client.get(_form_url(inventory)).status_code == 302  # to the login page


def test_the_list_of_inventories_makes_the_same_queries_for_more(client, company, org_people):
    client.force_login(org_people.owner)
    url = reverse("bourseflux:inventory_list", args=[company.pk])
    start_inventory(actor=org_people.owner, organisation=company)
    one = _queries(client, url)
    for user in (org_people.colleague, make_facilitator(), org_people.owner):
        start_inventory(actor=user, organisation=company)
    page = client.get(url).content.decode()
    assert page.count(reverse("bourseflux:inventory_form", args=[company.inventories.first().pk])) == 1
    assert _queries(client, url) == one


def test_an_unnamed_process_is_named_in_the_drafts_language(client, company, org_people):
    client.force_login(org_people.owner)
    inventory = start_inventory(actor=org_people.owner, organisation=company, language="it")
    client.post(_form_url(inventory), form_data([("", [pomace(what="Vinacce")])], draft="1"))
    assert inventory.drafts.get().process.endswith(" 1") and Flow.objects.get().title_it == "Vinacce"


def test_the_admin_lists_inventories_with_their_drafts(client, inventory, org_people, admin_user):
    client.force_login(org_people.owner)
    client.post(_form_url(inventory), form_data([("Pressage", [pomace()])], draft="1"))
    client.force_login(admin_user)
    assert client.get(reverse("admin:bourseflux_inventory_changelist")).status_code == 200
    page = client.get(reverse("admin:bourseflux_inventory_change", args=[inventory.pk])).content.decode()
    assert "Pressage" in page and "Marc de pommes" in page


def test_each_process_has_its_site_when_the_company_has_several(client, company, org_people):
    depot = SiteFactory(organisation=company, name="Dépôt")
    elsewhere = SiteFactory(name="Ailleurs")  # another company's
    inventory = start_inventory(actor=org_people.owner, organisation=company)
    client.force_login(org_people.owner)
    page = client.get(_form_url(inventory)).content.decode()
    assert 'name="p0-site"' in page and "Dépôt" in page
    data = form_data([("Pressage", [pomace()]), ("Stockage", [pallets()])], draft="1")
    response = client.post(_form_url(inventory), {**data, "p1-site": str(elsewhere.pk)})
    assert response.status_code == 200 and not Flow.objects.exists()  # not one of the company's sites
    client.post(_form_url(inventory), {**data, "p1-site": str(depot.pk)})
    assert dict(Flow.objects.values_list("title_fr", "site__name")) == {"Marc de pommes": "Usine", "Palettes": "Dépôt"}
