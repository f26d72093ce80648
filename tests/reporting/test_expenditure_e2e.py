"""In a browser, in French and in Italian: a partner records an expenditure line with its
supporting document and declares the period; the lead partner sees it in the burn-rate view."""

import pytest
from django.test import Client

from reporting.models import ExpenditureLine
from tests.reporting.factories_expenditure import PDF, crowd, document_storage, today  # noqa: F401
from tests.reporting.factories_structure import outsider, structure  # noqa: F401

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_partner_declares_and_lead_sees_burn_rate(page, live_server, crowd, lang, tmp_path):  # noqa: F811
    invoice = tmp_path / "facture-train.pdf"
    invoice.write_bytes(PDF)
    _log_in(page, crowd["colleague"], live_server)  # CCIR-PACA staff, for PACA

    page.goto(f"/{lang}/reporting/expenditure/PACA/")
    page.wait_for_url(f"**/{lang}/reporting/expenditure/PACA/3/")
    page.goto(f"/{lang}/reporting/expenditure/PACA/2/")
    form = page.locator("#line-form")
    form.locator("select[name=period]").select_option("2")
    form.locator("select[name=category]").select_option("travel")
    form.locator("input[name=date_incurred]").fill("2019-03-10")  # outside semester 2
    form.locator("input[name=description]").fill("Train Nice–Gênes, comité de pilotage")
    form.locator("input[name=amount]").fill("450.00")
    form.locator("input[name=document]").set_input_files(str(invoice))
    form.locator("button[type=submit]").click()
    assert page.locator("#line-form .invalid-feedback, #line-form .is-invalid").count() > 0
    assert not ExpenditureLine.objects.exists()
    assert page.locator("input[name=description]").input_value() == "Train Nice–Gênes, comité de pilotage"
    page.console_errors.clear()  # the refused form answered 400, as it should

    page.locator("input[name=date_incurred]").fill("2019-09-10")
    page.locator("input[name=document]").set_input_files(str(invoice))
    page.locator("#line-form button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/reporting/expenditure/PACA/2/")
    line = ExpenditureLine.objects.get()
    assert (line.status, line.entered_by_organisation.partner_code, line.partner.partner_code) == (
        "draft",
        "CCIR-PACA",
        "PACA",
    )
    row = page.locator(f'#line-table tr[data-line="{line.pk}"]')
    assert row.get_attribute("data-status") == "draft"
    with page.expect_download() as download_info:
        row.locator("a", has_text="facture-train.pdf").click()
    with open(download_info.value.path(), "rb") as fh:
        assert fh.read(4) == b"%PDF"

    page.locator("#declare-form button[type=submit]").click()
    page.wait_for_url(f"**/{lang}/reporting/expenditure/PACA/2/")
    assert page.locator(f'#line-table tr[data-line="{line.pk}"]').get_attribute("data-status") == "declared"
    assert page.locator("#declare-form").count() == 0
    line.refresh_from_db()
    assert line.status == "declared"

    _log_in(page, crowd["lead"], live_server)
    page.goto(f"/{lang}/reporting/expenditure/")
    paca = page.locator('#burn-table tr[data-partner="PACA"]')
    declared = paca.locator("[data-declared]").inner_text()
    assert declared.replace("\u202f", "").replace("\xa0", "").replace(" ", "").replace(".", "") in ("450,00", "45000")
    assert paca.locator("[data-burn]").inner_text().strip() == "4 %"  # 450 / 12 000 €
    assert page.locator("figure.bar-chart").count() >= 2
    assert not page.console_errors
