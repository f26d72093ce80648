"""Why a candidate matches: a code with parameters (what the API gives), rendered in the reader's
active language by `Reason.text()` whatever language the two flows were written in."""

from dataclasses import dataclass, field

from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from bourseflux.models import Flow
from bourseflux.quantities import ALL_YEAR, month_ranges, months_of  # noqa: F401  (re-exported)


def _quantity(value: float) -> str:
    decimals = 0 if value >= 10 else (1 if value >= 1 else 3)
    return number_format(round(value, decimals), decimal_pos=decimals, use_l10n=True)


def _localised(names: dict) -> str:
    lang = (translation.get_language() or "fr")[:2]
    return names.get(lang) or names.get("fr") or names.get("it") or ""


def _state(code: str) -> str:
    try:
        return str(Flow.State(code).label)
    except ValueError:
        return code


# code -> message with named placeholders (English msgids, translated at render time).
MESSAGES = {
    "same_ewc": _("Same EWC code %(ewc)s"),
    "same_subchapter": _("Same EWC sub-chapter %(subchapter)s"),
    "same_category": _("Same category: %(category)s"),
    "same_root": _("Related category: %(category)s"),
    "same_material": _("Same material: %(material)s"),
    "possible_material": _("May be the same material: %(material)s"),
    "uses": _("Can be used as %(use)s"),
    "possible_use": _("May be usable as %(use)s"),
    "different_material": _("Not known to serve this need: %(material)s"),
    "state_convertible": _("Physical state differs but may fit: %(offered)s offered, %(needed)s needed"),
    "state_mismatch": _("Physical state differs: %(offered)s offered, %(needed)s needed"),
    "quantity_fit": _("Quantities fit: %(offered)s %(unit)s/year offered, %(needed)s %(unit)s/year needed"),
    "quantity_partial": _("Quantities differ: %(offered)s %(unit)s/year offered, %(needed)s %(unit)s/year needed"),
    "quantity_fit_hidden": _("Quantities fit"),
    "quantity_partial_hidden": _("Quantities differ"),
    "season_overlap": _("Available in %(months)s, when you need it"),
    "season_partial": _("Available in %(months)s, part of the time you need it"),
    "season_mismatch": _("Not available when needed: offered in %(offered)s, needed in %(needed)s"),
    "distance": _("%(km)s km by road (estimate)"),
    "cross_border": _("Cross-border: %(km)s km by road (estimate)"),
    "estimate": _("Estimate from the activity: not confirmed by the company"),
    "activity": _("Typical of its activity: %(activity)s"),
}


@dataclass(frozen=True)
class Reason:
    code: str
    params: dict = field(default_factory=dict)

    def text(self) -> str:
        """The reason in the active language."""
        p = self.params
        values: dict = {}
        for key in ("category", "activity", "material", "use"):
            if key in p:
                values[key] = _localised(p[key])
        for key in ("ewc", "subchapter", "unit"):
            if key in p:
                values[key] = p[key]
        if "km" in p:
            values["km"] = number_format(round(p["km"]), decimal_pos=0, use_l10n=True)
        for key in ("offered", "needed"):
            if key in p:
                value = p[key]
                if self.code.startswith("quantity"):
                    values[key] = _quantity(value)
                elif self.code.startswith("state"):
                    values[key] = _state(value)
                else:
                    values[key] = month_ranges(value)
        if "months" in p:
            values["months"] = month_ranges(p["months"])
        return str(MESSAGES[self.code]) % values

    def as_dict(self) -> dict:
        return {"code": self.code, "params": self.params, "text": self.text()}

    def __str__(self) -> str:
        return self.text()
