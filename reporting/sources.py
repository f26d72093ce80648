"""Where computed achieved values come from: a registry mapping a source key (stored on a
deliverable or an indicator) to a function(start, end) → number, built on the feature apps'
`indicators` modules and on this app's own records. Dates are inclusive.

A function returns None when its feature app does not expose the indicator (yet): the pages then
say "not available" instead of showing a misleading zero."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import import_module

from django.utils.translation import gettext_lazy as _

Number = int | float | None


@dataclass(frozen=True)
class Source:
    key: str
    label: str
    func: Callable[[date, date], Number]
    breakdown: Callable[[date, date], dict[str, int]] | None = None


REGISTRY: dict[str, Source] = {}


def register(key: str, label, breakdown: Callable | None = None):
    def decorator(func):
        REGISTRY[key] = Source(key, label, func, breakdown)
        return func

    return decorator


def _indicator(module: str, name: str) -> Callable | None:
    """The feature app's indicator function, or None while that app has not written it."""
    try:
        return getattr(import_module(module), name)
    except (ImportError, AttributeError):
        return None


def compute(key: str, start: date, end: date) -> Number:
    source = REGISTRY.get(key)
    return source.func(start, end) if source else None


def choices() -> list[tuple[str, str]]:
    return [("manual", _("Manual entries with evidence"))] + [(s.key, s.label) for s in REGISTRY.values()]


# --- focus groups -----------------------------------------------------------------------------


def _focus_groups(study_code: str) -> Callable[[date, date], Number]:
    def count(start: date, end: date) -> Number:
        func = _indicator("focusgroups.indicators", "sessions_held")
        return func(start, end, study_code=study_code) if func else None

    return count


register("focusgroups.held.3.2", _("Focus groups held for activity 3.2"))(_focus_groups("3.2"))
register("focusgroups.held.3.3", _("Focus groups held for activity 3.3"))(_focus_groups("3.3"))
register("focusgroups.held.5.2", _("Focus groups held for activity 5.2"))(_focus_groups("5.2"))


# --- Tiers-Lieux ------------------------------------------------------------------------------


@register("tierslieux.places", _("Tiers-Lieux registered on the platform"))
def places(start: date, end: date) -> Number:
    func = _indicator("tierslieux.indicators", "places_registered")
    return sum(func(start, end).values()) if func else None


@register("tierslieux.referents_trained", _("Tiers-Lieux referents trained"))
def referents_trained(start: date, end: date) -> Number:
    func = _indicator("tierslieux.indicators", "referents_trained")
    return func(start, end) if func else None


@register("tierslieux.seminars", _("Referent training seminars held"))
def seminars(start: date, end: date) -> Number:
    func = _indicator("tierslieux.indicators", "seminars_held")
    return func(start, end) if func else None


def _events(kind: str | None) -> Callable[[date, date], Number]:
    def count(start: date, end: date) -> Number:
        func = _indicator("tierslieux.indicators", "events_held")
        return func(start, end, kind=kind) if func else None

    return count


register("tierslieux.events", _("Events held"))(_events(None))
register("tierslieux.events.open_innovation", _("Open Innovation events held"))(_events("open_innovation"))
register("tierslieux.events.training", _("Training events held"))(_events("training"))


@register("tierslieux.b2b_meetings", _("B2B meetings held at events"))
def b2b_meetings(start: date, end: date) -> Number:
    func = _indicator("tierslieux.indicators", "b2b_meetings")
    return func(start, end) if func else None


# --- flux exchange ----------------------------------------------------------------------------


@register("bourseflux.flows_mapped", _("Flows mapped on the flux exchange"))
def flows_mapped(start: date, end: date) -> Number:
    func = _indicator("bourseflux.indicators", "flows_mapped")
    return sum(func(start, end).values()) if func else None


@register("bourseflux.synergies_implemented", _("Synergies implemented"))
def synergies_implemented(start: date, end: date) -> Number:
    func = _indicator("bourseflux.indicators", "synergies_by_stage")
    return func(start, end).get("implemented", 0) if func else None


@register("bourseflux.awareness_meetings", _("Circular economy awareness meetings held"))
def awareness_meetings(start: date, end: date) -> Number:
    func = _indicator("bourseflux.indicators", "awareness_meetings_held")
    return func(start, end) if func else None


# --- this app ---------------------------------------------------------------------------------


def _meetings(kind: str) -> Callable[[date, date], Number]:
    def count(start: date, end: date) -> Number:
        from reporting.models import Meeting

        return Meeting.objects.filter(
            kind=kind, date__gte=start, date__lte=end, minutes_status=Meeting.MinutesStatus.APPROVED
        ).count()

    return count


register("committees.in_person", _("Steering committee meetings held in person (approved minutes)"))(
    _meetings("in_person")
)
register("committees.videoconference", _("Steering committee videoconferences held (approved minutes)"))(
    _meetings("videoconference")
)

# The charter's partner kinds, grouped as in the I.1-output indicator's target breakdown.
_CHARTER_GROUPS = {
    "regional_public_authority": "regional_public_authorities",
    "territorial_public_authority": "territorial_public_authority",
    "university": "universities",
    "intermediary": "intermediaries",
}


def structures_by_kind(start: date, end: date) -> dict[str, int]:
    """Partners and implementing bodies taking part, grouped like the indicator's breakdown:
    a partner by its charter kind, an implementing body as an intermediary."""
    from circuito.accounts.charter import load_charter_data
    from circuito.accounts.models import Organisation

    kinds = {p["code"]: p.get("kind", "") for p in load_charter_data()["partners"]}
    counts = dict.fromkeys(_CHARTER_GROUPS.values(), 0)
    rows = Organisation.objects.filter(
        kind__in=(Organisation.Kind.PARTNER, Organisation.Kind.IMPLEMENTING_BODY)
    ).values_list("kind", "partner_code")
    for kind, code in rows:
        group = (
            "intermediaries" if kind == Organisation.Kind.IMPLEMENTING_BODY else _CHARTER_GROUPS.get(kinds.get(code))
        )
        if group:
            counts[group] += 1
        else:
            counts["other"] = counts.get("other", 0) + 1
    return counts


@register(
    "structures.participating", _("Structures taking part (partners and implementing bodies)"), structures_by_kind
)
def structures_participating(start: date, end: date) -> Number:
    return sum(structures_by_kind(start, end).values())
