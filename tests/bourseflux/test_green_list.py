"""The green list of Regulation (EU) 2024/1157 as data: a verdict for every code, aware of the
recovery operation stated on the flow."""

import csv
from pathlib import Path

import pytest

from bourseflux.legal import GREEN_LIST_SOURCE, green_list, green_list_verdict, is_green_listed, shipment_advisory
from bourseflux.models import Flow
from tests.bourseflux.factories import EwcCodeFactory, FlowFactory

DATA = Path(__file__).resolve().parents[2] / "bourseflux" / "data"
EWC = list(csv.DictReader((DATA / "ewc_fr_it_merged.csv").open(encoding="utf-8")))
ENTRY_PATTERN = r"^(B\d{4}|G[A-Z]\d{3}|EU\d{4}|BEU\d{2})$"


def test_every_code_of_the_portal_has_a_verdict():
    for row in EWC:
        if row["level"] == "3":
            verdict = green_list_verdict(row["code"])
            assert verdict is not None, row["code"]
            assert row["code"].startswith(verdict.code)


def test_rows_name_real_non_hazardous_codes_and_well_formed_entries():
    import re

    known = {row["code"]: row for row in EWC}
    for code, verdict in green_list().items():
        assert code in known, code
        if known[code]["level"] == "3":
            assert known[code]["hazardous"] == "0", code  # hazardous waste is never green-listed
        assert verdict.note, code
        if verdict.listed:
            assert re.match(ENTRY_PATTERN, verdict.entry), verdict.entry
            assert verdict.annex in ("III", "IIIA", "IIIB"), code
        assert all(re.fullmatch(r"R\d{1,2}", op) for op in verdict.operations), code
    assert "2024/1157" in GREEN_LIST_SOURCE and "eur-lex" in GREEN_LIST_SOURCE


@pytest.mark.parametrize(
    ("code", "entry"),
    [
        ("12 01 05", "EU3011"),  # plastic offcuts
        ("20 01 25", "B3065"),  # edible oils and fats
        ("02 03 04", "B3060"),  # apple pomace and other agro-food waste
        ("15 01 01", "B3020"),  # paper packaging
        ("17 04 05", "B1010"),  # iron and steel, through the 17 04 row
        ("17 04 11", "B1115"),  # cables: the longer prefix wins over 17 04
        ("20 02 01", "BEU05"),  # garden waste, Annex IIIB
    ],
)
def test_codes_offered_on_the_portal_find_their_entry(code, entry):
    assert green_list_verdict(code).entry == entry


def test_codes_no_entry_names_are_not_listed():
    assert not green_list_verdict("17 09 04").listed  # mixed construction waste
    assert not green_list_verdict("05 01 17").listed  # falls to the chapter row
    assert green_list_verdict("20 03 01").entry == "NOTIFY"


def _waste(code: str, operation: str, **kwargs) -> Flow:
    return FlowFactory(nature=Flow.Nature.WASTE, ewc=EwcCodeFactory(code=code), recovery_operation=operation, **kwargs)


@pytest.mark.django_db
def test_plastic_is_green_for_recycling_only():
    assert is_green_listed(_waste("12 01 05", "R3"))
    burnt = _waste("12 01 05", "R1")
    assert not is_green_listed(burnt)
    text = shipment_advisory(burnt, "IT")
    assert "EU3011" in text and "R1" in text and "DIWASS" in text


@pytest.mark.django_db
def test_the_advisory_names_the_entry_and_the_interim_operation():
    text = shipment_advisory(_waste("20 01 25", "R13"), "IT")
    assert "B3065" in text and "III" in text and "R13" in text
    assert text.count("R13") == 2  # the operation, then the interim-operation note


@pytest.mark.django_db
def test_unlisted_code_with_a_recovery_operation_needs_notification():
    text = shipment_advisory(_waste("17 09 04", "R5"), "IT")
    assert "17 09 04" in text and "DIWASS" in text


@pytest.mark.django_db
def test_mixed_municipal_waste_needs_notification_even_for_recovery():
    flow = _waste("20 03 01", "R1")
    assert not is_green_listed(flow)
    assert "2024/1157" in shipment_advisory(flow, "IT")


@pytest.mark.django_db
def test_without_an_operation_the_advisory_says_which_entry_would_apply():
    text = shipment_advisory(_waste("02 03 04", ""), "IT")
    assert "B3060" in text and "R1" in text  # "state the recovery operation (R1–R13)"
