"""Interface labels of the report files, translated when a file is rendered (in the report's
language): the figures store keys, not texts."""

import datetime
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from circuito import indicators
from reporting.models import CostCategory, Report
from reporting.progress import STATUS_LABELS

ROW_LABELS = {
    "3.2": gettext_lazy("Focus groups held for activity 3.2"),
    "3.3": gettext_lazy("Focus groups held for activity 3.3"),
    "5.2": gettext_lazy("Focus groups held for activity 5.2"),
    "events": gettext_lazy("Events held at Tiers-Lieux"),
    "open_innovation_events": gettext_lazy("Open Innovation events held"),
    "training_events": gettext_lazy("Training events held"),
    "b2b_meetings": gettext_lazy("B2B meetings held at events"),
    "referent_seminars": gettext_lazy("Referent training seminars held"),
    "awareness_meetings": gettext_lazy("Circular economy awareness meetings held"),
    "places": gettext_lazy("Tiers-Lieux registered on the platform"),
    "referents_trained": gettext_lazy("Tiers-Lieux referents trained"),
    "flows_mapped": gettext_lazy("Flows mapped on the flux exchange"),
    "synergies_implemented": gettext_lazy("Synergies implemented"),
    "flows": gettext_lazy("Flows mapped on the flux exchange"),
    "focus_groups": gettext_lazy("Focus groups held"),
    "committees": gettext_lazy("Steering committee meetings held (approved minutes)"),
}
LANGUAGE_NAMES = {"fr": gettext_lazy("French"), "it": gettext_lazy("Italian")}


def row_label(key: str) -> str:
    return str(ROW_LABELS.get(key, key))


def breakdown_label(part: dict) -> str:
    """A group of a programme indicator's breakdown: its name as stored with the figures."""
    return str(part.get("label") or part["key"])


def unit_label(key: str) -> str:
    return str(indicators.UNITS.get(key, key))


def original(lang: str) -> str:
    """The marker of a text shown in its original language ("" when it is in the report's)."""
    if not lang:
        return ""
    return " (" + _("original language: %(language)s") % {"language": LANGUAGE_NAMES.get(lang, lang)} + ")"


def marked(text: str, lang: str) -> str:
    return f"{text}{original(lang)}" if text else ""


def change(value) -> str:
    """What changed since the last report: "+3", "0", "—" when there is no last report."""
    if value is None:
        return "—"
    text = value_text(value)
    return f"+{text}" if value > 0 else text


def value_text(number) -> str:
    if isinstance(number, float):
        return f"{number:.1f}"
    return str(number)


def category_label(key: str) -> str:
    return str(dict(CostCategory.choices).get(key, key))


def status_label(key: str) -> str:
    return str(STATUS_LABELS.get(key, key))


def kind_label(key: str) -> str:
    return str(dict(Report.Kind.choices).get(key, key))


def meeting_kind_label(key: str) -> str:
    return _("Videoconference") if key == "videoconference" else _("In person")


def annex_title(row: dict) -> str:
    """An annex of the figures: a deliverable's name, or the minutes of a meeting."""
    if row["kind"] == "minutes":
        return _("Minutes of the steering committee: %(meeting)s") % {
            "meeting": f"{meeting_kind_label(row['title'])} {row['number']}"
        }
    return row["title"]


def value(number) -> str:
    """A figure for reading: "n/a" when its source is not available."""
    if number is None:
        return _("n/a")
    if isinstance(number, float):
        return f"{number:.1f}"
    return str(number)


def day(iso: str) -> str:
    """An ISO date of the figures in the active language's short format."""
    return formats.date_format(datetime.date.fromisoformat(iso), "SHORT_DATE_FORMAT") if iso else "—"


def moment(iso: str) -> str:
    """An ISO date and time of the figures in the active language's short format."""
    return formats.date_format(datetime.datetime.fromisoformat(iso), "SHORT_DATETIME_FORMAT") if iso else "—"


def money(amount: str) -> str:
    """The amount in the active language's number format, with the euro sign."""
    return f"{formats.number_format(Decimal(amount), 2, use_l10n=True, force_grouping=True)} €"


def percent(part: str, whole: str) -> str:
    whole_d = Decimal(whole)
    if not whole_d:
        return "—"
    return f"{round(100 * Decimal(part) / whole_d)} %"


def period_title(figures: dict) -> str:
    period = figures["period"]
    kind = period["kind"]
    if kind == Report.Kind.SEMESTRIAL:
        return _("Semester %(index)s (months %(first)s–%(last)s)") % {
            "index": period.get("number") or period["index"],
            "first": period["first_month"],
            "last": period["last_month"],
        }
    if kind == Report.Kind.ANNUAL:
        return _("Year %(year)s (months %(first)s–%(last)s)") % {
            "year": period["start"][:4],
            "first": period["first_month"],
            "last": period["last_month"],
        }
    return _("Months %(first)s–%(last)s") % {"first": period["first_month"], "last": period["last_month"]}
