"""Sections of a report's figures read from this app's own records: steering committee meetings,
expenditure per partner and cost category (Jems' previous / current / cumulative columns, budget,
ERDF and national counterpart), the partners' monitoring forms (progress narrative, problems and
corrective actions, in the report's language with the original-language marker) and the list of
annexes (evidence files and links, approved minutes). Each section reads a constant number of
queries. Used by reporting.figures only."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q

from circuito.accounts.models import Organisation
from circuito.translated import text_and_language
from reporting import periods
from reporting.models import (
    CostCategory,
    DeliverableEvidence,
    Meeting,
    MonitoringEntry,
    MonitoringReport,
)
from reporting.selectors_expenditure import partner_figures

ZERO = Decimal("0.00")
AMOUNTS = ("budget", "previous", "current", "cumulative", "erdf_current", "counterpart_current", "erdf", "counterpart")


@dataclass(frozen=True)
class ReportPeriod:
    """The span a report covers, and the reporting periods (expenditure periods) inside it."""

    kind: str
    index: int | None
    start: datetime.date
    end: datetime.date
    first_month: int
    last_month: int
    semesters: tuple[int, ...]
    number: int | None = None  # within the calendar's edition (semestrial and intermediate reports)
    edition_start: datetime.date | None = None
    edition_first: int = 1  # the index of the edition's first period

    def as_dict(self) -> dict:
        return {
            "kind": self.kind,
            "index": self.index,
            "number": self.number,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "first_month": self.first_month,
            "last_month": self.last_month,
            "semesters": list(self.semesters),
        }


def money(value) -> str:
    return str((value or ZERO).quantize(Decimal("0.01")))


# --- steering committee ------------------------------------------------------------------------


def committees(period: ReportPeriod) -> dict:
    meetings = Meeting.objects.filter(date__gte=period.start, date__lte=period.end).order_by("date", "pk")
    today = periods.today()
    start = period.edition_start or periods.month_start(1)
    # Held: dated on or before today (a planned meeting of a running period is listed, not counted).
    counts = Meeting.objects.filter(date__gte=start, date__lte=min(period.end, today)).aggregate(
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
                "month": periods.project_month(m.date, start),
                "held": m.date <= today,
                "minutes_approved": m.is_approved,
            }
            for m in meetings
        ],
        "counts": counts,
    }


# --- expenditure -------------------------------------------------------------------------------


def _share(amount: Decimal, rate: Decimal) -> Decimal:
    return (amount * rate).quantize(ZERO)


def expenditure(period: ReportPeriod) -> dict:
    """Declared expenditure per partner and cost category: budget, previous periods of the
    edition, this report's periods, cumulative, and the ERDF and national counterpart shares of
    the current and cumulative amounts (Jems' columns). Drafts never count. Built on the
    expenditure selectors, so the figures equal the expenditure pages'."""
    first = min(period.semesters) if period.semesters else period.edition_first
    last = max(period.semesters) if period.semesters else first - 1
    cumulative = partner_figures(up_to_period=last, from_period=period.edition_first)
    previous = (
        {f.partner.pk: f for f in partner_figures(up_to_period=first - 1, from_period=period.edition_first)}
        if first > period.edition_first
        else {}
    )
    partners = []
    for figures in cumulative:
        before = previous.get(figures.partner.pk)
        categories = []
        for index, category in enumerate(figures.categories):
            earlier = before.categories[index].declared if before else ZERO
            current = category.declared - earlier
            values = {
                "budget": category.budget,
                "previous": earlier,
                "current": current,
                "cumulative": category.declared,
                "erdf_current": _share(current, figures.erdf_rate),
                "counterpart_current": _share(current, figures.national_rate),
                "erdf": _share(category.declared, figures.erdf_rate),
                "counterpart": _share(category.declared, figures.national_rate),
            }
            categories.append(
                {
                    "category": category.category,
                    **{name: money(value) for name, value in values.items()},
                    "over_budget": category.declared > category.budget,
                }
            )
        totals = {name: sum((Decimal(c[name]) for c in categories), ZERO) for name in AMOUNTS[:4]}
        # Shares of the partner's totals (as the expenditure pages compute them), not sums of
        # rounded category shares: the two can differ by a cent.
        for name, amount, rate in (
            ("erdf_current", "current", figures.erdf_rate),
            ("counterpart_current", "current", figures.national_rate),
            ("erdf", "cumulative", figures.erdf_rate),
            ("counterpart", "cumulative", figures.national_rate),
        ):
            totals[name] = _share(totals[amount], rate)
        partners.append(
            {
                "code": figures.partner.partner_code,
                "name": figures.partner.legal_name,
                "erdf_rate": str(figures.erdf_rate),
                "national_rate": str(figures.national_rate),
                "categories": categories,
                **{name: money(value) for name, value in totals.items()},
            }
        )
    by_category = [
        {
            "category": category,
            **{name: money(sum((Decimal(p["categories"][index][name]) for p in partners), ZERO)) for name in AMOUNTS},
        }
        for index, category in enumerate(CostCategory.values)
    ]
    return {
        "partners": partners,
        "categories": by_category,
        "totals": {name: money(sum((Decimal(p[name]) for p in partners), ZERO)) for name in AMOUNTS},
    }


# --- monitoring forms --------------------------------------------------------------------------


def _texts(entry: MonitoringEntry, field: str, language: str) -> tuple[str, str]:
    """(text, original language code or "") of a monitoring text in the report's language."""
    return text_and_language(entry, field, language)


def monitoring(period: ReportPeriod, language: str) -> dict:
    """Submitted monitoring forms of the report's periods: per work package, each partner's
    progress narrative and its problems and corrective actions; and the forms still missing."""
    entries = (
        MonitoringEntry.objects.filter(
            report__status=MonitoringReport.Status.SUBMITTED, report__period__in=period.semesters
        )
        .select_related("report__partner", "work_package")
        .order_by("work_package__order", "work_package__code", "report__period", "report__partner__partner_code")
    )
    narrative: dict[str, list[dict]] = {}
    problems: list[dict] = []
    positions = {p: p - period.edition_first + 1 for p in period.semesters}
    for entry in entries:
        base = {
            "period": positions.get(entry.report.period, entry.report.period),
            "partner": entry.report.partner.partner_code,
            "work_package": entry.work_package.code,
        }
        text, lang = _texts(entry, "activities", language)
        if text:
            narrative.setdefault(entry.work_package.code, []).append({**base, "text": text, "lang": lang})
        problem, problem_lang = _texts(entry, "problems", language)
        action, action_lang = _texts(entry, "corrective_actions", language)
        if problem or action:
            problems.append(
                {
                    **base,
                    "problems": problem,
                    "problems_lang": problem_lang,
                    "corrective_actions": action,
                    "corrective_actions_lang": action_lang,
                }
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
        "narrative": narrative,
        "entries": problems,
        "missing": [
            {"period": positions[semester], "partner": code}
            for semester in period.semesters
            for code in codes
            if (code, semester) not in submitted
        ],
    }


# --- annexes -----------------------------------------------------------------------------------


def annexes(period: ReportPeriod, language: str) -> list[dict]:
    """What proves the period's work: the evidence recorded for deliverables (files and links) and
    the approved minutes of the steering committee meetings held in it."""
    rows = []
    evidence = (
        DeliverableEvidence.objects.filter(date__gte=period.start, date__lte=period.end)
        .select_related("deliverable__activity", "partner")
        .order_by("date", "pk")
    )
    for item in evidence:
        rows.append(
            {
                "kind": "evidence",
                "date": item.date.isoformat(),
                "reference": item.deliverable.activity.code,
                "title": text_and_language(item.deliverable, "name", language)[0],
                "partner": item.partner.partner_code,
                "count": item.count,
                "file": item.file_name if item.file else "",
                "link": item.link,
                "note": item.note,
            }
        )
    minutes = Meeting.objects.filter(
        date__gte=period.start,
        date__lte=min(period.end, periods.today()),
        minutes_status=Meeting.MinutesStatus.APPROVED,
    ).order_by("date", "pk")
    for meeting in minutes:
        rows.append(
            {
                "kind": "minutes",
                "date": meeting.date.isoformat(),
                "reference": "1.1",
                "title": meeting.kind,
                "number": meeting.number,
                "partner": "",
                "count": 1,
                "file": f"minutes-{meeting.kind}-{meeting.number}-{language}.pdf",
                "link": "",
                "note": meeting.city,
            }
        )
    return sorted(rows, key=lambda r: (r["date"], r["kind"]))
