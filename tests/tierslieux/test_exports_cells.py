"""The open-data CSV of the directory goes through circuito.exports: a place name that looks like a
formula comes out as text, coordinates (negative ones included) as plain numbers."""

import csv
import io

import pytest
from django.urls import reverse

from tests.tierslieux.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_directory_csv_neutralises_formulas_and_keeps_numbers(client):
    PlaceFactory(
        name='=HYPERLINK("http://evil","x")', address="@SUM(A1)", postcode="44000", longitude=-1.5536, latitude=47.2184
    )
    response = client.get(reverse("tierslieux:directory_csv"))
    assert response.status_code == 200
    content = response.content.decode()
    assert not content.startswith("\ufeff")  # the open-data schema's plain CSV, "," separated
    [row] = list(csv.DictReader(io.StringIO(content, newline="")))
    assert row["nom"] == '\'=HYPERLINK("http://evil","x")' and row["adresse"] == "'@SUM(A1)"
    assert (row["longitude"], row["latitude"]) == ("-1.5536", "47.2184")
