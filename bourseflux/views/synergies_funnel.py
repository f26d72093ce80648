"""The facilitators' funnel: each synergy counted at every stage it reached (its stage history),
with tonnes, CO2e and euros per stage, per territory and per pilot zone, for a period. The figures
come from `bourseflux.outcomes`, as the indicators and the reports do, so the three agree."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from bourseflux import outcomes
from bourseflux.forms_transactions import DateInput
from bourseflux.models import Flow, PilotZone, Synergy
from bourseflux.permissions import is_facilitator
from circuito.accounts import roles
from circuito.forms import BootstrapFormMixin
from circuito.geo.distance import haversine_km, within_km
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


@dataclass
class FunnelRow:
    """One area: synergies that reached each stage, and the figures of the implemented ones."""

    label: str
    stages: dict[str, outcomes.StageFigures] = field(
        default_factory=lambda: {s: outcomes.StageFigures() for s, _label in STEPS}
    )

    @property
    def counts(self) -> dict[str, int]:
        return {s: self.stages[s].synergies for s, _label in STEPS}

    @property
    def cells(self) -> list[int]:
        return [self.stages[s].synergies for s, _label in STEPS]

    @property
    def implemented(self) -> outcomes.StageFigures:
        return self.stages[Stage.IMPLEMENTED]

    @property
    def tonnes(self) -> float:
        return self.implemented.tonnes

    @property
    def co2e(self) -> float:
        return self.implemented.co2e

    @property
    def eur(self) -> Decimal:
        return self.implemented.eur


def _row(label: str, stages: dict[str, outcomes.StageFigures]) -> FunnelRow:
    row = FunnelRow(label)
    row.stages.update(stages)
    return row


def total(queryset: QuerySet[Synergy], start: date | None = None, end: date | None = None) -> FunnelRow:
    return _row(str(_("All synergies")), outcomes.stage_figures(queryset, start, end))


def by_territory(
    queryset: QuerySet[Synergy], level: str = "region", start: date | None = None, end: date | None = None
) -> list[FunnelRow]:
    """One row per region (or department). A cross-territory synergy counts in both of its territories."""
    stages = outcomes.reached(queryset, start, end)
    ids = set().union(*stages.values())
    per_synergy = outcomes.figures(ids, start, end)
    places = Synergy.objects.filter(pk__in=ids).values_list("pk", f"offer__{level}", f"need__{level}")
    groups = {pk: {offer, need} for pk, offer, need in places}
    rows = outcomes.grouped(stages, per_synergy, groups)
    names = Territory.objects.in_bulk(list(rows))
    return sorted(
        (_row(str(names[pk]) if pk in names else "?", row) for pk, row in rows.items()), key=lambda r: r.label
    )


def _in_zone(zone: PilotZone) -> Q:
    inside = within_km(Flow.objects.all(), zone.latitude, zone.longitude, zone.radius_km).order_by().values("pk")
    return Q(offer__in=inside) | Q(need__in=inside)


def by_zone(queryset: QuerySet[Synergy], start: date | None = None, end: date | None = None) -> list[FunnelRow]:
    """One row per pilot zone: synergies with a flow within the zone's radius of its centre.

    The stages, figures and flow positions are read once for all zones and each synergy is placed
    in the zones in Python (same great-circle test as `_in_zone`), so the page's query count does
    not grow with the number of zones."""
    zones = list(_zones())
    if not zones:
        return []
    stages = outcomes.reached(queryset, start, end)
    ids = set().union(*stages.values())
    per_synergy = outcomes.figures(ids, start, end)
    points = Synergy.objects.filter(pk__in=ids).values_list(
        "pk", "offer__latitude", "offer__longitude", "need__latitude", "need__longitude"
    )
    groups = {pk: _zones_of(zones, [(o_lat, o_lon), (n_lat, n_lon)]) for pk, o_lat, o_lon, n_lat, n_lon in points}
    rows = outcomes.grouped(stages, per_synergy, groups)
    return [_row(zone.name, rows.get(zone.pk, {})) for zone in zones]


def _zones_of(zones: list[PilotZone], points: list[tuple[float, float]]) -> list[int]:
    return [
        zone.pk
        for zone in zones
        if any(haversine_km(zone.latitude, zone.longitude, lat, lon) <= zone.radius_km for lat, lon in points)
    ]


def _zones() -> QuerySet[PilotZone]:
    return PilotZone.objects.order_by("name")


def _territories() -> QuerySet[Territory]:
    return Territory.objects.filter(
        level__in=(Territory.Level.REGION, Territory.Level.DEPARTMENT), pk__in=_used_territories()
    ).order_by("country", "level", "name")


def _used_territories() -> set[int]:
    used = set()
    for region, department in Flow.objects.order_by().values_list("region", "department").distinct():
        used.update((region, department))
    return used


class FunnelFilter(BootstrapFormMixin, forms.Form):
    level = forms.ChoiceField(
        label=_("Group by"),
        required=False,
        choices=[("region", _("Region")), ("department", _("Department / province"))],
    )
    country = forms.ChoiceField(
        label=_("Country"), required=False, choices=[("", _("Both")), ("FR", _("France")), ("IT", _("Italy"))]
    )
    territory = forms.ModelChoiceField(
        label=_("Territory"), required=False, queryset=Territory.objects.none(), empty_label=_("All")
    )
    zone = forms.ModelChoiceField(label=_("Pilot zone"), required=False, queryset=PilotZone.objects.none())
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory"].queryset = _territories()
        self.fields["zone"].queryset = _zones()

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if bool(start) != bool(end):
            raise forms.ValidationError(_("Give both dates of the period, or neither."))
        if start and end and end < start:
            self.add_error("end", _("The period ends before it starts: correct one of the two dates."))
        return data


def filtered(data: dict) -> QuerySet[Synergy]:
    """The synergies the filter keeps: country, territory and pilot zone."""
    queryset = Synergy.objects.all()
    if data.get("country") in ("FR", "IT"):
        queryset = queryset.filter(Q(offer__country=data["country"]) | Q(need__country=data["country"]))
    if data.get("territory"):
        queryset = queryset.filter(outcomes.in_territory(data["territory"]))
    if data.get("zone"):
        queryset = queryset.filter(_in_zone(data["zone"]))
    return queryset


@login_required
def funnel(request: HttpRequest) -> HttpResponse:
    if not (is_facilitator(request.user) or roles.is_partner_staff(request.user)):
        raise PermissionDenied
    form = FunnelFilter(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    level = "department" if data.get("level") == "department" else "region"
    start, end = data.get("start"), data.get("end")
    queryset = filtered(data)
    overall = total(queryset, start, end)
    return render(
        request,
        "bourseflux/synergies/funnel.html",
        {
            "form": form,
            "steps": [label for _s, label in STEPS],
            "funnel": [(label, overall.stages[s]) for s, label in STEPS],
            "territories": by_territory(queryset, level, start, end),
            "zones": by_zone(queryset, start, end),
            "total": overall,
            "level": level,
        },
        status=400 if form.is_bound and form.errors else 200,
    )
