"""Addresses matched against the gazetteer: the postcode narrows the departments or provinces,
the commune's name is found despite accents and abbreviations, and an ambiguous or unknown
address says which communes it could be."""

import pytest
from django.urls import reverse

from circuito.geo.address import match_address, read_address, unmatched_message
from circuito.geo.loaders import load_territories
from circuito.geo.postcodes import departments_for_postcode
from tests.geo.conftest import FR_HEADER, FR_ROWS, IT_HEADER, IT_ROWS, write_csv

# Two communes named exactly alike, in Eure-et-Loir and Haute-Loire.
MORE_FR = [
    ["FR", "28051", "Bonneval", "28", "Eure-et-Loir", "5000", "48.1833", "1.3833"],
    ["FR", "43036", "Bonneval", "43", "Haute-Loire", "80", "45.3667", "3.7500"],
    ["FR", "10387", "Torvilliers", "10", "Aube", "1100", "48.2667", "3.9667"],
]


@pytest.fixture
def communes(db, tmp_path):
    load_territories(
        write_csv(tmp_path / "fr.csv", FR_HEADER, FR_ROWS + MORE_FR), write_csv(tmp_path / "it.csv", IT_HEADER, IT_ROWS)
    )


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("12 rue des Alpes, 73000 Chambéry", ("73000", "Chambéry")),
        ("Via Roma 5, 11100 Aosta (AO)", ("11100", "Aosta")),
        ("Corso Francia 120 - 10143 Torino TO", ("10143", "Torino")),
        ("BP 12, 06001 Nice Cedex 1", ("06001", "Nice")),
        ("4 place de la Mairie, Menton 06500", ("06500", "Menton")),
        ("chemin du Lac, Bonneval", ("", "Bonneval")),
    ],
)
def test_the_postcode_and_commune_are_read_from_the_address(address, expected):
    assert read_address(address) == expected


def test_a_postcode_can_be_french_or_italian():
    assert departments_for_postcode("10121") == {"FR": ("10",), "IT": ("TO",)}
    assert departments_for_postcode("20167") == {"FR": ("2A", "2B"), "IT": ("MI", "MB", "LO")}
    assert departments_for_postcode("97400") == {"FR": ("974",), "IT": ("RG",)}  # Réunion or Ragusa
    assert departments_for_postcode("7300") == {}


def test_an_address_gives_its_commune(communes):
    assert match_address("12 rue des Alpes, 73000 Chambery").commune.name == "Chambéry"
    assert match_address("Via Roma 5, 11100 Aosta (AO)").commune.name == "Aosta"
    # Without accents and with the abbreviation, the village of the Tinée valley, not the city of the Loire.
    found = match_address("Route de la Bonette, 06660 St Etienne de Tinee").commune
    assert (found.name, found.department.code) == ("Saint-Étienne-de-Tinée", "06")


def test_the_postcode_tells_france_from_italy_and_homonyms_apart(communes):
    assert match_address("Via Po 1, 10124 Torino").commune.department.code == "TO"
    assert match_address("rue de l'Église, 28800 Bonneval").commune.department.code == "28"
    assert match_address("Le Bourg, 43160 Bonneval").commune.department.code == "43"


def test_an_ambiguous_address_lists_the_candidates(communes):
    match = match_address("chemin du Lac, Bonneval")
    assert match.commune is None
    assert sorted(c.department.code for c in match.candidates) == ["28", "43"]
    message = unmatched_message(match)
    assert "Bonneval (28)" in message and "Bonneval (43)" in message


def test_a_postcode_of_another_department_is_told_with_the_commune_it_fits(communes):
    match = match_address("12 rue des Alpes, 06000 Chambéry")
    assert match.commune is None and match.postcode_mismatch
    assert "Chambéry (73)" in unmatched_message(match) and "06000" in unmatched_message(match)


def test_an_unknown_commune_says_what_was_read(communes):
    match = match_address("1 rue Haute, 73000 Atlantis")
    assert match.commune is None and not match.candidates
    assert "Atlantis" in unmatched_message(match) and "73000" in unmatched_message(match)


def test_the_address_endpoint_gives_the_commune_or_the_candidates(client, communes):
    url = reverse("geo:address_match")
    found = client.get(url, {"address": "Via Roma 5, 11100 Aosta (AO)"}).json()
    assert found["commune"]["label"] == "Aosta (AO)"
    assert (found["commune"]["latitude"], found["commune"]["longitude"]) == (45.737, 7.3201)
    ambiguous = client.get(url, {"address": "chemin du Lac, Bonneval"}).json()
    assert ambiguous["commune"] is None
    assert sorted(c["label"] for c in ambiguous["candidates"]) == ["Bonneval (28)", "Bonneval (43)"]
    assert "Bonneval (28)" in ambiguous["message"]
