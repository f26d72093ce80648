"""Every figure of a report, collected from live records for a reporting period, shaped like an
Interreg (Jems) progress report: per work package the activities with the partners' progress
narrative, deliverables with previous / current / cumulative values and what changed since the
last report; the programme's indicators and every indicator the apps registered, with their
breakdowns; target groups reached; steering committee; expenditure; problems and corrective
actions; annexes.

`collect()` returns a plain, JSON-serialisable dict: the frozen snapshot stored on the Report.
The PDF and XLSX are rendered from that dict only, so a report rendered again later shows the
numbers it had when it was made. Amounts are strings of decimals ("1234.50") so that nothing is
lost to floating point; content (work package names, narratives…) is stored in the report's
language, interface labels (categories, statuses) are translated when the files are rendered.

"Previous" runs from the start of the calendar's current edition to the day before the period,
"current" is the period, "cumulative" from the edition's start to the period's end. The number of
queries is constant: it depends on the number of sources and territories, not on the data.
"""

import datetime
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from circuito import indicators
from circuito.geo.models import Country
from circuito.translated import text_and_language
from reporting import figures_sections as sections
from reporting import periods
from reporting.figures_sections import ReportPeriod
from reporting.models import Deliverable, Project, Report
from reporting.progress import Calculator, structure_queryset

VERSION = 2

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
# The figures the report opens with (each the sum of its indicators), then the expenditure.
KEY_FIGURES = [
    ("places", ("tierslieux.places",)),
    ("flows_mapped", ("bourseflux.flows_mapped",)),
    ("synergies_implemented", ("bourseflux.synergies_implemented",)),
    ("focus_groups", tuple(f"focusgroups.held.{s}" for s in FOCUS_GROUP_STUDIES)),
    ("referent_seminars", ("tierslieux.seminars",)),
    ("events", ("tierslieux.events",)),
    ("committees", ("committees.in_person", "committees.videoconference")),
]
# People and organisations the project reached (the programme's target groups).
TARGET_GROUPS = [
    "focusgroups.participants",
    "focusgroups.questionnaire_responses",
    "tierslieux.event_participants",
    "tierslieux.referents_trained",
    "tierslieux.service_requests",
    "bourseflux.companies_involved",
]
# (section, indicator key) read by name: `manage.py check` requires each of them registered.
SECTION_SOURCES = [
    *(("focus_groups", f"focusgroups.held.{s}") for s in FOCUS_GROUP_STUDIES),
    *(("communication", key) for _name, key in COMMUNICATION),
    *(("platforms", key) for _name, key in PLATFORMS),
    *(("key_figures", key) for _name, keys in KEY_FIGURES for key in keys),
    *(("target_groups", key) for key in TARGET_GROUPS),
]


def report_period(kind: str, index: int | None = None) -> ReportPeriod | None:
    """The period of a report of `kind` in the calendar's current edition: a reporting period
    (semestrial), a calendar year (annual), from the start to the end of a period
    (intermediate), the whole edition (final). None when `index` names no such period."""
    edition = periods.current_edition()
    all_semesters = edition.periods()
    common = {"edition_start": edition.start, "edition_first": edition.first_index}
    if kind == Report.Kind.FINAL:
        first, last = all_semesters[0], all_semesters[-1]
        return ReportPeriod(
            kind, None, first.start, last.end, 1, last.last_month, tuple(s.index for s in all_semesters), **common
        )
    if kind == Report.Kind.ANNUAL:
        year = next((y for y in edition.years() if y.index == index), None)
        if year is None:
            return None
        inside = tuple(
            s.index for s in all_semesters if s.first_month <= year.last_month and s.last_month >= year.first_month
        )
        return ReportPeriod(kind, index, year.start, year.end, year.first_month, year.last_month, inside, **common)
    # Reports cover the calendar's current edition: its periods only.
    semester = next((s for s in all_semesters if s.index == index), None) if index else None
    if semester is None:
        return None
    if kind == Report.Kind.INTERMEDIATE:
        inside = tuple(s.index for s in all_semesters if s.index <= semester.index)
        return ReportPeriod(
            kind,
            index,
            all_semesters[0].start,
            semester.end,
            1,
            semester.last_month,
            inside,
            semester.position,
            **common,
        )
    if kind == Report.Kind.SEMESTRIAL:
        return ReportPeriod(
            kind,
            index,
            semester.start,
            semester.end,
            semester.first_month,
            semester.last_month,
            (semester.index,),
            semester.position,
            **common,
        )
    return None


def _text(obj, field: str, language: str) -> str:
    return text_and_language(obj, field, language)[0]


def _number(value):
    """Source values as JSON numbers (None stays None: "not available")."""
    if value is None:
        return None
    return float(value) if isinstance(value, float | Decimal) and value != int(value) else int(value)


def _minus(a, b):
    return None if a is None or b is None else _number(a - b)


class _Nothing:
    """The calculator of an empty span (a report that starts with the edition): zero everywhere,
    without a query."""

    def source(self, key: str):
        return 0 if indicators.is_registered(key) else None

    def evidence(self, deliverable_id: int) -> int:
        return 0


def _source_label(key: str, language: str) -> str:
    indicator = indicators.get(key)
    return indicator.label(language) if indicator is not None else ""


def _achieved(calculator, deliverable: Deliverable):
    return calculator.evidence(deliverable.pk) if deliverable.is_manual else calculator.source(deliverable.source)


# --- the last report, for "what changed since" -------------------------------------------------


def _last_report(period: ReportPeriod, exclude: int | None) -> Report | None:
    """The latest ready report of this edition that ends by this period's end."""
    reports = Report.objects.filter(
        status=Report.Status.READY, period_end__lte=period.end, period_start__gte=period.edition_start
    ).exclude(figures={})
    if exclude is not None:
        reports = reports.exclude(pk=exclude)
    return reports.order_by("-created_at", "-pk").first()


def _reported(last: Report | None) -> tuple[dict[int, object], dict[str, object]]:
    """({deliverable id: cumulative}, {indicator code: cumulative}) as the last report froze them."""
    if last is None:
        return {}, {}
    deliverables = {
        d["id"]: d.get("achieved")
        for wp in last.figures.get("work_packages", [])
        for a in wp.get("activities", [])
        for d in a.get("deliverables", [])
    }
    programme = {i["code"]: i.get("achieved") for i in last.figures.get("indicators", [])}
    return deliverables, programme


# --- sections ----------------------------------------------------------------------------------


def _structure(calculators: dict, language: str, reported: dict, narrative: dict, problems: list) -> list[dict]:
    previous, in_period, cumulative = calculators["previous"], calculators["current"], calculators["cumulative"]
    work_packages = []
    for wp_progress in cumulative.structure(list(structure_queryset())):
        wp = wp_progress.work_package
        activities = []
        for act_progress in wp_progress.activities:
            activity = act_progress.activity
            deliverables = []
            for progress in act_progress.deliverables:
                d = progress.deliverable
                before = reported.get(d.pk)
                deliverables.append(
                    {
                        "id": d.pk,
                        "name": _text(d, "name", language),
                        "kind": d.kind,
                        "source": d.source,
                        "source_label": _source_label(d.source, language),
                        "target": progress.target,
                        "previous": _number(_achieved(previous, d)),
                        "achieved_period": _number(_achieved(in_period, d)),
                        "achieved": _number(progress.achieved),
                        "reported": _number(before),
                        "change": _minus(progress.achieved, before) if d.pk in reported else None,
                        "status": progress.status,
                        "due_month": progress.due_month,
                        "responsible": d.responsible.partner_code if d.responsible else "",
                    }
                )
            lead = activity.lead_organisation
            activities.append(
                {
                    "code": activity.code,
                    "name": _text(activity, "name", language),
                    "lead": lead.partner_code if lead else "",
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
                "narrative": narrative.get(wp.code, []),
                "problems": [p for p in problems if p["work_package"] == wp.code],
            }
        )
    return work_packages


def _programme_indicators(calculators: dict, language: str, reported: dict) -> list[dict]:
    previous, in_period, cumulative = calculators["previous"], calculators["current"], calculators["cumulative"]
    rows = []
    for row in cumulative.indicators():
        indicator = row["indicator"]
        before = reported.get(indicator.code)
        rows.append(
            {
                "code": indicator.code,
                "kind": indicator.kind,
                "name": _text(indicator, "name", language),
                "source": indicator.source,
                "target": row["target"],
                "previous": _number(previous.source(indicator.source)) if indicator.source else None,
                "achieved_period": _number(in_period.source(indicator.source)) if indicator.source else None,
                "achieved": _number(row["achieved"]),
                "reported": _number(before),
                "change": _minus(row["achieved"], before) if indicator.code in reported else None,
                "breakdown": [
                    {"key": b["key"], "label": b["label"], "target": b["target"], "achieved": _number(b["achieved"])}
                    for b in row["breakdown"]
                ],
            }
        )
    return rows


def _group_labels(language: str, regions: list) -> dict[str, dict[str, str]]:
    """Names of the groups of the built-in breakdowns, in the report's language."""
    countries = {code: str(label) for code, label in Country.choices}
    territories = {indicators.territory_key(t): text_and_language(t, "name", language)[0] for t in regions}
    return {
        indicators.COUNTRY: countries,
        indicators.TERRITORY: territories,
        indicators.PARTNER: {indicators.OTHER: _("Other organisations")},
    }


def _registered(calculators: dict, span: dict, language: str) -> list[dict]:
    """Every indicator the apps registered: previous, current and cumulative values, and each
    breakdown (by country, region, partner, the app's own) over the period and since the start."""
    previous, in_period, cumulative = calculators["previous"], calculators["current"], calculators["cumulative"]
    places = indicators.territories()
    names = _group_labels(language, places[1])
    rows = []
    for indicator in indicators.registered():
        key = indicator.key
        now = indicators.breakdowns(key, span["start"], span["end"], places=places)
        total = indicators.breakdowns(key, span["edition_start"], span["end"], places=places)
        breakdowns = []
        for dimension in indicator.dimensions:
            custom = indicator.breakdowns.get(dimension)
            known = names.get(dimension, {})
            groups = dict.fromkeys([*now.get(dimension, {}), *total.get(dimension, {})])
            breakdowns.append(
                {
                    "dimension": dimension,
                    "label": indicators.dimension_label(indicator, dimension),
                    "groups": [
                        {
                            "key": group,
                            "label": custom.group_label(group) if custom else known.get(group, group),
                            "period": _number(now.get(dimension, {}).get(group, 0)),
                            "cumulative": _number(total.get(dimension, {}).get(group, 0)),
                        }
                        for group in groups
                    ],
                }
            )
        rows.append(
            {
                "key": key,
                "app": indicator.app,
                "label": indicator.label(language),
                "unit": indicator.unit,
                "previous": _number(previous.source(key)),
                "period": _number(in_period.source(key)),
                "cumulative": _number(cumulative.source(key)),
                "breakdowns": breakdowns,
            }
        )
    return rows


def _source_rows(pairs, calculators: dict) -> list[dict]:
    """Values of sources over the period and since the start (each source read once per span:
    the calculators keep what deliverables and indicators already asked for)."""
    return [
        {
            "key": key,
            "previous": _number(calculators["previous"].source(source)),
            "period": _number(calculators["current"].source(source)),
            "cumulative": _number(calculators["cumulative"].source(source)),
        }
        for key, source in pairs
    ]


def _key_figures(calculators: dict) -> list[dict]:
    rows = []
    for name, keys in KEY_FIGURES:
        values = {}
        for column, calculator in (("previous", "previous"), ("period", "current"), ("cumulative", "cumulative")):
            parts = [calculators[calculator].source(key) for key in keys]
            values[column] = None if any(p is None for p in parts) else _number(sum(parts))
        rows.append({"key": name, **values})
    return rows


def _target_groups(registered: list[dict]) -> list[dict]:
    by_key = {row["key"]: row for row in registered}
    rows = []
    for key in TARGET_GROUPS:
        row = by_key.get(key)
        if row is None:
            continue
        own = [b for b in row["breakdowns"] if b["dimension"] not in (indicators.TERRITORY, indicators.PARTNER)]
        rows.append({**{k: row[k] for k in ("key", "label", "unit", "period", "cumulative")}, "breakdowns": own})
    return rows


def collect(kind: str, index: int | None, language: str, *, report: Report | None = None) -> dict:
    """The snapshot of a report of `kind` for period `index`, in `language` ("fr" or "it").
    `report`: the Report being built (its version is recorded, and it is not its own "last
    report")."""
    period = report_period(kind, index)
    if period is None:
        raise ValueError(f"No {kind} period {index}")
    with translation.override(language):
        return _collect(period, language, report)


def _collect(period: ReportPeriod, language: str, report: Report | None) -> dict:
    # Deliverable status as it stood at the end of the period (or today, for a running one).
    month = min(period.last_month, max(periods.current_month(), 0))
    project = Project.objects.order_by("pk").first()
    edition = periods.current_edition()
    start = period.edition_start
    day_before = period.start - datetime.timedelta(days=1)
    calculators = {
        "previous": Calculator(start, day_before, month) if period.start > start else _Nothing(),
        "current": Calculator(period.start, period.end, month),
        "cumulative": Calculator(start, period.end, month),
    }
    last = _last_report(period, report.pk if report is not None else None)
    reported_deliverables, reported_indicators = _reported(last)
    monitoring = sections.monitoring(period, language)
    registered = _registered(calculators, {"start": period.start, "end": period.end, "edition_start": start}, language)
    return {
        "version": VERSION,
        "language": language,
        "generated_at": timezone.localtime().isoformat(),
        "project": {
            "acronym": project.acronym if project else "CIRCUITO",
            "title": _text(project, "title", language) if project else "",
            "programme": _text(project, "programme", language) if project else "",
            "start": start.isoformat(),
            "edition": {
                "number": edition.number,
                "name": edition.names.get(language) or edition.name,
                "start": edition.start.isoformat(),
                "end": edition.end.isoformat(),
            },
        },
        "period": {**period.as_dict(), "status_month": month},
        "report": {
            "version": report.version if report is not None else 1,
            "last": {
                "id": last.pk,
                "kind": last.kind,
                "version": last.version,
                "start": last.period_start.isoformat(),
                "end": last.period_end.isoformat(),
                "made": timezone.localtime(last.created_at).isoformat(),
            }
            if last is not None
            else None,
        },
        "key_figures": _key_figures(calculators),
        "work_packages": _structure(
            calculators, language, reported_deliverables, monitoring["narrative"], monitoring["entries"]
        ),
        "indicators": _programme_indicators(calculators, language, reported_indicators),
        "registered": registered,
        "target_groups": _target_groups(registered),
        "focus_groups": _source_rows([(s, f"focusgroups.held.{s}") for s in FOCUS_GROUP_STUDIES], calculators),
        "committees": sections.committees(period),
        "communication": _source_rows(COMMUNICATION, calculators),
        "platforms": _source_rows(PLATFORMS, calculators),
        "expenditure": sections.expenditure(period),
        "monitoring": {"entries": monitoring["entries"], "missing": monitoring["missing"]},
        "annexes": sections.annexes(period, language),
    }
