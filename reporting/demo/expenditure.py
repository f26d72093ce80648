"""Demo data of the expenditure area: budgets per partner and cost category, co-financing rates
(ERDF 85 % + 15 % national counterpart), declared expenditure for the first four semesters of the
current edition (the running one up to today) and a few draft lines in the running semester. The
figures are illustrative, in the range of an ALCOTRA project's partner budgets, not the project's
real budget. Idempotent (budgets keyed by partner and category, lines by partner, period and
description)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from circuito.accounts.models import Organisation
from reporting import periods
from reporting.models import CostCategory, ExpenditureLine, PartnerBudget, PartnerFinance

# Total budget per partner (EUR) and the share of each cost category (office and administration
# at the 15 % flat rate on staff costs used by Interreg programmes).
TOTALS = {
    "LIG": 420_000,
    "PIE": 260_000,
    "VDA": 210_000,
    "UNIGE": 180_000,
    "UNITO": 180_000,
    "PACA": 260_000,
    "MNCA": 200_000,
    "AURA": 230_000,
}
SHARES = {
    CostCategory.STAFF: Decimal("0.46"),
    CostCategory.OFFICE: Decimal("0.069"),
    CostCategory.TRAVEL: Decimal("0.06"),
    CostCategory.EXTERNAL: Decimal("0.361"),
    CostCategory.EQUIPMENT: Decimal("0.05"),
}
# Share of each category's budget declared per semester (S1–S4), per partner a little different.
PACE = [Decimal("0.10"), Decimal("0.16"), Decimal("0.18"), Decimal("0.08")]
DESCRIPTIONS = {
    CostCategory.STAFF: ("Frais de personnel du semestre", "Spese di personale del semestre"),
    CostCategory.OFFICE: ("Frais de bureau (forfait 15 %)", "Spese d'ufficio (forfait 15 %)"),
    CostCategory.TRAVEL: ("Déplacement au comité de pilotage", "Trasferta per il comitato di pilotaggio"),
    CostCategory.EXTERNAL: ("Prestation d'animation des focus groups", "Servizio di animazione dei focus group"),
    CostCategory.EQUIPMENT: ("Matériel informatique pour la plateforme", "Materiale informatico per la piattaforma"),
}
DRAFTS = ["PACA", "LIG", "UNITO"]  # partners with draft lines in the running semester


def _money(value) -> Decimal:
    return Decimal(value).quantize(Decimal("1.00"))


def _entered_by(partner: Organisation) -> Organisation:
    """Partners with an implementing body enter their expenditure through it (it rolls up)."""
    body = Organisation.objects.filter(kind=Organisation.Kind.IMPLEMENTING_BODY, delegating_partner=partner).first()
    return body or partner


def load(stdout) -> None:
    partners = {o.partner_code: o for o in Organisation.objects.filter(kind=Organisation.Kind.PARTNER)}
    created = 0
    for number, (code, total) in enumerate(TOTALS.items()):
        partner = partners.get(code)
        if partner is None:
            continue
        PartnerFinance.objects.get_or_create(
            partner=partner, defaults={"erdf_rate": Decimal("0.85"), "national_rate": Decimal("0.15")}
        )
        for category, share in SHARES.items():
            PartnerBudget.objects.get_or_create(
                partner=partner, category=category, defaults={"amount": _money(total * share)}
            )
        entered_by = _entered_by(partner)
        italian = partner.country == "IT"
        # Dates follow the calendar's current edition; nothing is dated after today.
        today = periods.today()
        started = [s for s in periods.semesters() if s.start <= today]
        for semester, pace in zip(started, PACE, strict=False):
            for offset, (category, share) in enumerate(SHARES.items()):
                # Equipment is bought once, in the second semester; one partner overspends travel.
                if category == CostCategory.EQUIPMENT and semester.position != 2:
                    continue
                factor = pace * (Decimal("0.8") + Decimal(number % 4) / 10)
                if category == CostCategory.TRAVEL and code == "MNCA":
                    factor *= 5
                if category == CostCategory.EQUIPMENT:
                    factor = Decimal("0.9")
                label = DESCRIPTIONS[category][1 if italian else 0]
                incurred = min(semester.start + datetime.timedelta(days=20 + 25 * offset), semester.end, today)
                declared = datetime.datetime.combine(min(semester.end, today), datetime.time(17))
                _, new = ExpenditureLine.objects.get_or_create(
                    partner=partner,
                    period=semester.index,
                    description=f"{label} S{semester.position}",
                    defaults={
                        "entered_by_organisation": entered_by,
                        "category": category,
                        "date_incurred": incurred,
                        "amount": _money(total * share * factor),
                        "status": ExpenditureLine.Status.DECLARED,
                        "declared_at": min(timezone.make_aware(declared), timezone.now()),
                    },
                )
                created += new
        running = periods.current_period()
        if code in DRAFTS and running is not None and running in started:
            label = DESCRIPTIONS[CostCategory.TRAVEL][1 if italian else 0]
            _, new = ExpenditureLine.objects.get_or_create(
                partner=partner,
                period=running.index,
                description=f"{label} S{running.position}",
                defaults={
                    "entered_by_organisation": entered_by,
                    "category": CostCategory.TRAVEL,
                    "date_incurred": min(running.start + datetime.timedelta(days=40), today),
                    "amount": _money(1240 + 310 * number),
                },
            )
            created += new
    stdout.write(f"reporting expenditure: {created} lines created")
