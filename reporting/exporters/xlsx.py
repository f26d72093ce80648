"""The report as an XLSX workbook (circuito.exports), one sheet per section, numbers as numbers
and dates as dates so the reader can sum, sort and chart them. Rendered from the frozen figures
only, in the active language."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from circuito.exports import DATETIME_FORMAT, MONEY_FORMAT, Cell, Sheet, percent, xlsx_bytes
from reporting.exporters import labels

HEADER_FILL = "E9ECEF"


def _sheet(title: str, header: list[str], widths: list[int], rows: list[list], money: tuple[int, ...] = ()) -> Sheet:
    """A section's sheet; the numbers of the `money` columns (0-based) in the money format."""
    formats = dict.fromkeys(money, MONEY_FORMAT)
    return Sheet(title, rows, header=header, widths=widths, formats=formats, header_fill=HEADER_FILL)


def _bold(row: list) -> list:
    """A total's row: every cell bold, keeping its number format."""
    return [Cell(v.value, v.number_format, bold=True) if isinstance(v, Cell) else Cell(v, bold=True) for v in row]


def _day(iso: str) -> datetime.date | None:
    """A date of the figures (stored as ISO text) as a real date."""
    return datetime.date.fromisoformat(iso) if iso else None


def _share(part: str, whole: str) -> Cell | str:
    """`part` / `whole` as a percentage cell, "—" when there is no whole."""
    whole_d = Decimal(whole)
    return percent((Decimal(part) / whole_d).quantize(Decimal("0.0001"))) if whole_d else "—"


def _last_made(figures: dict) -> Cell | str:
    last = (figures.get("report") or {}).get("last")
    return Cell(_local(last["made"]), DATETIME_FORMAT) if last else "—"


def _local(iso: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(iso)


def _summary(figures: dict, title: str) -> Sheet:
    project = figures["project"]
    generated = figures["generated_at"]
    rows = [
        (_("Project"), f"{project['acronym']} — {project['title']}"),
        (_("Programme"), project["programme"]),
        (_("Report"), labels.kind_label(figures["period"]["kind"])),
        (_("Period"), labels.period_title(figures)),
        (pgettext("date range", "From"), _day(figures["period"]["start"])),
        (pgettext("date range", "To"), _day(figures["period"]["end"])),
        (_("Language"), figures["language"]),
        (
            _("Figures collected on"),
            Cell(datetime.datetime.fromisoformat(generated), DATETIME_FORMAT) if generated else "",
        ),
        (_("Edition"), (project.get("edition") or {}).get("name", "")),
        (_("Version"), (figures.get("report") or {}).get("version", 1)),
        (_("Changes counted since the report made on"), _last_made(figures)),
    ]
    lines = [[Cell(title, bold=True, size=14)], *([Cell(label, bold=True), value] for label, value in rows)]
    return Sheet(_("Summary"), lines, widths=[28, 90])


def _key_figures(figures: dict) -> Sheet:
    header = [_("Figure"), _("Previous periods"), _("This period"), _("Cumulative")]
    rows = [
        [labels.row_label(r["key"]), r["previous"], r["period"], r["cumulative"]]
        for r in figures.get("key_figures", [])
    ]
    totals = figures["expenditure"]["totals"]
    rows.append(
        [
            _("Declared expenditure (EUR)"),
            *(Cell(Decimal(totals[name]), MONEY_FORMAT) for name in ("previous", "current", "cumulative")),
        ]
    )
    return _sheet(_("Key figures"), header, [50, 16, 16, 16], rows)


def _progress(figures: dict) -> Sheet:
    """The partners' progress narrative per work package (the monitoring forms)."""
    header = [_("Work package"), _("Period"), _("Partner"), _("Progress in the period"), _("Original language")]
    rows = [
        [wp["code"], entry["period"], entry["partner"], Cell(entry["text"], wrap=True), entry["lang"].upper()]
        for wp in figures["work_packages"]
        for entry in wp.get("narrative", [])
    ]
    return _sheet(_("Progress"), header, [12, 8, 10, 90, 12], rows)


def _deliverables(figures: dict) -> Sheet:
    header = [
        _("Work package"),
        _("Activity"),
        _("Deliverable"),
        _("Responsible partner"),
        _("Due month"),
        _("Target"),
        _("Previous periods"),
        _("Achieved in the period"),
        _("Achieved (cumulative)"),
        _("In the last report"),
        _("Change since the last report"),
        _("Status"),
        _("Counted from"),
    ]
    rows = [
        [
            wp["code"],
            f"{activity['code']} {activity['name']}",
            d["name"],
            d["responsible"],
            d["due_month"],
            d["target"],
            d.get("previous"),
            d["achieved_period"],
            d["achieved"],
            d.get("reported"),
            d.get("change"),
            labels.status_label(d["status"]),
            d.get("source_label") or _("Evidence entered by the partners"),
        ]
        for wp in figures["work_packages"]
        for activity in wp["activities"]
        for d in activity["deliverables"]
    ]
    return _sheet(_("Deliverables"), header, [12, 40, 50, 12, 10, 10, 14, 14, 14, 14, 14, 14, 40], rows)


def _indicators(figures: dict) -> Sheet:
    header = [
        _("Code"),
        _("Indicator"),
        _("Target"),
        _("Previous periods"),
        _("Achieved in the period"),
        _("Achieved (cumulative)"),
        _("Change since the last report"),
    ]
    rows = []
    for indicator in figures["indicators"]:
        rows.append(
            [
                Cell(indicator["code"], bold=True),
                indicator["name"],
                indicator["target"],
                indicator.get("previous"),
                indicator["achieved_period"],
                indicator["achieved"],
                indicator.get("change"),
            ]
        )
        for part in indicator["breakdown"]:
            rows.append(["", f"  {labels.breakdown_label(part)}", part["target"], None, None, part["achieved"], None])
    return _sheet(_("Indicators"), header, [14, 60, 10, 14, 14, 14, 14], rows)


def _registered(figures: dict) -> Sheet:
    header = [_("Key"), _("Indicator"), _("Unit"), _("Previous periods"), _("This period"), _("Cumulative")]
    rows = [
        [r["key"], r["label"], labels.unit_label(r["unit"]), r["previous"], r["period"], r["cumulative"]]
        for r in figures.get("registered", [])
    ]
    return _sheet(_("Portal indicators"), header, [34, 60, 16, 14, 14, 14], rows)


def _breakdowns(figures: dict) -> Sheet:
    """Every group of every breakdown (zeros included), one row each: easy to filter and pivot."""
    header = [_("Key"), _("Indicator"), _("Breakdown"), _("Group"), _("This period"), _("Cumulative")]
    rows = [
        [r["key"], r["label"], b["label"], g["label"], g["period"], g["cumulative"]]
        for r in figures.get("registered", [])
        for b in r["breakdowns"]
        for g in b["groups"]
    ]
    return _sheet(_("Breakdowns"), header, [34, 50, 20, 40, 14, 14], rows)


def _target_groups(figures: dict) -> Sheet:
    header = [_("Target group"), _("Unit"), _("Group"), _("This period"), _("Cumulative")]
    rows = []
    for row in figures.get("target_groups", []):
        rows.append(
            [Cell(row["label"], bold=True), labels.unit_label(row["unit"]), "", row["period"], row["cumulative"]]
        )
        for breakdown in row["breakdowns"]:
            rows.extend(
                ["", breakdown["label"], group["label"], group["period"], group["cumulative"]]
                for group in breakdown["groups"]
            )
    return _sheet(_("Target groups"), header, [50, 16, 40, 14, 14], rows)


def _activity_figures(figures: dict) -> Sheet:
    header = [_("Section"), _("Figure"), _("In the period"), _("Cumulative")]
    sections = [
        (_("Focus groups"), figures["focus_groups"]),
        (_("Communication and events"), figures["communication"]),
        (_("Tiers-Lieux and flux exchange"), figures["platforms"]),
    ]
    rows = [
        [section, labels.row_label(row["key"]), row["period"], row["cumulative"]]
        for section, section_rows in sections
        for row in section_rows
    ]
    counts = figures["committees"]["counts"]
    rows.append(
        [_("Steering committee"), _("Meetings held in person"), counts["in_person_period"], counts["in_person"]]
    )
    rows.append(
        [
            _("Steering committee"),
            _("Videoconferences held"),
            counts["videoconference_period"],
            counts["videoconference"],
        ]
    )
    return _sheet(_("Activity figures"), header, [30, 55, 14, 14], rows)


def _committees(figures: dict) -> Sheet:
    header = [_("Date"), _("Meeting"), _("City"), _("Project month"), _("Held"), _("Minutes approved")]
    rows = [
        [
            _day(m["date"]),
            f"{labels.meeting_kind_label(m['kind'])} {m['number']}",
            m["city"],
            m["month"],
            _("yes") if m["held"] else _("no"),
            _("yes") if m["minutes_approved"] else _("no"),
        ]
        for m in figures["committees"]["meetings"]
    ]
    return _sheet(_("Steering committee"), header, [12, 26, 20, 12, 10, 14], rows)


AMOUNTS = (
    "budget",
    "previous",
    "current",
    "cumulative",
    "erdf_current",
    "counterpart_current",
    "erdf",
    "counterpart",
)


def _amounts(row: dict) -> list[Decimal]:
    return [Decimal(row.get(name, "0")) for name in AMOUNTS]


def _expenditure(figures: dict) -> Sheet:
    header = [
        _("Partner"),
        _("Cost category"),
        _("Budget (EUR)"),
        _("Previous periods (EUR)"),
        _("This report (EUR)"),
        _("Cumulative (EUR)"),
        _("ERDF, this report (EUR)"),
        _("National counterpart, this report (EUR)"),
        _("ERDF, cumulative (EUR)"),
        _("National counterpart, cumulative (EUR)"),
        _("Share of budget"),
        _("Over budget"),
    ]
    expenditure = figures["expenditure"]
    rows = []
    for partner in expenditure["partners"]:
        for row in partner["categories"]:
            rows.append(
                [
                    partner["code"],
                    labels.category_label(row["category"]),
                    *_amounts(row),
                    _share(row["cumulative"], row["budget"]),
                    _("yes") if row["over_budget"] else "",
                ]
            )
        rows.append(
            _bold(
                [partner["code"], _("Total"), *_amounts(partner), _share(partner["cumulative"], partner["budget"]), ""]
            )
        )
    for row in expenditure["categories"]:
        rows.append(
            [
                _("All partners"),
                labels.category_label(row["category"]),
                *_amounts(row),
                _share(row["cumulative"], row["budget"]),
                "",
            ]
        )
    totals = expenditure["totals"]
    rows.append(
        _bold([_("All partners"), _("Total"), *_amounts(totals), _share(totals["cumulative"], totals["budget"]), ""])
    )
    widths = [12, 34, 16, 18, 18, 18, 18, 18, 18, 18, 12, 12]
    return _sheet(_("Expenditure"), header, widths, rows, money=tuple(range(2, 10)))


def _co_financing(figures: dict) -> Sheet:
    header = [
        _("Partner"),
        _("Name"),
        _("Budget (EUR)"),
        _("Declared, cumulative (EUR)"),
        _("Share of budget"),
        _("ERDF rate"),
        _("ERDF share of the declared (EUR)"),
        _("National counterpart rate"),
        _("National counterpart of the declared (EUR)"),
    ]
    rows = [
        [
            partner["code"],
            partner["name"],
            Decimal(partner["budget"]),
            Decimal(partner["cumulative"]),
            _share(partner["cumulative"], partner["budget"]),
            Cell(Decimal(partner.get("erdf_rate", "0")), "0.00%"),
            Decimal(partner.get("erdf", "0")),
            Cell(Decimal(partner.get("national_rate", "0")), "0.00%"),
            Decimal(partner.get("counterpart", "0")),
        ]
        for partner in figures["expenditure"]["partners"]
    ]
    return _sheet(_("Co-financing"), header, [12, 40, 16, 20, 12, 10, 20, 12, 20], rows, money=(2, 3, 6, 8))


def _monitoring(figures: dict) -> Sheet:
    header = [
        _("Period"),
        _("Partner"),
        _("Work package"),
        _("Problems met"),
        _("Corrective actions"),
        _("Original language"),
    ]
    rows: list[list] = [
        [
            entry["period"],
            entry["partner"],
            entry["work_package"],
            Cell(entry["problems"], wrap=True),
            Cell(entry["corrective_actions"], wrap=True),
            (entry.get("problems_lang") or entry.get("corrective_actions_lang") or "").upper(),
        ]
        for entry in figures["monitoring"]["entries"]
    ]
    missing = figures["monitoring"]["missing"]
    if missing:
        rows.append([])
        rows.append([Cell(_("Monitoring forms not submitted"), bold=True)])
        rows.extend([row["period"], row["partner"]] for row in missing)
    return _sheet(_("Problems and actions"), header, [8, 10, 12, 60, 60, 12], rows)


def _annexes(figures: dict) -> Sheet:
    header = [_("Date"), _("Activity"), _("Annex"), _("Partner"), _("Count"), _("File"), _("Link"), _("Note")]
    rows = [
        [
            _day(row["date"]),
            row["reference"],
            labels.annex_title(row),
            row["partner"],
            row["count"],
            row["file"],
            row["link"],
            row.get("note", ""),
        ]
        for row in figures.get("annexes", [])
    ]
    return _sheet(_("Annexes"), header, [12, 10, 50, 10, 8, 40, 50, 40], rows)


def render(figures: dict, title: str) -> bytes:
    """The workbook's bytes. Call with the report's language active."""
    return xlsx_bytes(
        [
            _summary(figures, title),
            _key_figures(figures),
            _progress(figures),
            _deliverables(figures),
            _indicators(figures),
            _registered(figures),
            _breakdowns(figures),
            _target_groups(figures),
            _activity_figures(figures),
            _committees(figures),
            _expenditure(figures),
            _co_financing(figures),
            _monitoring(figures),
            _annexes(figures),
        ]
    )
