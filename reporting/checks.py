"""System check: every deliverable and indicator that says its achieved value is computed points
at an indicator some app registered (circuito.indicators). A key nobody registered would silently
read "not available" in every report, so `manage.py check` fails on it instead."""

from django.core.checks import Error, register
from django.db import DatabaseError

from circuito import indicators


def unregistered_sources() -> list[tuple[str, str, str]]:
    """(what, which, key) for each deliverable or indicator whose source is not registered."""
    from reporting.models import Deliverable, Indicator
    from reporting.sources import MANUAL

    found = []
    rows = Deliverable.objects.exclude(source=MANUAL).values_list("activity__code", "order", "source")
    for code, order, key in rows:
        if not indicators.is_registered(key):
            found.append(("deliverable", f"{code} #{order + 1}", key))
    for code, key in Indicator.objects.exclude(source="").values_list("code", "source"):
        if not indicators.is_registered(key):
            found.append(("indicator", code, key))
    return found


@register()
def check_indicator_sources(app_configs=None, **kwargs) -> list[Error]:
    from reporting.figures import SECTION_SOURCES

    errors = [
        Error(
            f"Report section {section!r} reads the indicator {key!r}, which no app registered.",
            hint="Register it in the app's indicators (circuito.indicators.register) or fix the key.",
            id="reporting.E002",
        )
        for section, key in SECTION_SOURCES
        if not indicators.is_registered(key)
    ]
    try:
        found = unregistered_sources()
    except DatabaseError:
        return errors  # no database yet (before `migrate`): nothing stored to check
    errors += [
        Error(
            f"The {what} {which} is counted from the indicator {key!r}, which no app registered.",
            hint="Register the indicator in its app (circuito.indicators.register), or link the "
            f"{what} to a registered indicator in the portal.",
            id="reporting.E001",
        )
        for what, which, key in found
    ]
    return errors
