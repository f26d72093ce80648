import pytest

from tests.factories import CommuneFactory, RegionFactory, TerritoryFactory
from tests.tierslieux.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def test_place_copies_country_and_territories_from_its_commune():
    region = RegionFactory(country="IT", code="02", name="Valle d'Aosta")
    department = TerritoryFactory(country="IT", code="AO", name="Aosta", parent=region)
    place = PlaceFactory(commune=CommuneFactory(country="IT", code="007003", department=department))
    assert (place.country, place.region, place.department) == ("IT", region, department)
    assert place.kinds.count() == 1
