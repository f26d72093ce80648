"""Every figure of a report, collected from live records for a reporting period.

`collect()` returns a plain, JSON-serialisable dict: the frozen snapshot stored on the Report.
The PDF and XLSX are rendered from that dict only, so a report rendered again later shows the
numbers it had when it was made. Amounts are strings of decimals ("1234.50") so that nothing is
lost to floating point; content (work package names…) is stored in the report's language,
interface labels (categories, statuses) are translated when the files are rendered.

The number of queries is constant: it depends on the number of sources, not on the data.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from circuito import indicators
from circuito.accounts.models import Organisation
from circuito.translated import text_and_language
from reporting import periods
from reporting.models import (
    CostCategory,
    Meeting,
    MonitoringEntry,
    MonitoringReport,
    Project,
    Report,
)
from reporting.progress import Calculator, structure_queryset
from reporting.selectors_expenditure import partner_figures

VERSION = 1
ZERO = Decimal("0.00")

# Sections of sources shown side by side, period and cumulative: (section, [(key, source key)]).
FOCUS_GROUP_STUDIES = ("3.2", "3.3", "5.2")
COMMUNICATION = [
    ("events", "tierslieux.events"),
    ("open_innovation_events", "tierslieux.events.open_innovation"),
    ("training_events", "tierslieux.events.training"),
    ("b2b_meetings", "tierslieux.b2b_meetings"),
    ("referent_seminars", "tierslieux.seminars"),
    ("awareness_meetings", "bourseflux.awareness_meetings"),
]
PLATFORMS = [
    ("places", "tierslieux.places"),
    ("referents_trained", "tierslieux.referents_trained"),
    ("flows_mapped", "bourseflux.flows_mapped"),
    ("synergies_implemented", "bourseflux.synergies_implemented"),
]
# (section, indicator key) read by name: `manage.py check` requires each of them registered.
SECTION_SOURCES = [
    *(("focus_groups", f"focusgroups.held.{s}") for s in FOCUS_GROUP_STUDIES),
    *(("communication", key) for _name, key in COMMUNICATION),
    *(("platforms", key) for _name, key in PLATFORMS),
]


@dataclass(frozen=True)
class ReportPeriod:
    """The span a report covers, and the semesters (expenditure periods) inside it."""

    kind: str
    index: int | None
    start: datetime.date
    end: datetime.date
    first_month: int
    last_month: int
    semesters: tuple[int, ...]

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "index": self.index,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "first_month": self.first_month,
            "last_month": self.last_month,
            "semesters": list(self.semesters),
        }


def report_period(kind: str, index: int | None = None) -> ReportPeriod | None:
    """The period of a report of `kind`: a semester (semestrial), a calendar year (annual), from
    the start to the end of a semester (intermediate), the whole project (final). None when
    `index` names no such period."""
    all_semesters = periods.semesters()
    if not all_semesters:
        return None
    if kind == Report.Kind.FINAL:
        first, last = all_semesters[0], all_semesters[-1]
        return ReportPeriod(
            kind, None, first.start, last.end, 1, last.last_month, tuple(s.index for s in all_semesters)
        )
    if kind == Report.Kind.ANNUAL:
        year = next((y for y in periods.years() if y.index == index), None)
        if year is None:
            return None
        inside = tuple(
            s.index for s in all_semesters if s.first_month <= year.last_month and s.last_month >= year.first_month
        )
        return ReportPeriod(kind, index, year.start, year.end, year.first_month, year.last_month, inside)
    # Reports cover the calendar's current edition: its periods only.
    semester = next((s for s in all_semesters if s.index == index), None) if index else None
    if semester is None:
        return None
    if kind == Report.Kind.INTERMEDIATE:
        inside = tuple(s.index for s in all_semesters if s.index <= semester.index)
        return ReportPeriod(kind, index, all_semesters[0].start, semester.end, 1, semester.last_month, inside)
    if kind == Report.Kind.SEMESTRIAL:
        return ReportPeriod(
            kind, index, semester.start, semester.end, semester.first_month, semester.last_month, (semester.index,)
        )
    return None


def _text(obj, field: str, language: str) -> str:
    return text_and_language(obj, field, language)[0]


def _number(value):
    """Source values as JSON numbers (None stays None: "not available")."""
    if value is None:
        return None
    return float(value) if isinstance(value, float | Decimal) and value != int(value) else int(value)


def _money(value) -> str:
    return str((value or ZERO).quantize(Decimal("0.01")))


# --- sections --------------------------------------------------------------------------------


def _structure(in_period: Calculator, cumulative: Calculator, language: str) -> tuple[list, list]:
    work_packages = []
    structure = list(structure_queryset())
    for wp_progress in cumulative.structure(structure):
        wp = wp_progress.work_package
        activities = []
        for act_progress in wp_progress.activities:
            activity = act_progress.activity
            deliverables = []
            for progress in act_progress.deliverables:
                d = progress.deliverable
                current = in_period.deliverable(d).achieved
                deliverables.append(
                    {
                        "id": d.pk,
                        "name": _text(d, "name", language),
                        "kind": d.kind,
                        "source": d.source,
                        "target": progress.target,
                        "achieved_period": _number(current),
                        "achieved": _number(progress.achieved),
                        "status": progress.status,
                        "due_month": progress.due_month,
                        "responsible": d.responsible.partner_code if d.responsible else "",
                    }
                )
            activities.append(
                {
                    "code": activity.code,
                    "name": _text(activity, "name", language),
                    "first_month": activity.first_month,
                    "last_month": activity.last_month,
                    "deliverables": deliverables,
                }
            )
        work_packages.append(
            {
                "code": wp.code,
                "name": _text(wp, "name", language),
                "lead": wp.lead.partner_code if wp.lead else "",
                "first_month": wp.start_month,
                "last_month": wp.end_month,
                "activities": activities,
            }
        )
    programme = []
    for row in cumulative.indicators():
        indicator = row["indicator"]
        current = in_period.source(indicator.source) if indicator.source else None
        programme.append(
            {
                "code": indicator.code,
                "kind": indicator.kind,
                "name": _text(indicator, "name", language),
                "target": row["target"],
                "achieved_period": _number(current),
                "achieved": _number(row["achieved"]),
                "breakdown": [
                    {"key": b["key"], "target": b["target"], "achieved": _number(b["achieved"])}
                    for b in row["breakdown"]
                ],
            }
        )
    return work_packages, programme


def _source_rows(pairs, in_period: Calculator, cumulative: Calculator) -> list[dict]:
    """Values of sources over the period and since the start (each source read once per span:
    the calculators keep what deliverables and indicators already asked for)."""
    return [
        {
            "key": key,
            "period": _number(in_period.source(source)),
            "cumulative": _number(cumulative.source(source)),
        }
        for key, source in pairs
    ]


def _registered(in_period: Calculator, cumulative: Calculator, language: str) -> list[dict]:
    """Every indicator the apps registered, over the period and since the start."""
    return [
        {
            "key": indicator.key,
            "app": indicator.app,
            "label": indicator.label(language),
            "unit": indicator.unit,
            "period": _number(in_period.source(indicator.key)),
            "cumulative": _number(cumulative.source(indicator.key)),
        }
        for indicator in indicators.registered()
    ]


def _committees(period: ReportPeriod) -> dict:
    meetings = Meeting.objects.filter(date__gte=period.start, date__lte=period.end).order_by("date", "pk")
    today = periods.today()
    project_start = periods.month_start(1)
    # Held: dated on or before today (a planned meeting of a running period is listed, not counted).
    counts = Meeting.objects.filter(date__lte=min(period.end, today)).aggregate(
        in_person=Count("pk", filter=Q(kind=Meeting.Kind.IN_PERSON)),
        videoconference=Count("pk", filter=Q(kind=Meeting.Kind.VIDEOCONFERENCE)),
        in_person_period=Count("pk", filter=Q(kind=Meeting.Kind.IN_PERSON, date__gte=period.start)),
        videoconference_period=Count("pk", filter=Q(kind=Meeting.Kind.VIDEOCONFERENCE, date__gte=period.start)),
    )
    return {
        "meetings": [
            {
                "kind": m.kind,
                "number": m.number,
                "city": m.city,
                "date": m.date.isoformat(),
                "month": periods.project_month(m.date, project_start),
                "held": m.date <= today,
                "minutes_approved": m.is_approved,
            }
            for m in meetings
        ],
        "counts": counts,
    }


def _expenditure(period: ReportPeriod) -> dict:
    """Declared expenditure per partner and category: budget, previous periods, this report's
    periods, cumulative (Jems' previous / current / cumulative columns). Drafts never count.
    Built on the expenditure selectors: cumulative up to the report's last semester, minus what
    was declared before its first one."""
    first = min(period.semesters) if period.semesters else 1
    last = max(period.semesters) if period.semesters else 0
    cumulative = partner_figures(up_to_period=last)
    previous = {f.partner.pk: f for f in partner_figures(up_to_period=first - 1)} if first > 1 else {}
    result = []
    totals = {"budget": ZERO, "previous": ZERO, "current": ZERO, "cumulative": ZERO, "erdf": ZERO}
    for figures in cumulative:
        before = previous.get(figures.partner.pk)
        categories = []
        for index, category in enumerate(figures.categories):
            earlier = before.categories[index].declared if before else ZERO
            values = {
                "budget": category.budget,
                "previous": earlier,
                "current": category.declared - earlier,
                "cumulative": category.declared,
            }
            categories.append(
                {
                    "category": category.category,
                    **{name: _money(value) for name, value in values.items()},
                    "over_budget": category.declared > category.budget,
                }
            )
        partner_totals = {
            name: sum((Decimal(c[name]) for c in categories), ZERO)
            for name in ("budget", "previous", "current", "cumulative")
        }
        partner_totals["erdf"] = (partner_totals["cumulative"] * figures.erdf_rate).quantize(ZERO)
        for name, value in partner_totals.items():
            totals[name] += value
        result.append(
            {
                "code": figures.partner.partner_code,
                "name": figures.partner.legal_name,
                "erdf_rate": str(figures.erdf_rate),
                "categories": categories,
                **{name: _money(value) for name, value in partner_totals.items()},
            }
        )
    by_category = []
    for index, category in enumerate(CostCategory.values):
        sums = {
            name: sum((Decimal(p["categories"][index][name]) for p in result), ZERO)
            for name in ("budget", "previous", "current", "cumulative")
        }
        by_category.append({"category": category, **{name: _money(value) for name, value in sums.items()}})
    return {
        "partners": result,
        "categories": by_category,
        "totals": {name: _money(value) for name, value in totals.items()},
    }


def _monitoring(period: ReportPeriod) -> dict:
    entries = (
        MonitoringEntry.objects.filter(
            report__status=MonitoringReport.Status.SUBMITTED, report__period__in=period.semesters
        )
        .exclude(problems="", corrective_actions="")
        .select_related("report__partner", "work_package")
        .order_by("report__period", "report__partner__partner_code", "work_package__order", "work_package__code")
    )
    submitted = set(
        MonitoringReport.objects.filter(
            status=MonitoringReport.Status.SUBMITTED, period__in=period.semesters
        ).values_list("partner__partner_code", "period")
    )
    codes = list(
        Organisation.objects.filter(kind=Organisation.Kind.PARTNER)
        .order_by("partner_code")
        .values_list("partner_code", flat=True)
    )
    return {
        "entries": [
            {
                "period": e.report.period,
                "partner": e.report.partner.partner_code,
                "work_package": e.work_package.code,
                "problems": e.problems,
                "corrective_actions": e.corrective_actions,
            }
            for e in entries
        ],
        "missing": [
            {"period": semester, "partner": code}
            for semester in period.semesters
            for code in codes
            if (code, semester) not in submitted
        ],
    }


def collect(kind: str, index: int | None, language: str) -> dict:
    """The snapshot of a report of `kind` for period `index`, in `language` ("fr" or "it")."""
    period = report_period(kind, index)
    if period is None:
        raise ValueError(f"No {kind} period {index}")
    # Deliverable status as it stood at the end of the period (or today, for a running one).
    month = min(period.last_month, max(periods.current_month(), 0))
    project = Project.objects.order_by("pk").first()
    start = periods.month_start(1)
    in_period = Calculator(period.start, period.end, month)
    cumulative = Calculator(start, period.end, month)
    work_packages, programme_indicators = _structure(in_period, cumulative, language)
    return {
        "version": VERSION,
        "language": language,
        "generated_at": timezone.localtime().isoformat(),
        "project": {
            "acronym": project.acronym if project else "CIRCUITO",
            "title": _text(project, "title", language) if project else "",
            "programme": project.programme if project else "",
            "start": start.isoformat(),
        },
        "period": {**period.as_dict(), "status_month": month},
        "work_packages": work_packages,
        "indicators": programme_indicators,
        "registered": _registered(in_period, cumulative, language),
        "focus_groups": _source_rows(
            [(s, f"focusgroups.held.{s}") for s in FOCUS_GROUP_STUDIES], in_period, cumulative
        ),
        "committees": _committees(period),
        "communication": _source_rows(COMMUNICATION, in_period, cumulative),
        "platforms": _source_rows(PLATFORMS, in_period, cumulative),
        "expenditure": _expenditure(period),
        "monitoring": _monitoring(period),
    }
