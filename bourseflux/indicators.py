"""Indicators of the flux exchange, counted from live records for a period and a territory.

Plain functions (no request), read by reporting. Dates are inclusive `date`s, taken in the
portal's time zone. `territory` is a circuito.geo Territory (a country, a region or a
department/province); a synergy counts for a territory when either of its companies' flows is in it.

Evidence counted:
- flows mapped: flows published in the period (by `published_at`; later archiving does not undo
  it), estimates not yet confirmed left out;
- synergies by stage: synergies that entered each stage in the period (stage change records);
- tonnes diverted, CO2e avoided, euros exchanged: of the synergies implemented in the period,
  actual quantities when recorded, else the estimate of their impact (bourseflux.outcomes);
- companies involved: companies that published a flow, or whose flow entered a synergy in
  discussion or beyond, in the period;
- awareness meetings: meetings held in the period (by date).
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from bourseflux import outcomes
from bourseflux.models import AwarenessMeeting, Flow, Synergy, SynergyStageChange
from circuito.geo.models import Territory

ENGAGED_STAGES = (Synergy.Stage.DISCUSSION, Synergy.Stage.TRIAL, Synergy.Stage.IMPLEMENTED)


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    """[start 00:00, day after end 00:00) as aware datetimes in the portal's time zone."""
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), tz),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), tz),
    )


def _flow_territory(territory: Territory | None, prefix: str = "") -> Q:
    if territory is None:
        return Q()
    if territory.level == Territory.Level.COUNTRY:
        return Q(**{f"{prefix}country": territory.country})
    if territory.level == Territory.Level.REGION:
        return Q(**{f"{prefix}region": territory})
    return Q(**{f"{prefix}department": territory})


def _synergy_territory(territory: Territory | None, prefix: str = "") -> Q:
    if territory is None:
        return Q()
    return _flow_territory(territory, f"{prefix}offer__") | _flow_territory(territory, f"{prefix}need__")


def _published(start: date, end: date, territory: Territory | None) -> QuerySet[Flow]:
    low, high = _bounds(start, end)
    return (
        Flow.objects.filter(published_at__gte=low, published_at__lt=high, is_estimate=False)
        .exclude(status=Flow.Status.DRAFT)
        .filter(_flow_territory(territory))
    )


def _entered(stages, start: date, end: date, territory: Territory | None) -> QuerySet[SynergyStageChange]:
    low, high = _bounds(start, end)
    return SynergyStageChange.objects.filter(to_stage__in=stages, at__gte=low, at__lt=high).filter(
        _synergy_territory(territory, "synergy__")
    )


def flows_mapped(start: date, end: date, territory: Territory | None = None) -> dict[str, int]:
    """{"offers": n, "needs": n}: flows published in the period."""
    counts = dict.fromkeys(("offer", "need"), 0)
    for direction in _published(start, end, territory).values_list("direction", flat=True):
        counts[direction] += 1
    return {"offers": counts["offer"], "needs": counts["need"]}


def synergies_by_stage(start: date, end: date, territory: Territory | None = None) -> dict[str, int]:
    """{stage: synergies that entered that stage in the period}, every stage present."""
    counts = dict.fromkeys(Synergy.Stage.values, 0)
    rows = _entered(Synergy.Stage.values, start, end, territory).values_list("to_stage", "synergy_id").distinct()
    for stage, _synergy in rows:
        counts[stage] += 1
    return counts


def _implemented_figures(start: date, end: date, territory: Territory | None) -> outcomes.StageFigures:
    """The figures of the synergies implemented in the period, as the funnel counts them."""
    synergies = Synergy.objects.filter(_synergy_territory(territory))
    return outcomes.stage_figures(synergies, start, end)[Synergy.Stage.IMPLEMENTED]


def tonnes_diverted(start: date, end: date, territory: Territory | None = None) -> float:
    """Tonnes diverted from disposal by the synergies implemented in the period: the actual
    quantities exchanged in the period when recorded, else the yearly estimate of their impact
    (while still implemented)."""
    return round(_implemented_figures(start, end, territory).tonnes, 3)


def co2e_avoided(start: date, end: date, territory: Territory | None = None) -> float:
    """Tonnes of CO2e avoided by the synergies implemented in the period (actual or estimated)."""
    return round(_implemented_figures(start, end, territory).co2e, 3)


def value_exchanged(start: date, end: date, territory: Territory | None = None) -> float:
    """Euros paid at the agreed price for the actual quantities of the synergies implemented in the period."""
    return float(_implemented_figures(start, end, territory).eur)


def companies_involved(start: date, end: date, territory: Territory | None = None) -> int:
    """Distinct companies that published a flow or took part in a synergy that reached discussion
    or beyond in the period (a company counts for the territory of its flow)."""
    companies = set(_published(start, end, territory).values_list("organisation_id", flat=True))
    low, high = _bounds(start, end)
    changes = SynergyStageChange.objects.filter(to_stage__in=ENGAGED_STAGES, at__gte=low, at__lt=high)
    for side in ("offer", "need"):
        flows = Flow.objects.filter(
            _flow_territory(territory), **{f"synergies_as_{side}__in": changes.values("synergy_id")}
        )
        companies.update(flows.values_list("organisation_id", flat=True))
    return len(companies)


def awareness_meetings_held(start: date, end: date, territory: Territory | None = None) -> int:
    meetings = AwarenessMeeting.objects.filter(date__gte=start, date__lte=end)
    if territory is not None:
        if territory.level == Territory.Level.COUNTRY:
            meetings = meetings.filter(commune__country=territory.country)
        elif territory.level == Territory.Level.REGION:
            meetings = meetings.filter(commune__department__parent=territory)
        else:
            meetings = meetings.filter(commune__department=territory)
    return meetings.count()


# --- registration (circuito.indicators) --------------------------------------------------------


def flows_count(start: date, end: date, territory: Territory | None = None) -> int:
    return sum(flows_mapped(start, end, territory).values())


def synergies_entered(stage: str, start: date, end: date, territory: Territory | None = None) -> int:
    return synergies_by_stage(start, end, territory)[stage]


def awareness_by_partner(start: date, end: date) -> dict:
    from circuito.indicators import count_by_partner

    return count_by_partner(AwarenessMeeting.objects.filter(date__gte=start, date__lte=end), "organiser")


def register_indicators() -> None:
    """What reporting may count from this app (called by the app's ready())."""
    from functools import partial

    from django.utils.translation import gettext_lazy as _

    from circuito.indicators import EUR, ORGANISATIONS, TONNES_CO2E, TONNES_PER_YEAR, Dimension, register

    def add(key: str, label_fr: str, label_it: str, count, **options) -> None:
        register(f"bourseflux.{key}", app="bourseflux", label_fr=label_fr, label_it=label_it, count=count, **options)

    add(
        "flows_mapped",
        "Flux cartographiés sur la bourse des flux",
        "Flussi mappati sulla borsa dei flussi",
        flows_count,
        breakdowns={"direction": Dimension(flows_mapped, _("Direction"), {"offers": _("Offers"), "needs": _("Needs")})},
    )
    add(
        "synergies_proposed",
        "Synergies proposées",
        "Sinergie proposte",
        partial(synergies_entered, Synergy.Stage.PROPOSED),
    )
    add(
        "synergies_implemented",
        "Synergies réalisées",
        "Sinergie realizzate",
        partial(synergies_entered, Synergy.Stage.IMPLEMENTED),
    )
    add(
        "tonnes_diverted",
        "Tonnes par an détournées de l'élimination",
        "Tonnellate all'anno sottratte allo smaltimento",
        tonnes_diverted,
        unit=TONNES_PER_YEAR,
    )
    add(
        "co2e_avoided",
        "Tonnes de CO2e évitées par les synergies réalisées",
        "Tonnellate di CO2e evitate dalle sinergie realizzate",
        co2e_avoided,
        unit=TONNES_CO2E,
    )
    add(
        "value_exchanged",
        "Valeur des matières échangées (€)",
        "Valore dei materiali scambiati (€)",
        value_exchanged,
        unit=EUR,
    )
    add(
        "companies_involved",
        "Entreprises impliquées dans la bourse des flux",
        "Imprese coinvolte nella borsa dei flussi",
        companies_involved,
        unit=ORGANISATIONS,
    )
    add(
        "awareness_meetings",
        "Réunions de sensibilisation à l'économie circulaire tenues",
        "Incontri di sensibilizzazione all'economia circolare svolti",
        awareness_meetings_held,
        by_partner=awareness_by_partner,
    )
