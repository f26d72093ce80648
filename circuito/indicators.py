"""Which indicators the portal can count, and how. Every app registers the functions that count
its evidence for a period when it starts (in its AppConfig.ready(), like the jobs registry);
reporting reads them from here only, so a figure in a report is always traceable to live records,
and a deliverable or indicator pointing at a key nobody registered fails `manage.py check`::

    from circuito.indicators import register

    register(
        "bourseflux.flows_mapped",
        app="bourseflux",
        label_fr="Flux cartographiés sur la bourse des flux",
        label_it="Flussi mappati sulla borsa dei flussi",
        count=flows_count,          # count(start, end, territory=None) -> number
        by_partner=flows_partners,  # optional: (start, end) -> {partner code: number}
    )

Dates are inclusive `date`s. A count that takes `territory=` (a circuito.geo Territory: a country,
a region or a department/province) gets its breakdowns by country and by ALCOTRA region from the
registry; `by_partner` attributes the evidence to project partners (an implementing body's to its
delegating partner, other organisations to OTHER); `breakdowns` adds an app's own dimensions
(e.g. participants per actor category) as named `Dimension`s with their labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

Number = int | float | None
Count = Callable[..., Number]
Breakdown = Callable[[date, date], dict[str, Number]]

COUNT, PEOPLE, ORGANISATIONS, TONNES_PER_YEAR = "count", "people", "organisations", "tonnes_per_year"
TONNES_CO2E, EUR = "tonnes_co2e", "eur"
UNITS = {
    COUNT: _("number"),
    PEOPLE: _("people"),
    ORGANISATIONS: _("organisations"),
    TONNES_PER_YEAR: _("tonnes per year"),
    TONNES_CO2E: _("tonnes CO2e"),
    EUR: _("euros"),
}
COUNTRY, TERRITORY, PARTNER = "country", "territory", "partner"
DIMENSIONS = {COUNTRY: _("Country"), TERRITORY: _("Region"), PARTNER: _("Partner")}
OTHER = "other"  # evidence of an organisation that is not a project partner


@dataclass(frozen=True)
class Dimension:
    """An app's own breakdown: the function, its name and the names of its groups."""

    count: Breakdown
    label: Any  # a (lazy) translated text
    labels: Mapping[str, Any] = field(default_factory=dict)

    def group_label(self, key: str) -> str:
        return str(self.labels.get(key, key))


@dataclass(frozen=True)
class Indicator:
    key: str
    app: str
    label_fr: str
    label_it: str
    count: Count
    unit: str = COUNT
    territorial: bool = True  # `count` accepts territory=
    by_partner: Breakdown | None = None
    breakdowns: Mapping[str, Dimension] = field(default_factory=dict)

    def label(self, language: str) -> str:
        return self.label_it if language == "it" else self.label_fr

    @property
    def dimensions(self) -> list[str]:
        """The breakdowns this indicator has, in the order reports show them."""
        names = [COUNTRY, TERRITORY] if self.territorial else []
        return [*names, *([PARTNER] if self.by_partner else []), *self.breakdowns]


_registry: dict[str, Indicator] = {}


def register(
    key: str,
    *,
    app: str,
    label_fr: str,
    label_it: str,
    count: Count,
    unit: str = COUNT,
    territorial: bool = True,
    by_partner: Breakdown | None = None,
    breakdowns: Mapping[str, Dimension] | None = None,
) -> Indicator:
    """Register (or register again, when an app starts twice) the indicator `key`."""
    if unit not in UNITS:
        raise ValueError(f"Indicator {key!r}: unknown unit {unit!r} (one of {', '.join(UNITS)})")
    existing = _registry.get(key)
    if existing is not None and existing.app != app:
        raise ValueError(f"Indicator {key!r} is already registered by {existing.app!r}")
    indicator = Indicator(key, app, label_fr, label_it, count, unit, territorial, by_partner, dict(breakdowns or {}))
    _registry[key] = indicator
    return indicator


def get(key: str) -> Indicator | None:
    return _registry.get(key)


def is_registered(key: str) -> bool:
    return key in _registry


def registered() -> list[Indicator]:
    """Every registered indicator, by app then key."""
    return sorted(_registry.values(), key=lambda i: (i.app, i.key))


def value(key: str, start: date, end: date) -> Number:
    """The indicator's value over [start, end]; None when nobody registered `key`."""
    indicator = _registry.get(key)
    return indicator.count(start, end) if indicator else None


def territories() -> tuple[list[Any], list[Any]]:
    """(countries, ALCOTRA regions) the territorial breakdowns run over (two queries)."""
    from circuito.geo.models import Territory

    countries = list(Territory.objects.filter(level=Territory.Level.COUNTRY).order_by("country"))
    regions = list(Territory.objects.filter(level=Territory.Level.REGION, in_alcotra=True).order_by("country", "code"))
    return countries, regions


def territory_key(territory: Any) -> str:
    """ "FR" for a country, "FR-93" for a region or a department: unique across the two countries."""
    return territory.country if territory.level == "country" else f"{territory.country}-{territory.code}"


def breakdowns(
    key: str, start: date, end: date, *, places: tuple[list[Any], list[Any]] | None = None
) -> dict[str, dict[str, Number]]:
    """{dimension: {group key: value}} for every breakdown of the indicator over [start, end].
    `places`: territories() read once by a caller that breaks down many indicators."""
    indicator = _registry.get(key)
    if indicator is None:
        return {}
    result: dict[str, dict[str, Number]] = {}
    if indicator.territorial:
        countries, regions = places if places is not None else territories()
        result[COUNTRY] = {territory_key(t): indicator.count(start, end, territory=t) for t in countries}
        result[TERRITORY] = {territory_key(t): indicator.count(start, end, territory=t) for t in regions}
    if indicator.by_partner is not None:
        result[PARTNER] = indicator.by_partner(start, end)
    for name, dimension in indicator.breakdowns.items():
        result[name] = dimension.count(start, end)
    return result


def dimension_label(indicator: Indicator, name: str) -> str:
    dimension = indicator.breakdowns.get(name)
    return str(dimension.label if dimension is not None else DIMENSIONS.get(name, name))


def count_by_partner(queryset: Any, organisation: str) -> dict[str, int]:
    """Rows of `queryset` per project partner of their `organisation` field (a lookup path): an
    implementing body's rows count for its delegating partner, any other organisation's as OTHER."""
    from django.db.models import Count as Aggregate

    fields = [f"{organisation}__{name}" for name in ("kind", "partner_code", "delegating_partner__partner_code")]
    rows = queryset.order_by().values(*fields).annotate(n=Aggregate("pk", distinct=True))
    return _partner_totals((*(row[f] for f in fields), row["n"]) for row in rows)


def _partner_totals(rows: Iterable[tuple[str, str, str | None, int]]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for kind, code, delegating, n in rows:
        if kind == "partner" and code:
            group = code
        elif kind == "implementing_body" and delegating:
            group = delegating
        else:
            group = OTHER
        totals[group] = totals.get(group, 0) + n
    return totals
