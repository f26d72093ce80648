"""Quantities normalised to a yearly amount in the base unit of their dimension, so that offers
and needs entered in different units and rhythms can be compared."""

from decimal import Decimal

from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.translation import gettext, gettext_lazy

# unit -> (base unit, factor to the base unit)
UNIT_BASE: dict[str, tuple[str, float]] = {
    "t": ("t", 1.0),
    "kg": ("t", 0.001),
    "m3": ("m3", 1.0),
    "l": ("m3", 0.001),
    "MWh": ("MWh", 1.0),
    "kWh": ("MWh", 0.001),
    "piece": ("piece", 1.0),
    "pallet": ("pallet", 1.0),
    "h": ("h", 1.0),
    "m2": ("m2", 1.0),
}
# Base units as shown after a quantity: symbols, or words in the reader's language (never the
# stored code, such as "piece").
UNIT_SYMBOLS: dict[str, object] = {
    "t": "t",
    "m3": "m³",
    "MWh": "MWh",
    "h": "h",
    "m2": "m²",
    "piece": gettext_lazy("pieces"),
    "pallet": gettext_lazy("pallets"),
}


def unit_label(code: str) -> str:
    """A (base) unit code as readers see it after a quantity."""
    return str(UNIT_SYMBOLS.get(code, code))


# Occurrences per year. A day counts as a working day (250 a year): by-products follow production.
PER_YEAR: dict[str, float] = {"once": 1, "day": 250, "week": 52, "month": 12, "quarter": 4, "year": 1}


def yearly(quantity: Decimal | float | None, unit: str, frequency: str) -> tuple[float | None, str]:
    """(quantity per year in the base unit, base unit); (None, base unit or "") when unknown."""
    base, factor = UNIT_BASE.get(unit, ("", 0.0))
    if quantity is None or not base or frequency not in PER_YEAR:
        return None, base
    return float(quantity) * factor * PER_YEAR[frequency], base


def months_mask(months: list[int] | set[int]) -> int:
    """[9, 10, 11] -> bits of September to November; no month means all year."""
    mask = 0
    for month in months:
        if 1 <= int(month) <= 12:
            mask |= 1 << (int(month) - 1)
    return mask or 4095


ALL_YEAR = 4095  # every month


def months_of(mask: int) -> list[int]:
    return [m for m in range(1, 13) if mask & (1 << (m - 1))]


def _month_name(month: int) -> str:
    name = str(MONTHS[month])
    # French and Italian write month names in lower case inside a sentence.
    return name.lower() if (translation.get_language() or "")[:2] in ("fr", "it") else name


def month_ranges(months: list[int]) -> str:
    """[9, 10, 11] -> "September–November"; [1, 2, 11, 12] -> "November–February" (wrapping)."""
    chosen = sorted(set(months))
    if not chosen:
        return ""
    if len(chosen) == 12:
        return gettext("all year")
    # Start a run at a chosen month whose previous month (cyclically) is not chosen.
    runs = []
    for m in chosen:
        if ((m - 2) % 12) + 1 not in chosen:
            end = m
            while (end % 12) + 1 in chosen:
                end = (end % 12) + 1
            runs.append((m, end))
    parts = [_month_name(a) if a == b else f"{_month_name(a)}–{_month_name(b)}" for a, b in runs]
    return ", ".join(parts)
