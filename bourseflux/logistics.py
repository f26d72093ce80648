"""Logistics estimate of an exchange: what moving the material costs and emits, by transport mode.

    road distance = great-circle distance × DETOUR_FACTOR (the matching's estimate)
    trips per year = ⌈tonnes per year / (payload × load factor)⌉  (collected in loads of that size)
    road cost      = trips × 2 × road km × cost per vehicle·km     (the vehicle returns empty)
    rail cost      = tonnes × road km × cost per tonne·km
    CO2e           = tonnes × road km × kg CO2e per tonne·km × reference load / load factor

The emission factors are per tonne·km at the source's average load (`reference_load`): a vehicle
less full than average emits about the same per km for fewer tonnes, so per tonne more. Only the
loaded leg counts for CO2e, as in the impact of synergies (bourseflux.impact). Factors live in
data/transport_modes.csv with their sources (SOURCES below, shown on the impact method page).
These are estimates to compare candidates, not a quote from a carrier."""

import csv
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from bourseflux.models import Flow

DATA = Path(__file__).resolve().parent / "data" / "transport_modes.csv"
DEFAULT_MODE = "articulated"
MIN_LOAD, MAX_LOAD = 0.1, 1.0

LABELS = {
    "van": _("Van (up to 3.5 t)"),
    "rigid_small": _("Small rigid truck (up to 7.5 t)"),
    "rigid": _("Rigid truck (over 17 t)"),
    "articulated": _("Articulated truck (40 t)"),
    "truck": _("Truck (average of heavy goods vehicles)"),
    "rail": _("Rail freight"),
}

SOURCES = {
    "defra2023_van": (
        "DESNZ / DEFRA, GHG Conversion Factors for Company Reporting 2023, “Freighting goods”: "
        "vans, average (up to 3.5 t), average laden; Open Government Licence v3.0"
    ),
    "defra2023_rigid": (
        "DESNZ / DEFRA, GHG Conversion Factors for Company Reporting 2023, “Freighting goods”: "
        "HGV (all diesel), rigid, average laden; Open Government Licence v3.0"
    ),
    "defra2023_articulated": (
        "DESNZ / DEFRA, GHG Conversion Factors for Company Reporting 2023, “Freighting goods”: "
        "HGV (all diesel), articulated (>33 t), average laden; Open Government Licence v3.0"
    ),
    "defra2023_hgv": (
        "DESNZ / DEFRA, GHG Conversion Factors for Company Reporting 2023, “Freighting goods”: "
        "HGV (all diesel), all HGVs, average laden; Open Government Licence v3.0"
    ),
    "defra2023_rail": (
        "DESNZ / DEFRA, GHG Conversion Factors for Company Reporting 2023, “Freighting goods”: "
        "freight train; Open Government Licence v3.0"
    ),
    "cnr_reference": _(
        "CIRCUITO reference value: a rounded order of magnitude of the full cost per km (driver, fuel, "
        "vehicle, tolls, overheads) in the Comité National Routier's published cost structures for "
        "regional road haulage in France; not CNR's own figures, check its current indices before quoting"
    ),
    "rail_reference": _(
        "CIRCUITO reference value: a rounded order of magnitude of published block-train freight prices "
        "per tonne·km; rail also needs a siding or a transfer at both ends, not counted here"
    ),
}
SOURCE_URLS = {
    "defra2023": "https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2023",
    "cnr": "https://www.cnr.fr/",
}


@dataclass(frozen=True)
class Mode:
    code: str
    payload_t: float | None  # None: priced per tonne·km, no vehicle to fill (rail)
    reference_load: float
    co2e_kg_per_tkm: float
    cost_eur_per_vehicle_km: float | None
    cost_eur_per_tkm: float | None
    co2e_source: str
    cost_source: str

    @property
    def label(self) -> str:
        return str(LABELS.get(self.code, self.code))

    @property
    def by_vehicle(self) -> bool:
        return self.payload_t is not None


def _number(text: str) -> float | None:
    return float(text) if text.strip() else None


@cache
def modes() -> dict[str, Mode]:
    """The transport modes of data/transport_modes.csv, in file order."""
    with DATA.open(encoding="utf-8", newline="") as handle:
        return {
            row["mode"]: Mode(
                code=row["mode"],
                payload_t=_number(row["payload_t"]),
                reference_load=float(row["reference_load"]),
                co2e_kg_per_tkm=float(row["co2e_kg_per_tkm"]),
                cost_eur_per_vehicle_km=_number(row["cost_eur_per_vehicle_km"]),
                cost_eur_per_tkm=_number(row["cost_eur_per_tkm"]),
                co2e_source=row["co2e_source"],
                cost_source=row["cost_source"],
            )
            for row in csv.DictReader(handle)
        }


@dataclass(frozen=True)
class Estimate:
    mode: Mode
    distance_km: float  # road km, one way
    load_factor: float
    cost_eur_per_t: float
    co2e_kg_per_t: float
    tonnes_per_year: float | None = None
    trips_per_year: int | None = None
    cost_eur_per_year: float | None = None
    co2e_t_per_year: float | None = None


def clamp_load(load_factor: float | None, mode: Mode) -> float:
    if load_factor is None or not math.isfinite(load_factor):
        return mode.reference_load
    return min(max(load_factor, MIN_LOAD), MAX_LOAD)


def estimate(
    distance_km: float,
    mode: str = DEFAULT_MODE,
    *,
    load_factor: float | None = None,
    tonnes_per_year: float | None = None,
) -> Estimate:
    """Cost and CO2e of carrying material `distance_km` (road km) by `mode`, per tonne and, when
    the tonnes per year are known, per year. An unknown mode falls back to DEFAULT_MODE."""
    table = modes()
    chosen = table.get(mode) or table[DEFAULT_MODE]
    load = clamp_load(load_factor, chosen) if chosen.by_vehicle else 1.0
    distance = max(float(distance_km), 0.0)
    co2e_per_t = distance * chosen.co2e_kg_per_tkm * chosen.reference_load / load
    if chosen.by_vehicle:
        carried = chosen.payload_t * load
        cost_per_t = 2 * distance * chosen.cost_eur_per_vehicle_km / carried
    else:
        cost_per_t = distance * chosen.cost_eur_per_tkm
    result = Estimate(chosen, distance, load, cost_per_t, co2e_per_t)
    if tonnes_per_year is None or tonnes_per_year <= 0:
        return result
    if chosen.by_vehicle:
        trips = math.ceil(tonnes_per_year / carried)
        cost_year = trips * 2 * distance * chosen.cost_eur_per_vehicle_km
    else:
        trips, cost_year = None, tonnes_per_year * cost_per_t
    return Estimate(
        chosen,
        distance,
        load,
        cost_per_t,
        co2e_per_t,
        tonnes_per_year=tonnes_per_year,
        trips_per_year=trips,
        cost_eur_per_year=cost_year,
        co2e_t_per_year=tonnes_per_year * co2e_per_t / 1000,
    )


def exchanged_tonnes(flow: Flow, other: Flow, *, other_visible: bool) -> float | None:
    """Tonnes per year moved between `flow` and `other`: the smaller of the two when both are in
    tonnes, `flow`'s alone when `other`'s quantity is confidential to the reader (so the estimate
    never reveals it); None when `flow` is not counted in tonnes."""
    if flow.base_unit != "t" or not flow.yearly_quantity:
        return None
    if other_visible and other.base_unit == "t" and other.yearly_quantity:
        return min(flow.yearly_quantity, other.yearly_quantity)
    return flow.yearly_quantity


# A synergy's transport (Synergy.Transport) -> mode of the estimate; pipe and same site: none.
SYNERGY_MODES = {"truck": "truck", "van": "van", "rail": "rail"}


def synergy_estimate(synergy, user) -> Estimate | None:
    """The transport estimate of a synergy: its recorded transport and tonnes when entered, else
    an articulated truck and the smaller of the flows' quantities the reader may see."""
    from bourseflux.permissions import can_see_quantities

    if synergy.distance_km is None or synergy.transport in ("pipe", "none"):
        return None
    mode = SYNERGY_MODES.get(synergy.transport, DEFAULT_MODE)
    tonnes = synergy.tonnes_per_year
    if tonnes is None and can_see_quantities(user, synergy.need):
        tonnes = exchanged_tonnes(synergy.need, synergy.offer, other_visible=can_see_quantities(user, synergy.offer))
    return estimate(synergy.distance_km, mode, tonnes_per_year=tonnes)
