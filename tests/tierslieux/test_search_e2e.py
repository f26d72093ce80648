import pytest

from circuito.search.loaders import Row, load_thesaurus
from tests.tierslieux.factories import PlaceFactory, ServiceFactory
from tests.tierslieux.factories_places import EquipmentFactory, cuneo, nice

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LASER = Row(
    key="t-laser-cutting",
    terms={"fr": ["découpe laser"], "it": ["taglio laser"], "en": ["laser cutter"]},
    links=[("equipment", "laser-cutter")],
    serves=[],
    source="",
)


def search_directory(page, language: str, need: str):
    page.goto(f"/{language}/tiers-lieux/directory/")
    page.locator("#place-filters input[name=q]").fill(need)
    page.locator("#place-filters button[type=submit]").click()
    first = page.locator("#place-list > li").first
    first.locator("[data-search-reasons]").wait_for()
    return first


def test_a_french_and_an_italian_visitor_find_the_same_place_for_the_same_need(browser, live_server):
    load_thesaurus([LASER])
    officina = PlaceFactory(name="Officina Cuneo", commune=cuneo(), description_fr="", description_it="Officina.")
    EquipmentFactory(place=officina, kind="Laser", name="Laser cutter Trotec")
    # Mentions laser cutting in its description only: found, but after the place that has the machine.
    ServiceFactory(place=PlaceFactory(name="Atelier Nice", commune=nice(), description_fr="Bois, découpe au laser."))
    EquipmentFactory(place=PlaceFactory(name="Fablab Menton", description_fr="Impression."), kind="3D printer")

    for language, locale, need, reason in (
        ("fr", "fr-FR", "je cherche une découpe laser", "Équipement\u00a0: Laser cutter Trotec"),
        ("it", "it-IT", "cerco un taglio laser", "Attrezzatura: Laser cutter Trotec"),
    ):
        context = browser.new_context(base_url=live_server.url, locale=locale)
        page = context.new_page()
        page.set_default_timeout(15_000)
        errors: list[str] = []
        page.on("console", lambda msg, errors=errors: errors.append(msg.text) if msg.type == "error" else None)
        first = search_directory(page, language, need)
        assert first.get_by_role("link", name="Officina Cuneo").is_visible()
        reasons = first.locator("[data-search-reasons]")
        assert reasons.is_visible() and reason in reasons.inner_text()
        assert page.locator("#place-list > li").count() == 2
        assert not [e for e in errors if "Content Security Policy" in e]
        context.close()
