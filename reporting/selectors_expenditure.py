"""Reads of expenditure against budget: declared amounts per partner and cost category, burn
rate (declared / budget, and against the share of the project's time elapsed), ERDF and
national shares. Used by the pages, the API and the report generator.

Every function runs a fixed number of queries whatever the number of lines. Amounts are
`Decimal` in euros; rates are `float` fractions (0.42 for 42 %) or None when undefined
(a zero budget). Implementing bodies' lines are stored under their delegating partner
(`ExpenditureLine.partner`), so they roll up here without further work.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from circuito.accounts.models import Organisation
from reporting import periods
from reporting.models import CostCategory, ExpenditureLine, PartnerBudget, PartnerFinance

ZERO = Decimal("0.00")
DEFAULT_ERDF = Decimal("0.85")
DEFAULT_NATIONAL = Decimal("0.15")
DECLARED = ExpenditureLine.Status.DECLARED
DRAFT = ExpenditureLine.Status.DRAFT


def rate(part: Decimal, whole: Decimal) -> float | None:
    """part / whole as a fraction, None when `whole` is zero."""
    return float(part / whole) if whole else None


@dataclass
class CategoryFigures:
    category: str
    label: str
    budget: Decimal = ZERO
    declared: Decimal = ZERO
    draft: Decimal = ZERO  # only filled for partners whose drafts the caller may see

    @property
    def burn_rate(self) -> float | None:
        return rate(self.declared, self.budget)

    @property
    def over_budget(self) -> bool:
        """Declared plus draft above the budget (allowed, but flagged)."""
        return self.declared + self.draft > self.budget


@dataclass
class PartnerFigures:
    partner: Organisation
    categories: list[CategoryFigures]
    erdf_rate: Decimal = DEFAULT_ERDF
    national_rate: Decimal = DEFAULT_NATIONAL
    periods: dict[int, Decimal] = field(default_factory=dict)  # declared per period

    @property
    def budget(self) -> Decimal:
        return sum((c.budget for c in self.categories), ZERO)

    @property
    def declared(self) -> Decimal:
        return sum((c.declared for c in self.categories), ZERO)

    @property
    def draft(self) -> Decimal:
        return sum((c.draft for c in self.categories), ZERO)

    @property
    def burn_rate(self) -> float | None:
        return rate(self.declared, self.budget)

    @property
    def erdf_share(self) -> Decimal:
        """ERDF part of the declared expenditure."""
        return (self.declared * self.erdf_rate).quantize(ZERO)

    @property
    def national_share(self) -> Decimal:
        return (self.declared * self.national_rate).quantize(ZERO)

    @property
    def erdf_budget(self) -> Decimal:
        return (self.budget * self.erdf_rate).quantize(ZERO)

    @property
    def over_budget(self) -> list[CategoryFigures]:
        return [c for c in self.categories if c.over_budget]


def time_elapsed(day: datetime.date | None = None) -> float:
    """Share of the project's months elapsed at `day` (default today), 0.0 to 1.0; the current
    month counts as elapsed."""
    all_semesters = periods.semesters()
    if not all_semesters:
        return 0.0
    duration = all_semesters[-1].last_month
    month = periods.project_month(day or periods.today(), all_semesters[0].start)
    return max(0.0, min(month / duration, 1.0))


def burn_against_time(burn_rate: float | None, elapsed: float) -> float | None:
    """Burn rate divided by the share of time elapsed: 1.0 when spending follows time, below 1.0
    when behind. None when either is undefined or zero."""
    if burn_rate is None or not elapsed:
        return None
    return burn_rate / elapsed


def partner_figures(
    partner_ids: Iterable[int] | None = None,
    *,
    drafts_of: Iterable[int] = (),
    up_to_period: int | None = None,
    from_period: int | None = None,
) -> list[PartnerFigures]:
    """Budget, declared (and, for the partners in `drafts_of`, draft) amounts per partner and
    cost category, with co-financing rates and declared amounts per period.

    `partner_ids`: the partners to include (None: every project partner), ordered by code.
    `up_to_period` / `from_period`: count only lines of periods up to / from this index (None:
    all; an edition of the calendar starts at its first period's index). Four queries."""
    partners = Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("partner_code")
    if partner_ids is not None:
        partners = partners.filter(pk__in=list(partner_ids))
    partners = list(partners)
    ids = [p.pk for p in partners]
    drafts_of = set(drafts_of)
    lines = ExpenditureLine.objects.filter(partner_id__in=ids).filter(
        Q(status=DECLARED) | Q(status=DRAFT, partner_id__in=drafts_of)
    )
    if up_to_period is not None:
        lines = lines.filter(period__lte=up_to_period)
    if from_period is not None:
        lines = lines.filter(period__gte=from_period)
    sums = lines.order_by().values("partner_id", "category", "period", "status").annotate(total=Sum("amount"))
    budgets = {
        (b["partner_id"], b["category"]): b["amount"]
        for b in PartnerBudget.objects.filter(partner_id__in=ids).values("partner_id", "category", "amount")
    }
    finance = {
        f["partner_id"]: (f["erdf_rate"], f["national_rate"])
        for f in PartnerFinance.objects.filter(partner_id__in=ids).values("partner_id", "erdf_rate", "national_rate")
    }
    result: dict[int, PartnerFigures] = {}
    for partner in partners:
        erdf, national = finance.get(partner.pk, (DEFAULT_ERDF, DEFAULT_NATIONAL))
        result[partner.pk] = PartnerFigures(
            partner=partner,
            categories=[
                CategoryFigures(value, str(label), budget=budgets.get((partner.pk, value), ZERO))
                for value, label in CostCategory.choices
            ],
            erdf_rate=erdf,
            national_rate=national,
        )
    index = {value: i for i, value in enumerate(CostCategory.values)}
    for row in sums:
        figures = result[row["partner_id"]]
        category = figures.categories[index[row["category"]]]
        total = Decimal(row["total"]).quantize(ZERO)  # SQLite sums carry spurious decimals
        if row["status"] == DECLARED:
            category.declared += total
            figures.periods[row["period"]] = figures.periods.get(row["period"], ZERO) + total
        else:
            category.draft += total
    return list(result.values())


def category_total(partner_id: int, category: str, *, exclude_line: int | None = None) -> Decimal:
    """Declared plus draft amount of a partner in a category (for the over-budget check)."""
    lines = ExpenditureLine.objects.filter(partner_id=partner_id, category=category)
    if exclude_line is not None:
        lines = lines.exclude(pk=exclude_line)
    return Decimal(lines.aggregate(total=Sum("amount"))["total"] or ZERO).quantize(ZERO)


def category_budget(partner_id: int, category: str) -> Decimal:
    return (
        PartnerBudget.objects.filter(partner_id=partner_id, category=category).values_list("amount", flat=True).first()
        or ZERO
    )


def over_budget_categories(partner_id: int) -> set[str]:
    """Categories where the partner's declared plus draft amount exceeds its budget."""
    (figures,) = partner_figures([partner_id], drafts_of=[partner_id])
    return {c.category for c in figures.over_budget}


def period_status(partner_id: int, period: int) -> dict[str, int | Decimal]:
    """Number and amount of the partner's draft and declared lines in a period."""
    rows = (
        ExpenditureLine.objects.filter(partner_id=partner_id, period=period)
        .order_by()
        .values("status")
        .annotate(total=Sum("amount"), n=Count("pk"))
    )
    result: dict[str, int | Decimal] = {"draft": ZERO, "declared": ZERO, "draft_count": 0, "declared_count": 0}
    for row in rows:
        result[row["status"]] = Decimal(row["total"]).quantize(ZERO)
        result[f"{row['status']}_count"] = row["n"]
    return result
