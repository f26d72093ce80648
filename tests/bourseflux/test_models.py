import pytest

from bourseflux.models import Flow
from bourseflux.quantities import months_mask, yearly
from tests.bourseflux.factories import EwcCodeFactory, FlowFactory
from tests.factories import CommuneFactory, TerritoryFactory

pytestmark = pytest.mark.django_db


def test_yearly_quantity_is_normalised():
    assert yearly(500, "kg", "week") == (26.0, "t")
    assert yearly(2, "m3", "day") == (500.0, "m3")
    assert yearly(None, "t", "year") == (None, "t")


def test_months_mask():
    assert months_mask([9, 10, 11]) == 0b111 << 8
    assert months_mask([]) == 4095


def test_flow_copies_location_territory_and_hazard_on_save():
    region = TerritoryFactory(level="region", code="84", name="Auvergne-Rhône-Alpes", in_alcotra=True)
    department = TerritoryFactory(code="73", name="Savoie", parent=region)
    commune = CommuneFactory(department=department, latitude=45.56, longitude=5.92)
    flow = FlowFactory(
        site__commune=commune, nature=Flow.Nature.WASTE, ewc=EwcCodeFactory(code="16 06 01", hazardous=True)
    )
    assert (flow.latitude, flow.longitude, flow.country) == (45.56, 5.92, "FR")
    assert flow.region == region and flow.department == department
    assert flow.hazardous and flow.ewc_subchapter == "16 06"
    assert flow.yearly_quantity == 120.0 and flow.base_unit == "t"
