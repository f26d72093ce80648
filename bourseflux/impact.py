"""Impact of implemented synergies: CO2e avoided, and the totals facilitators follow.

Method (written out on the page `bourseflux:impact_method`):

    CO2e avoided (t/yr) = tonnes/yr × disposal factor of the material (kg CO2e/t) / 1000
                          − tonnes/yr × road km × transport factor (kg CO2e/t·km) / 1000

The disposal factor is what sending the material to landfill emits, minus what its recovery
(composting, recycling) emits. Both factor tables are rounded values of the UK Government GHG
Conversion Factors for Company Reporting 2023 (DESNZ/DEFRA), worksheets "Waste disposal" and
"Freighting goods" (Open Government Licence v3.0). They exclude the benefit of replacing a virgin
material, so the result is a conservative estimate: a plastics or metals synergy only shows the
transport it causes. Results are estimates, not a carbon audit.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from bourseflux.matching.rules import DETOUR_FACTOR  # the matching's factor: same distance on both pages
from circuito.geo.distance import haversine_km

__all__ = ["DETOUR_FACTOR", "co2e_avoided_t", "compute_impact", "road_distance_km"]

FACTOR_SOURCE = (
    "UK Government GHG Conversion Factors for Company Reporting 2023 (DESNZ / DEFRA), "
    "worksheets “Waste disposal” and “Freighting goods”, Open Government Licence v3.0"
)
FACTOR_SOURCE_URL = "https://www.gov.uk/government/publications/greenhouse-gas-reporting-conversion-factors-2023"


@dataclass(frozen=True)
class DisposalFactor:
    keywords: tuple[str, ...]  # matched against the top material category's code
    label: object
    landfill: float  # kg CO2e per tonne sent to landfill
    recovery: float  # kg CO2e per tonne composted or recycled

    @property
    def avoided(self) -> float:
        # Never below zero: when recovery emits more than landfill, we count no disposal benefit.
        return max(self.landfill - self.recovery, 0.0)


# One table, one source (see FACTOR_SOURCE): landfill factor vs the recovery route of the material.
DISPOSAL_FACTORS: tuple[DisposalFactor, ...] = (
    DisposalFactor(("organic", "agri", "food", "bio"), _("Organic and agri-food (landfill vs composting)"), 650.0, 9.0),
    DisposalFactor(("wood",), _("Wood (landfill vs recycling)"), 830.0, 21.0),
    DisposalFactor(("paper", "cardboard"), _("Paper and cardboard (landfill vs recycling)"), 1040.0, 21.0),
    DisposalFactor(("textile",), _("Textiles (landfill vs recycling)"), 445.0, 21.0),
    DisposalFactor(("plastic", "rubber"), _("Plastics and rubber (landfill vs recycling)"), 9.0, 21.0),
    DisposalFactor(("metal",), _("Metals (landfill vs recycling)"), 9.0, 21.0),
    DisposalFactor(
        ("mineral", "rubble", "inert", "glass"), _("Minerals, rubble, glass (landfill vs recycling)"), 1.0, 1.0
    ),
)
# Energy, water, chemicals, capacity and anything not in the table: no disposal benefit counted.
NO_FACTOR = DisposalFactor((), _("Other materials, energy, water, capacity (not counted)"), 0.0, 0.0)

# kg CO2e per tonne·km of goods carried (same source, "Freighting goods").
TRANSPORT_FACTORS: dict[str, float] = {
    "truck": 0.107,  # HGV, all diesel, average laden
    "van": 0.600,  # average van up to 3.5 t
    "rail": 0.028,  # freight train
    "pipe": 0.0,  # pumping energy not counted
    "none": 0.0,  # same site
}

MAX_TONNES_PER_YEAR = 1_000_000.0  # above this a figure is a typing error, not a synergy
MAX_DISTANCE_KM = 3_000.0


def road_distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Road distance estimate between two points: great circle × DETOUR_FACTOR."""
    return haversine_km(lat1, lon1, lat2, lon2) * DETOUR_FACTOR


def disposal_factor(category_code: str | None) -> DisposalFactor:
    code = (category_code or "").lower()
    for factor in DISPOSAL_FACTORS:
        if any(word in code for word in factor.keywords):
            return factor
    return NO_FACTOR


def transport_factor(transport: str | None) -> float:
    return TRANSPORT_FACTORS.get(transport or "none", TRANSPORT_FACTORS["truck"])


@dataclass(frozen=True)
class Impact:
    disposal_avoided_t: float
    transport_t: float

    @property
    def co2e_avoided_t(self) -> float:
        return self.disposal_avoided_t - self.transport_t


def compute_impact(
    tonnes_per_year: float, category_code: str | None, transport: str | None, distance_km: float | None
) -> Impact:
    """Both terms in tonnes CO2e per year (may be negative overall when transport outweighs)."""
    tonnes = float(tonnes_per_year or 0)
    disposal = tonnes * disposal_factor(category_code).avoided / 1000
    moved = tonnes * float(distance_km or 0) * transport_factor(transport) / 1000
    return Impact(disposal_avoided_t=disposal, transport_t=moved)


def co2e_avoided_t(
    tonnes_per_year: float, category_code: str | None, transport: str | None, distance_km: float | None
) -> float:
    return round(compute_impact(tonnes_per_year, category_code, transport, distance_km).co2e_avoided_t, 3)
