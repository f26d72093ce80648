"""The logistics estimate: cost and CO2e per tonne and per year, by transport mode and load."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bourseflux import logistics
from bourseflux.models import Flow


def test_every_mode_has_its_factors_and_cited_sources():
    modes = logistics.modes()
    assert {"van", "rigid_small", "rigid", "articulated", "truck", "rail"} <= set(modes)
    for mode in modes.values():
        assert mode.co2e_kg_per_tkm > 0 and 0 < mode.reference_load <= 1
        assert mode.co2e_source in logistics.SOURCES and mode.cost_source in logistics.SOURCES
        assert (mode.cost_eur_per_vehicle_km if mode.by_vehicle else mode.cost_eur_per_tkm) > 0
        assert str(mode.label) != mode.code  # a readable, translated name


def test_the_truck_factor_is_the_one_the_impact_uses():
    from bourseflux.impact import TRANSPORT_FACTORS

    for code in ("truck", "van", "rail"):
        assert logistics.modes()[code].co2e_kg_per_tkm == TRANSPORT_FACTORS[code]


def test_an_articulated_truck_over_100_km():
    e = logistics.estimate(100, "articulated", tonnes_per_year=120)
    # 25 t payload at 60 %: 15 t a load; 2 × 100 km × 1.85 €/km / 15 t.
    assert e.cost_eur_per_t == pytest.approx(2 * 100 * 1.85 / 15)
    assert e.co2e_kg_per_t == pytest.approx(100 * 0.078)
    assert e.trips_per_year == 8  # ⌈120 / 15⌉
    assert e.cost_eur_per_year == pytest.approx(8 * 2 * 100 * 1.85)
    assert e.co2e_t_per_year == pytest.approx(120 * 7.8 / 1000)


def test_a_fuller_truck_costs_and_emits_less_per_tonne():
    half = logistics.estimate(80, "rigid", load_factor=0.5)
    full = logistics.estimate(80, "rigid", load_factor=1.0)
    assert half.cost_eur_per_t == pytest.approx(2 * full.cost_eur_per_t)
    assert half.co2e_kg_per_t == pytest.approx(2 * full.co2e_kg_per_t)


def test_rail_is_priced_per_tonne_km_and_ignores_the_load():
    e = logistics.estimate(200, "rail", load_factor=0.2, tonnes_per_year=1000)
    assert e.load_factor == 1.0 and e.trips_per_year is None
    assert e.cost_eur_per_year == pytest.approx(1000 * 200 * 0.05)


def test_unknown_mode_and_absurd_loads_fall_back_to_safe_values():
    assert logistics.estimate(10, "zeppelin").mode.code == logistics.DEFAULT_MODE
    assert logistics.estimate(10, "van", load_factor=7).load_factor == 1.0
    assert logistics.estimate(10, "van", load_factor=0).load_factor == logistics.MIN_LOAD
    assert logistics.estimate(10, "van", load_factor=float("nan")).load_factor == 0.4
    assert logistics.estimate(10, tonnes_per_year=None).cost_eur_per_year is None


@given(
    km=st.floats(0, 3000),
    tonnes=st.floats(0.001, 100_000),
    load=st.floats(0.1, 1.0),
    mode=st.sampled_from(["van", "rigid_small", "rigid", "articulated", "truck"]),
)
def test_yearly_road_cost_is_whole_loads_and_never_below_the_per_tonne_cost(km, tonnes, load, mode):
    e = logistics.estimate(km, mode, load_factor=load, tonnes_per_year=tonnes)
    carried = e.mode.payload_t * e.load_factor
    assert e.trips_per_year == math.ceil(tonnes / carried)
    assert e.trips_per_year * carried >= tonnes
    assert e.cost_eur_per_year >= tonnes * e.cost_eur_per_t - 1e-6
    assert e.cost_eur_per_year <= (tonnes + carried) * e.cost_eur_per_t + 1e-6


def _flow(**kwargs) -> Flow:
    flow = Flow(unit="t", frequency="month", **kwargs)
    flow.yearly_quantity, flow.base_unit = float(kwargs.get("quantity", 0)) * 12, "t"
    return flow


def test_exchanged_tonnes_never_reveal_a_confidential_quantity():
    mine, theirs = _flow(quantity=10), _flow(quantity=2)
    assert logistics.exchanged_tonnes(mine, theirs, other_visible=True) == 24
    assert logistics.exchanged_tonnes(mine, theirs, other_visible=False) == 120
    energy = Flow(unit="MWh", frequency="year")
    energy.yearly_quantity, energy.base_unit = 50.0, "MWh"
    assert logistics.exchanged_tonnes(energy, theirs, other_visible=True) is None
