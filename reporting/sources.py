"""Where computed achieved values come from: a deliverable's or an indicator's `source` is a key
of circuito.indicators, where every app registers its indicator functions when it starts. This
module reads that registry only. Dates are inclusive.

`compute` returns None for a key nobody registered (the pages then say "not available" rather
than a misleading zero); `manage.py check` reports such keys (reporting.checks)."""

from datetime import date

from django.utils.translation import gettext_lazy as _

from circuito import indicators
from circuito.indicators import Number
from circuito.translated import current_language

MANUAL = "manual"

# Keys this app's report sections read by name; the system check requires them registered.
FOCUS_GROUP_STUDIES = ("3.2", "3.3", "5.2")


def compute(key: str, start: date, end: date) -> Number:
    return indicators.value(key, start, end)


def breakdown(key: str, start: date, end: date) -> dict[str, Number]:
    """The one breakdown an indicator's target is split by (its app's own dimension, e.g. the kind
    of structure), or {} when it has none."""
    indicator = indicators.get(key)
    if indicator is None or not indicator.breakdowns:
        return {}
    dimension = next(iter(indicator.breakdowns.values()))
    return dimension.count(start, end)


def group_label(key: str, group: str) -> str:
    """The name of a group of the indicator's breakdown (e.g. "Universities"), in the active language."""
    from reporting.indicators import STRUCTURE_GROUPS

    indicator = indicators.get(key)
    if indicator is not None and indicator.breakdowns:
        dimension = next(iter(indicator.breakdowns.values()))
        if group in dimension.labels:
            return dimension.group_label(group)
    # The charter's target breakdown (by kind of structure) names its groups the same way.
    return str(STRUCTURE_GROUPS.get(group, group))


def label(key: str) -> str:
    indicator = indicators.get(key)
    return indicator.label(current_language()) if indicator else key


def choices(*, manual: bool = False) -> list[tuple[str, str]]:
    """(key, label) of every registered indicator in the active language, for the lead partner to
    link a deliverable (with "manual") or an indicator (with "none") to."""
    first = [(MANUAL, _("Manual entries with evidence"))] if manual else [("", _("No computed value"))]
    language = current_language()
    return first + sorted(((i.key, i.label(language)) for i in indicators.registered()), key=lambda c: c[1])
