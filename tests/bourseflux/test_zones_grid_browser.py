"""The workshop grid in a real browser: add rows, see the error on the bad row, fix it, save."""

import pytest
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext, ngettext

from bourseflux.models import Flow
from tests.bourseflux.factories import EwcCodeFactory, MaterialCategoryFactory
from tests.bourseflux.factories_zones import WorkshopFactory, facilitator
from tests.factories import CommuneFactory, OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def login(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def fill_row(page, index: int, company: str, direction: str, title: str, ewc: str) -> None:
    prefix = f"rows-{index}-"
    page.select_option(f"select[name='{prefix}organisation']", label=company)
    page.select_option(f"select[name='{prefix}direction']", value=direction)
    page.select_option(f"select[name='{prefix}nature']", value="waste")
    page.fill(f"input[name='{prefix}ewc']", ewc)
    page.fill(f"input[name='{prefix}title']", title)
    page.fill(f"input[name='{prefix}quantity']", "4")
    page.select_option(f"select[name='{prefix}unit']", value="t")
    page.select_option(f"select[name='{prefix}frequency']", value="month")


def test_add_rows_fix_the_bad_one_and_save(page, live_server):
    commune = CommuneFactory()
    workshop = WorkshopFactory()
    brasserie = OrganisationFactory(legal_name="Brasserie du Lac", commune=commune)
    ferme = OrganisationFactory(legal_name="Ferme des Bauges", commune=commune)
    workshop.participants.set([brasserie, ferme])
    MaterialCategoryFactory()
    EwcCodeFactory()
    login(page, live_server, facilitator())

    with translation.override("fr"):  # the page is under /fr/
        add_row = gettext("Add a row")
        save_all = gettext("Save all the rows")
        nothing_saved = gettext("Nothing was saved: correct the rows marked in red, then save again.")
        ewc_missing = gettext(
            "A waste needs its EWC code (European List of Waste): type its six digits or words of its label."
        )
        saved = ngettext(
            "%(n)d flow was saved for the workshop's companies.",
            "%(n)d flows were saved for the workshop's companies.",
            2,
        ) % {"n": 2}

    page.goto(f"/fr/flux/workshops/{workshop.pk}/")
    rows = page.locator("[data-grid-body] [data-grid-row]")
    assert rows.count() == 1
    page.get_by_role("button", name=add_row).click()
    page.get_by_role("button", name=add_row).click()
    assert rows.count() == 3
    fill_row(page, 1, "Brasserie du Lac", "offer", "Drêches de brasserie", "02 03 04")
    fill_row(page, 2, "Ferme des Bauges", "need", "Drêches pour bétail", "")  # a waste needs its code
    page.get_by_role("button", name=save_all).click()
    page.wait_for_load_state()

    assert nothing_saved in page.locator("#grid-errors").inner_text()
    bad_row = page.locator("[data-grid-body] [data-grid-row]").nth(2)
    assert ewc_missing in bad_row.locator(".invalid-feedback").all_inner_texts()
    assert page.locator("[data-grid-body] [data-grid-row]").nth(1).locator(".invalid-feedback").count() == 0
    assert Flow.objects.count() == 0

    page.fill("input[name='rows-2-ewc']", "020304")
    page.get_by_role("button", name=save_all).click()
    page.wait_for_load_state()
    assert saved in page.locator("main").inner_text()
    assert sorted(Flow.objects.values_list("title_fr", flat=True)) == ["Drêches de brasserie", "Drêches pour bétail"]
    assert "Drêches pour bétail" in page.locator("#workshop-flows").inner_text()
    assert not [e for e in page.console_errors if "favicon" not in e]
