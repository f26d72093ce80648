"""Where the project stands: achieved values of deliverables and indicators, computed from the
manual evidence or from the live records behind a source, and a status against the due month.
Also read by the report generation, which freezes these figures."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from circuito.accounts.models import Organisation
from reporting import periods, sources
from reporting.models import Activity, Deliverable, DeliverableEvidence, Indicator, WorkPackage

DONE, ON_TRACK, LATE, NOT_STARTED, UNKNOWN = "done", "on_track", "late", "not_started", "unknown"
STATUS_LABELS = {
    DONE: _("Done"),
    ON_TRACK: _("On track"),
    LATE: _("Late"),
    NOT_STARTED: _("Not started"),
    UNKNOWN: _("Not available"),
}
STATUS_CLASSES = {
    DONE: "text-bg-success",
    ON_TRACK: "text-bg-primary",
    LATE: "text-bg-danger",
    NOT_STARTED: "text-bg-secondary",
    UNKNOWN: "text-bg-light",
}


@dataclass
class DeliverableProgress:
    deliverable: Deliverable
    target: int
    achieved: int | float | None
    status: str
    due_month: int

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def status_class(self) -> str:
        return STATUS_CLASSES[self.status]

    @property
    def percent(self) -> int:
        if not self.target or self.achieved is None:
            return 0
        return min(100, round(100 * self.achieved / self.target))


@dataclass
class ActivityProgress:
    activity: Activity
    deliverables: list[DeliverableProgress] = field(default_factory=list)


@dataclass
class WorkPackageProgress:
    work_package: WorkPackage
    activities: list[ActivityProgress] = field(default_factory=list)

    @property
    def done(self) -> int:
        return sum(1 for a in self.activities for d in a.deliverables if d.status == DONE)

    @property
    def total(self) -> int:
        return sum(len(a.deliverables) for a in self.activities)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def structure_queryset() -> QuerySet[WorkPackage]:
    """Work packages with everything the overview shows, in a constant number of queries."""
    return WorkPackage.objects.select_related("lead").prefetch_related(
        "excluded_partners",
        Prefetch(
            "activities",
            queryset=Activity.objects.select_related("lead").prefetch_related(
                "excluded_partners",
                Prefetch("deliverables", queryset=Deliverable.objects.select_related("responsible").order_by("order")),
            ),
        ),
    )


def _status(achieved, target: int, first_month: int, due_month: int, month: int) -> str:
    if achieved is None:
        return UNKNOWN
    if achieved >= target:
        return DONE
    if month > due_month:
        return LATE
    if month < first_month:
        return NOT_STARTED
    return ON_TRACK


class Calculator:
    """Computes achieved values over [start, end] (the whole project to date by default),
    each source and the evidence sums read once."""

    def __init__(self, start: date | None = None, end: date | None = None, month: int | None = None) -> None:
        bounds = periods.semesters()
        self.start = start or (bounds[0].start if bounds else periods.DEFAULT_START)
        self.end = end or min(periods.today(), bounds[-1].end if bounds else periods.today())
        self.month = periods.current_month() if month is None else month
        self._sources: dict[str, object] = {}
        self._evidence: dict[int, int] | None = None
        self._partners: int | None = None

    def source(self, key: str):
        if key not in self._sources:
            self._sources[key] = sources.compute(key, self.start, self.end)
        return self._sources[key]

    def evidence(self, deliverable_id: int) -> int:
        if self._evidence is None:
            rows = (
                DeliverableEvidence.objects.filter(date__gte=self.start, date__lte=self.end)
                .order_by()
                .values_list("deliverable_id")
                .annotate(total=Sum("count"))
            )
            self._evidence = dict(rows)
        return self._evidence.get(deliverable_id, 0)

    def partner_count(self) -> int:
        if self._partners is None:
            self._partners = Organisation.objects.filter(kind=Organisation.Kind.PARTNER).count()
        return self._partners

    def target(self, deliverable: Deliverable) -> int:
        if not deliverable.per_partner:
            return deliverable.target_count
        activity = deliverable.activity
        excluded = {o.pk for o in activity.excluded_partners.all()} | {
            o.pk for o in activity.work_package.excluded_partners.all()
        }
        return deliverable.target_count * max(1, self.partner_count() - len(excluded))

    def deliverable(self, deliverable: Deliverable) -> DeliverableProgress:
        achieved = self.evidence(deliverable.pk) if deliverable.is_manual else self.source(deliverable.source)
        target = self.target(deliverable)
        due = deliverable.effective_due_month
        status = _status(achieved, target, deliverable.activity.first_month, due, self.month)
        return DeliverableProgress(deliverable, target, achieved, status, due)

    def structure(self, work_packages: Iterable[WorkPackage] | None = None) -> list[WorkPackageProgress]:
        result = []
        for wp in work_packages if work_packages is not None else structure_queryset():
            wp_progress = WorkPackageProgress(wp)
            for activity in wp.activities.all():
                activity.work_package = wp  # avoid a query per activity for inherited months
                act_progress = ActivityProgress(activity)
                for deliverable in activity.deliverables.all():
                    deliverable.activity = activity
                    act_progress.deliverables.append(self.deliverable(deliverable))
                wp_progress.activities.append(act_progress)
            result.append(wp_progress)
        return result

    def indicator(self, indicator: Indicator) -> dict:
        achieved = self.source(indicator.source) if indicator.source else None
        breakdown = sources.breakdown(indicator.source, self.start, self.end) if indicator.source else {}
        return {
            "indicator": indicator,
            "target": indicator.target,
            "achieved": achieved,
            "breakdown": [
                {
                    "key": key,
                    "label": sources.group_label(indicator.source, key),
                    "target": indicator.breakdown.get(key),
                    "achieved": breakdown.get(key),
                }
                for key in dict.fromkeys([*indicator.breakdown, *breakdown])
            ],
        }

    def indicators(self) -> list[dict]:
        return [self.indicator(i) for i in Indicator.objects.all()]


@dataclass
class Standing:
    """Where the project stands today: progress by work package and the indicators, computed with
    one calculator so that each source is read once. Shared by the workspace index and the
    dashboard panel, so both show the same figures as the structure page."""

    progress: list[WorkPackageProgress]
    indicators: list[dict]
    month: int

    @property
    def counts(self) -> dict[str, int]:
        """Number of deliverables per status, every status present (zero included)."""
        counts = dict.fromkeys(STATUS_LABELS, 0)
        for wp in self.progress:
            for activity in wp.activities:
                for deliverable in activity.deliverables:
                    counts[deliverable.status] += 1
        return counts


def standing(calculator: Calculator | None = None) -> Standing:
    calculator = calculator or Calculator()
    return Standing(calculator.structure(), calculator.indicators(), calculator.month)
