"""The facilitators' funnel: synergies per stage, per territory and per pilot zone, with impact."""

from dataclasses import dataclass, field

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, F, Q, QuerySet, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from bourseflux.models import Flow, PilotZone, Synergy
from bourseflux.permissions import is_facilitator
from circuito.accounts import roles
from circuito.geo.distance import within_km
from circuito.geo.models import Territory

Stage = Synergy.Stage
# The funnel's steps as facilitators name them (ACTIF: lead, contacted, trial, contract).
STEPS = [
    (Stage.PROPOSED, _("Leads")),
    (Stage.DISCUSSION, _("Contacted")),
    (Stage.TRIAL, _("Trial")),
    (Stage.IMPLEMENTED, _("Implemented")),
    (Stage.ABANDONED, _("Abandoned")),
]
IMPLEMENTED = Q(stage=Stage.IMPLEMENTED)


@dataclass
class FunnelRow:
    label: str
    counts: dict[str, int] = field(default_factory=lambda: {s: 0 for s, _label in STEPS})
    tonnes: float = 0.0
    co2e: float = 0.0

    @property
    def cells(self) -> list[int]:
        return [self.counts[s] for s, _label in STEPS]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def add(self, stage: str, n: int, tonnes: float | None, co2e: float | None) -> None:
        self.counts[stage] = self.counts.get(stage, 0) + n
        self.tonnes += tonnes or 0
        self.co2e += co2e or 0


def _grouped(queryset: QuerySet[Synergy], key: str | None = None):
    keys = [key, "stage"] if key else ["stage"]
    return (
        queryset.order_by()
        .values(*keys)
        .annotate(
            n=Count("pk"),
            tonnes=Sum("tonnes_per_year", filter=IMPLEMENTED),
            co2e=Sum("co2e_avoided_t", filter=IMPLEMENTED),
        )
    )


def by_territory(queryset: QuerySet[Synergy], level: str = "region") -> list[FunnelRow]:
    """One row per region (or department). A cross-territory synergy counts in both of its territories."""
    rows: dict[int, FunnelRow] = {}
    offer_side = _grouped(queryset, f"offer__{level}")
    need_side = _grouped(queryset.exclude(**{f"need__{level}": F(f"offer__{level}")}), f"need__{level}")
    for key, grouped in ((f"offer__{level}", offer_side), (f"need__{level}", need_side)):
        for g in grouped:
            rows.setdefault(g[key], FunnelRow("")).add(g["stage"], g["n"], g["tonnes"], g["co2e"])
    names = Territory.objects.in_bulk(list(rows))
    for pk, row in rows.items():
        row.label = str(names[pk]) if pk in names else "?"
    return sorted(rows.values(), key=lambda r: r.label)


def by_zone(queryset: QuerySet[Synergy]) -> list[FunnelRow]:
    """One row per pilot zone: synergies with a flow within the zone's radius of its centre."""
    rows = []
    for zone in PilotZone.objects.all():
        inside = within_km(Flow.objects.all(), zone.latitude, zone.longitude, zone.radius_km).order_by().values("pk")
        row = FunnelRow(zone.name)
        for g in _grouped(queryset.filter(Q(offer__in=inside) | Q(need__in=inside))):
            row.add(g["stage"], g["n"], g["tonnes"], g["co2e"])
        rows.append(row)
    return rows


def total(queryset: QuerySet[Synergy]) -> FunnelRow:
    row = FunnelRow(str(_("All synergies")))
    for g in _grouped(queryset):
        row.add(g["stage"], g["n"], g["tonnes"], g["co2e"])
    return row


@login_required
def funnel(request: HttpRequest) -> HttpResponse:
    if not (is_facilitator(request.user) or roles.is_partner_staff(request.user)):
        raise PermissionDenied
    level = "department" if request.GET.get("level") == "department" else "region"
    queryset = Synergy.objects.all()
    country = request.GET.get("country", "")
    if country in ("FR", "IT"):
        queryset = queryset.filter(Q(offer__country=country) | Q(need__country=country))
    return render(
        request,
        "bourseflux/synergies/funnel.html",
        {
            "steps": [label for _s, label in STEPS],
            "territories": by_territory(queryset, level),
            "zones": by_zone(queryset),
            "total": total(queryset),
            "level": level,
            "country": country,
        },
    )
