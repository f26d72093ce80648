"""In a browser, in French and in Italian: the coordinator tags a quote, adds a SWOT item supported by
it, generates the territorial synthesis and downloads it, and downloads the XLSX export."""

import pytest
from django.test import Client
from openpyxl import load_workbook

from focusgroups.models import Coding, SwotItem
from tests.focusgroups.factories_analysis import build_analysis_world

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _log_in(page, user, live_server) -> None:
    client = Client()
    client.force_login(user)
    cookie = client.cookies["sessionid"]
    page.context.add_cookies([{"name": "sessionid", "value": cookie.value, "url": live_server.url}])


def _download(page, tmp_path, name: str):
    page.locator("#job-status[data-job-status=done]").wait_for()
    with page.expect_download() as info:
        page.locator("#job-status a[href$='/download/']").click()
    download = info.value
    path = tmp_path / name
    download.save_as(path)
    return download.suggested_filename, path


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_coordinator_codes_builds_swot_and_downloads(page, live_server, tmp_path, lang):
    aw = build_analysis_world()
    _log_in(page, aw.w.coordinator, live_server)
    label = {"fr": "Langue", "it": "Lingua"}[lang]

    # Tag the Italian quote with "language", without reloading the page.
    page.goto(f"/{lang}/focus-groups/analysis/3.2/material/")
    item = page.locator(f"#item-quote-{aw.quote_it.pk}")
    item.locator("select[name=theme]").select_option(str(aw.language.pk))
    page.evaluate("window.__marker = 1")
    item.locator(".tag-form button[type=submit]").click()
    page.locator(f"#item-quote-{aw.quote_it.pk} .theme-badge").filter(has_text=label).wait_for()
    assert page.evaluate("window.__marker") == 1  # same page: htmx swapped the item in place
    assert Coding.objects.filter(quote=aw.quote_it, theme=aw.language).exists()

    # A threat for Liguria, supported by that quote.
    page.goto(f"/{lang}/focus-groups/analysis/3.2/swot/{aw.liguria.pk}/")
    form = page.locator("#swot-form")
    form.locator("select[name=quadrant]").select_option("T")
    form.locator(f"textarea[name=text_{lang}]").fill(
        "Barriera linguistica" if lang == "it" else "Barrière de la langue"
    )
    form.locator(f'input[name=evidence_quotes][value="{aw.quote_it.pk}"]').check()
    form.locator("button[type=submit]").click()
    threats = page.locator("#quadrant-T")
    threats.locator(".evidence-quote").filter(has_text="Serve un interprete").wait_for()
    item = SwotItem.objects.get(territory=aw.liguria)
    assert list(item.evidence_quotes.all()) == [aw.quote_it]

    # The cross-border view shows it on the Italian side.
    page.goto(f"/{lang}/focus-groups/analysis/3.2/swot/")
    assert page.locator(f"#swot-{aw.liguria.pk}").is_visible()

    # Territorial synthesis (PDF) in the page's language.
    page.goto(f"/{lang}/focus-groups/analysis/3.2/")
    page.locator("#synthesis-form select[name=language]").select_option(lang)
    page.locator("#synthesis-form button[type=submit]").click()
    name, path = _download(page, tmp_path, "synthesis.pdf")
    assert name.endswith(f"-{lang}.pdf") and path.read_bytes().startswith(b"%PDF")

    # XLSX export of answers and quotes.
    page.goto(f"/{lang}/focus-groups/analysis/3.2/")
    page.locator("#export-xlsx").click()
    name, path = _download(page, tmp_path, "answers.xlsx")
    assert name.endswith(".xlsx")
    workbook = load_workbook(path)
    assert workbook.worksheets[0].max_row == 18
    assert not [e for e in page.console_errors if "Content Security Policy" in e]
