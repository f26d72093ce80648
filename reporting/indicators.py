"""Indicators counted from this app's own records (steering committees, structures taking part)
and the programme's result indicator on innovative services, built on what the feature apps
registered. Registered in circuito.indicators by the app's ready(), like every app's."""

from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from circuito import indicators
from circuito.indicators import ORGANISATIONS, Dimension, Number, register

# The charter's partner kinds, grouped as in the I.1-output indicator's target breakdown.
_CHARTER_GROUPS = {
    "regional_public_authority": "regional_public_authorities",
    "territorial_public_authority": "territorial_public_authority",
    "university": "universities",
    "intermediary": "intermediaries",
}
STRUCTURE_GROUPS = {
    "regional_public_authorities": _("Regional public authorities"),
    "territorial_public_authority": _("Territorial public authorities"),
    "universities": _("Universities"),
    "intermediaries": _("Intermediaries (chambers of commerce, implementing bodies)"),
    "other": _("Other structures"),
}

# The three services of the I.1-result indicator, each "created" once the portal holds its first
# evidence: a Tiers-Lieu on the platform, a flow on the map, a synergy proposed on the exchange.
INNOVATIVE_SERVICES = {
    "tierslieux_platform": ("tierslieux.places", _("Online platform of the Tiers-Lieux and their services")),
    "flow_map": ("bourseflux.flows_mapped", _("Portal mapping the companies' incoming and outgoing flows")),
    "flux_exchange": ("bourseflux.synergies_proposed", _("Exchange matching the demand and supply of flows")),
}
BEGINNING = date(2000, 1, 1)  # before any record of the portal


def _meetings(kind: str):
    def count(start: date, end: date) -> Number:
        from django.utils import timezone

        from reporting.models import Meeting

        # Held (dated up to today) with approved minutes: a planned meeting never counts.
        return Meeting.objects.filter(
            kind=kind,
            date__gte=start,
            date__lte=min(end, timezone.localdate()),
            minutes_status=Meeting.MinutesStatus.APPROVED,
        ).count()

    return count


def structures_by_kind(start: date, end: date) -> dict[str, int]:
    """Partners and implementing bodies taking part, grouped like the indicator's breakdown:
    a partner by its charter kind, an implementing body as an intermediary."""
    from circuito.accounts.charter import load_charter_data
    from circuito.accounts.models import Organisation

    kinds = {p["code"]: p.get("kind", "") for p in load_charter_data()["partners"]}
    counts = dict.fromkeys(list(STRUCTURE_GROUPS)[:4], 0)
    rows = Organisation.objects.filter(
        kind__in=(Organisation.Kind.PARTNER, Organisation.Kind.IMPLEMENTING_BODY)
    ).values_list("kind", "partner_code")
    for kind, code in rows:
        group = (
            "intermediaries" if kind == Organisation.Kind.IMPLEMENTING_BODY else _CHARTER_GROUPS.get(kinds.get(code))
        )
        group = group or "other"
        counts[group] = counts.get(group, 0) + 1
    return counts


def structures_participating(start: date, end: date) -> Number:
    return sum(structures_by_kind(start, end).values())


def _in_service(key: str, day: date) -> bool:
    return (indicators.value(key, BEGINNING, day) or 0) > 0


def services_created(start: date, end: date) -> dict[str, int]:
    """1 for each service whose first evidence falls in [start, end], else 0."""
    before = start - timedelta(days=1)
    return {
        name: int(_in_service(key, end) and not _in_service(key, before))
        for name, (key, _label) in INNOVATIVE_SERVICES.items()
    }


def innovative_services(start: date, end: date) -> Number:
    return sum(services_created(start, end).values())


def register_indicators() -> None:
    """Called by the app's ready()."""
    register(
        "committees.in_person",
        app="reporting",
        label_fr="Comités de pilotage tenus en présentiel (procès-verbal approuvé)",
        label_it="Comitati di pilotaggio svolti in presenza (verbale approvato)",
        count=_meetings("in_person"),
        territorial=False,
    )
    register(
        "committees.videoconference",
        app="reporting",
        label_fr="Comités de pilotage tenus en visioconférence (procès-verbal approuvé)",
        label_it="Comitati di pilotaggio svolti in videoconferenza (verbale approvato)",
        count=_meetings("videoconference"),
        territorial=False,
    )
    register(
        "structures.participating",
        app="reporting",
        label_fr="Structures participant au projet (partenaires et organismes délégués)",
        label_it="Strutture che partecipano al progetto (partner e enti attuatori)",
        count=structures_participating,
        unit=ORGANISATIONS,
        territorial=False,
        breakdowns={"kind": Dimension(structures_by_kind, _("Kind of structure"), STRUCTURE_GROUPS)},
    )
    register(
        "services.innovative",
        app="reporting",
        label_fr="Services innovants créés (plateforme Tiers-Lieux, carte des flux, bourse des flux)",
        label_it="Servizi innovativi creati (piattaforma Tiers-Lieux, mappa dei flussi, borsa dei flussi)",
        count=innovative_services,
        territorial=False,
        breakdowns={
            "service": Dimension(
                services_created, _("Service"), {name: label for name, (_key, label) in INNOVATIVE_SERVICES.items()}
            )
        },
    )
