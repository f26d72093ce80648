"""What synergies achieved, counted one way for the funnel, the indicators and the reports.

- A synergy counts at every stage it reached: its stage history (`SynergyStageChange`) says when
  it entered each stage, so "reached in a period" means "entered in the period".
- Its tonnes, CO2e and euros are the actual quantities of its transaction whose period starts in
  the period, as soon as one actual quantity is recorded; before that, the estimate entered with
  its impact (yearly tonnes and CO2e, counted while it is implemented) and no euros (euros are
  what the parties really paid at the agreed price).

Dates are inclusive `date`s in the portal's time zone; no dates means all time.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from bourseflux.models import ActualQuantity, Synergy, SynergyStageChange

Stage = Synergy.Stage
STAGES = [Stage.PROPOSED, Stage.DISCUSSION, Stage.TRIAL, Stage.IMPLEMENTED, Stage.ABANDONED]


@dataclass
class Figures:
    tonnes: float = 0.0
    co2e: float = 0.0
    eur: Decimal = field(default_factory=lambda: Decimal("0"))

    def add(self, other: "Figures") -> None:
        self.tonnes += other.tonnes
        self.co2e += other.co2e
        self.eur += other.eur


@dataclass
class StageFigures(Figures):
    synergies: int = 0


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


def reached(queryset: QuerySet[Synergy], start: date | None = None, end: date | None = None) -> dict[str, set[int]]:
    """{stage: ids of the synergies of `queryset` that entered that stage (in the period)}."""
    changes = SynergyStageChange.objects.filter(synergy__in=queryset.order_by().values("pk"))
    if start and end:
        low, high = _bounds(start, end)
        changes = changes.filter(at__gte=low, at__lt=high)
    stages: dict[str, set[int]] = {s: set() for s in STAGES}
    for stage, synergy_id in changes.order_by().values_list("to_stage", "synergy_id").distinct():
        stages.setdefault(stage, set()).add(synergy_id)
    return stages


def figures(synergy_ids: Iterable[int], start: date | None = None, end: date | None = None) -> dict[int, Figures]:
    """{synergy id: its figures in the period}: actual quantities when it has any, else its estimate."""
    ids = set(synergy_ids)
    result = {pk: Figures() for pk in ids}
    if not ids:
        return result
    actuals = ActualQuantity.objects.filter(transaction__synergy_id__in=ids)
    measured = set(actuals.order_by().values_list("transaction__synergy_id", flat=True).distinct())
    if start and end:
        actuals = actuals.filter(period_start__gte=start, period_start__lte=end)
    for row in (
        actuals.order_by()
        .values("transaction__synergy_id")
        .annotate(tonnes=Sum("tonnes"), co2e=Sum("co2e_avoided_t"), eur=Sum("amount_eur"))
    ):
        result[row["transaction__synergy_id"]] = Figures(
            float(row["tonnes"] or 0), float(row["co2e"] or 0), row["eur"] or Decimal("0")
        )
    estimated = Synergy.objects.filter(pk__in=ids - measured, stage=Stage.IMPLEMENTED).values_list(
        "pk", "tonnes_per_year", "co2e_avoided_t"
    )
    for pk, tonnes, co2e in estimated:
        result[pk] = Figures(float(tonnes or 0), float(co2e or 0))
    return result


def stage_figures(
    queryset: QuerySet[Synergy], start: date | None = None, end: date | None = None
) -> dict[str, StageFigures]:
    """{stage: synergies that reached it in the period, with the sum of their figures}."""
    stages = reached(queryset, start, end)
    per_synergy = figures(set().union(*stages.values()), start, end)
    rows = {}
    for stage, ids in stages.items():
        row = StageFigures(synergies=len(ids))
        for pk in ids:
            row.add(per_synergy[pk])
        rows[stage] = row
    return rows


def grouped(
    stages: dict[str, set[int]], per_synergy: dict[int, Figures], groups: dict[int, Iterable]
) -> dict[object, dict[str, StageFigures]]:
    """{group: {stage: figures}} where `groups` maps a synergy to the groups it counts in."""
    rows: dict[object, dict[str, StageFigures]] = defaultdict(lambda: {s: StageFigures() for s in STAGES})
    for stage, ids in stages.items():
        for pk in ids:
            for key in groups.get(pk, ()):
                row = rows[key][stage]
                row.synergies += 1
                row.add(per_synergy[pk])
    return rows


def in_territory(territory) -> Q:
    """Synergies with either flow in `territory` (a country, region or department Territory)."""
    from bourseflux.indicators import _synergy_territory

    return _synergy_territory(territory)
