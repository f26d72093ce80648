"""Workshops: the flow grid saves every row or none, with the errors on their rows."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from bourseflux.models import Flow, Workshop
from tests.bourseflux.factories import EwcCodeFactory, MaterialCategoryFactory
from tests.bourseflux.factories_zones import PilotZoneFactory, WorkshopFactory, facilitator, partner_member
from tests.factories import CommuneFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def workshop(db):
    commune = CommuneFactory()
    workshop = WorkshopFactory()
    companies = [OrganisationFactory(commune=commune), OrganisationFactory(commune=commune)]
    workshop.participants.set(companies)
    workshop.pilot_zone.companies.set(companies)
    MaterialCategoryFactory()
    EwcCodeFactory()
    return workshop


def row(prefix: int, company, **values) -> dict:
    data = {
        "organisation": company.pk,
        "direction": "offer",
        "nature": "waste",
        "category": "",
        "ewc": "02 03 04",
        "title": "Drêches",
        "quantity": "3",
        "unit": "t",
        "frequency": "month",
        "physical_state": "paste",
        **values,
    }
    return {f"rows-{prefix}-{k}": v for k, v in data.items()}


def post_grid(client, workshop, rows):
    data = {"rows-TOTAL_FORMS": str(len(rows)), "rows-INITIAL_FORMS": "0"}
    for r in rows:
        data.update(r)
    return client.post(reverse("bourseflux:workshop_grid", args=[workshop.pk]), data)


def test_grid_saves_all_rows_in_one_go(client, workshop):
    client.force_login(facilitator())
    a, b = workshop.participants.order_by("pk")
    response = post_grid(client, workshop, [row(0, a), row(1, b, direction="need", title="Besoin de drêches")])
    assert response.status_code == 302
    assert sorted(Flow.objects.values_list("organisation", "direction")) == sorted([(a.pk, "offer"), (b.pk, "need")])
    assert all(f.status == Flow.Status.PUBLISHED and f.category.code == "organic" for f in Flow.objects.all())


def test_grid_saves_nothing_when_a_row_is_invalid_and_marks_that_row(client, workshop):
    client.force_login(facilitator())
    a, b = workshop.participants.order_by("pk")
    response = post_grid(client, workshop, [row(0, a), row(1, b, ewc="", quantity="-2")])
    assert response.status_code == 200
    assert not Flow.objects.exists()
    html = response.content.decode()
    with translation.override("fr"):
        nothing_saved = gettext("Nothing was saved: correct the rows marked in red, then save again.")
        ewc_missing = gettext(
            "A waste needs its EWC code (European List of Waste): type its six digits or words of its label."
        )
        bad_quantity = gettext("The quantity must be more than zero: leave it empty if you do not know it yet.")
        # The row form itself refuses a negative quantity (DecimalField min_value=0), in the active language.
        below_zero = gettext("Ensure this value is greater than or equal to %(limit_value)s.") % {"limit_value": 0}
    assert escape(nothing_saved) in html
    rows = html.split("data-grid-row>")
    assert "invalid-feedback" not in rows[1].split("</tr>")[0]
    second = rows[2].split("</tr>")[0]
    assert "invalid-feedback" in second
    assert any(escape(message) in second for message in (below_zero, ewc_missing, bad_quantity))


def test_grid_refuses_a_company_outside_the_workshop(client, workshop):
    client.force_login(facilitator())
    response = post_grid(client, workshop, [row(0, OrganisationFactory())])
    assert response.status_code == 200
    assert not Flow.objects.exists()


def test_grid_ignores_untouched_rows(client, workshop):
    client.force_login(facilitator())
    a = workshop.participants.first()
    empty = {f"rows-1-{k}": "" for k in ("organisation", "direction", "nature", "category", "ewc", "title")}
    empty["rows-1-physical_state"] = "solid"
    assert post_grid(client, workshop, [row(0, a), empty]).status_code == 302
    assert Flow.objects.count() == 1


def test_partner_staff_sees_the_grid_page_but_cannot_save(client, workshop):
    client.force_login(partner_member())
    url = reverse("bourseflux:workshop_grid", args=[workshop.pk])
    assert client.get(url).status_code == 200
    assert post_grid(client, workshop, [row(0, workshop.participants.first())]).status_code == 403
    assert not Flow.objects.exists()


def test_outsider_gets_403_and_anonymous_goes_to_login(client, org_people, workshop):
    urls = [
        reverse("bourseflux:workshop_grid", args=[workshop.pk]),
        reverse("bourseflux:workshop_create", args=[workshop.pilot_zone.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and "login" in response["Location"]
    client.force_login(org_people.owner)
    for url in urls:
        assert client.get(url).status_code == 403


def test_facilitator_creates_a_workshop_with_participants(client):
    zone = PilotZoneFactory()
    company = OrganisationFactory()
    zone.companies.add(company)
    client.force_login(facilitator())
    response = client.post(
        reverse("bourseflux:workshop_create", args=[zone.pk]),
        {"title": "Atelier agroalimentaire", "date": "2026-03-12", "place": "CCI", "participants": [company.pk]},
    )
    workshop = Workshop.objects.get()
    assert response["Location"] == reverse("bourseflux:workshop_grid", args=[workshop.pk])
    assert list(workshop.participants.all()) == [company]
