"""The autocomplete widget in a real browser: typing, arrow keys, Enter, and the posted pk."""

import pytest

from circuito.geo.models import Commune
from tests.nace.conftest import nace, nace_files  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.e2e, pytest.mark.urls("tests.geo.urls"), pytest.mark.django_db(transaction=True)]


def test_pick_a_commune_with_the_keyboard(page, gazetteer, nace):  # noqa: F811
    page.goto("/it/test-place-form/")
    combobox = page.get_by_role("combobox", name="Commune")
    combobox.fill("nizz")
    options = page.locator("#id_commune_listbox [role=option]")
    options.first.wait_for()
    assert options.count() == 2
    assert combobox.get_attribute("aria-expanded") == "true"
    combobox.press("ArrowDown")
    assert combobox.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert options.first.get_attribute("aria-selected") == "true"
    combobox.press("Enter")
    assert combobox.input_value() == "Nice (06)"
    assert combobox.get_attribute("aria-expanded") == "false"
    nice = Commune.objects.get(name="Nice")
    assert page.locator("#id_commune_value").input_value() == str(nice.pk)

    activity = page.get_by_role("combobox", name="Activity")
    activity.fill("succhi")
    page.locator("#id_nace_listbox [role=option]").first.wait_for()
    page.locator("#id_nace_listbox [role=option]").first.click()
    assert activity.input_value().startswith("10.32 ")

    page.get_by_role("button", name="OK").click()
    page.wait_for_load_state()
    assert page.locator("#result").inner_text().startswith("picked Nice / 10.32")
    assert not page.console_errors


def test_typing_again_clears_the_pick_and_the_error_explains(page, gazetteer, nace):  # noqa: F811
    page.goto("/fr/test-place-form/")
    combobox = page.get_by_role("combobox", name="Commune")
    combobox.fill("tori")
    page.locator("#id_commune_listbox [role=option]").first.click()
    assert page.locator("#id_commune_value").input_value()
    combobox.press("End")
    combobox.type("x")
    assert page.locator("#id_commune_value").input_value() == ""
    page.get_by_role("button", name="OK").click()
    page.wait_for_load_state()
    assert page.locator(".invalid-feedback").first.is_visible()
    assert page.get_by_role("combobox", name="Commune").input_value() == "Torino (TO)x"
