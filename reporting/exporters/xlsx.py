"""The report as an XLSX workbook (openpyxl), one sheet per section, numbers as numbers so the
reader can sum and chart them. Rendered from the frozen figures only, in the active language."""

from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from reporting.exporters import labels

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="E9ECEF")
TITLE_FONT = Font(bold=True, size=14)
MONEY_FORMAT = "#,##0.00"


def _sheet(workbook: Workbook, title: str, header: list[str], widths: list[int]):
    sheet = workbook.create_sheet(title[:31])
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _money_cells(sheet, columns: range) -> None:
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if cell.column in columns and isinstance(cell.value, int | float | Decimal):
                cell.number_format = MONEY_FORMAT


def _summary(workbook: Workbook, figures: dict, title: str) -> None:
    sheet = workbook.active
    sheet.title = _("Summary")[:31]
    sheet.append([title])
    sheet["A1"].font = TITLE_FONT
    project = figures["project"]
    rows = [
        (_("Project"), f"{project['acronym']} — {project['title']}"),
        (_("Programme"), project["programme"]),
        (_("Report"), labels.kind_label(figures["period"]["kind"])),
        (_("Period"), labels.period_title(figures)),
        (_("From"), figures["period"]["start"]),
        (_("To"), figures["period"]["end"]),
        (_("Language"), figures["language"]),
        (_("Figures collected on"), figures["generated_at"][:16].replace("T", " ")),
    ]
    for label, value in rows:
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=1).font = HEADER_FONT
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 90


def _deliverables(workbook: Workbook, figures: dict) -> None:
    sheet = _sheet(
        workbook,
        _("Deliverables"),
        [
            _("Work package"),
            _("Activity"),
            _("Deliverable"),
            _("Responsible partner"),
            _("Due month"),
            _("Target"),
            _("Achieved in the period"),
            _("Achieved (cumulative)"),
            _("Status"),
        ],
        [12, 40, 50, 12, 10, 10, 14, 14, 14],
    )
    for wp in figures["work_packages"]:
        for activity in wp["activities"]:
            for d in activity["deliverables"]:
                sheet.append(
                    [
                        wp["code"],
                        f"{activity['code']} {activity['name']}",
                        d["name"],
                        d["responsible"],
                        d["due_month"],
                        d["target"],
                        d["achieved_period"],
                        d["achieved"],
                        labels.status_label(d["status"]),
                    ]
                )


def _indicators(workbook: Workbook, figures: dict) -> None:
    sheet = _sheet(
        workbook,
        _("Indicators"),
        [_("Code"), _("Indicator"), _("Target"), _("Achieved in the period"), _("Achieved (cumulative)")],
        [14, 60, 10, 14, 14],
    )
    for indicator in figures["indicators"]:
        sheet.append(
            [
                indicator["code"],
                indicator["name"],
                indicator["target"],
                indicator["achieved_period"],
                indicator["achieved"],
            ]
        )
        sheet.cell(row=sheet.max_row, column=1).font = HEADER_FONT
        for part in indicator["breakdown"]:
            sheet.append(["", f"  {labels.breakdown_label(part['key'])}", part["target"], None, part["achieved"]])


def _activity_figures(workbook: Workbook, figures: dict) -> None:
    sheet = _sheet(
        workbook,
        _("Activity figures"),
        [_("Section"), _("Figure"), _("In the period"), _("Cumulative")],
        [30, 55, 14, 14],
    )
    sections = [
        (_("Focus groups"), figures["focus_groups"]),
        (_("Communication and events"), figures["communication"]),
        (_("Tiers-Lieux and flux exchange"), figures["platforms"]),
    ]
    for section, rows in sections:
        for row in rows:
            sheet.append([section, labels.row_label(row["key"]), row["period"], row["cumulative"]])
    counts = figures["committees"]["counts"]
    sheet.append(
        [_("Steering committee"), _("Meetings held in person"), counts["in_person_period"], counts["in_person"]]
    )
    sheet.append(
        [
            _("Steering committee"),
            _("Videoconferences held"),
            counts["videoconference_period"],
            counts["videoconference"],
        ]
    )


def _committees(workbook: Workbook, figures: dict) -> None:
    sheet = _sheet(
        workbook,
        _("Steering committee"),
        [_("Date"), _("Meeting"), _("City"), _("Project month"), _("Held"), _("Minutes approved")],
        [12, 26, 20, 12, 10, 14],
    )
    for m in figures["committees"]["meetings"]:
        sheet.append(
            [
                m["date"],
                f"{labels.meeting_kind_label(m['kind'])} {m['number']}",
                m["city"],
                m["month"],
                _("yes") if m["held"] else _("no"),
                _("yes") if m["minutes_approved"] else _("no"),
            ]
        )


def _expenditure(workbook: Workbook, figures: dict) -> None:
    sheet = _sheet(
        workbook,
        _("Expenditure"),
        [
            _("Partner"),
            _("Cost category"),
            _("Budget (EUR)"),
            _("Previous periods (EUR)"),
            _("This report (EUR)"),
            _("Cumulative (EUR)"),
            _("Share of budget"),
            _("Over budget"),
        ],
        [12, 34, 16, 18, 18, 18, 12, 12],
    )
    expenditure = figures["expenditure"]
    for partner in expenditure["partners"]:
        for row in partner["categories"]:
            sheet.append(
                [
                    partner["code"],
                    labels.category_label(row["category"]),
                    Decimal(row["budget"]),
                    Decimal(row["previous"]),
                    Decimal(row["current"]),
                    Decimal(row["cumulative"]),
                    labels.percent(row["cumulative"], row["budget"]),
                    _("yes") if row["over_budget"] else "",
                ]
            )
        sheet.append(
            [
                partner["code"],
                _("Total"),
                *(Decimal(partner[name]) for name in ("budget", "previous", "current", "cumulative")),
                labels.percent(partner["cumulative"], partner["budget"]),
                "",
            ]
        )
        for cell in sheet[sheet.max_row]:
            cell.font = HEADER_FONT
    for row in expenditure["categories"]:
        sheet.append(
            [
                _("All partners"),
                labels.category_label(row["category"]),
                *(Decimal(row[name]) for name in ("budget", "previous", "current", "cumulative")),
                labels.percent(row["cumulative"], row["budget"]),
                "",
            ]
        )
    totals = expenditure["totals"]
    sheet.append(
        [
            _("All partners"),
            _("Total"),
            *(Decimal(totals[name]) for name in ("budget", "previous", "current", "cumulative")),
            labels.percent(totals["cumulative"], totals["budget"]),
            "",
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = HEADER_FONT
    _money_cells(sheet, range(3, 7))


def _co_financing(workbook: Workbook, figures: dict) -> None:
    sheet = _sheet(
        workbook,
        _("Co-financing"),
        [
            _("Partner"),
            _("Name"),
            _("Budget (EUR)"),
            _("Declared, cumulative (EUR)"),
            _("Share of budget"),
            _("ERDF rate"),
            _("ERDF share of the declared (EUR)"),
        ],
        [12, 40, 16, 20, 12, 10, 20],
    )
    for partner in figures["expenditure"]["partners"]:
        sheet.append(
            [
                partner["code"],
                partner["name"],
                Decimal(partner["budget"]),
                Decimal(partner["cumulative"]),
                labels.percent(partner["cumulative"], partner["budget"]),
                float(Decimal(partner.get("erdf_rate", "0"))),
                Decimal(partner.get("erdf", "0")),
            ]
        )
        sheet.cell(row=sheet.max_row, column=6).number_format = "0.00%"
    _money_cells(sheet, range(3, 5))
    _money_cells(sheet, range(7, 8))


def _monitoring(workbook: Workbook, figures: dict) -> None:
    sheet = _sheet(
        workbook,
        _("Problems and actions"),
        [_("Period"), _("Partner"), _("Work package"), _("Problems met"), _("Corrective actions")],
        [8, 10, 12, 60, 60],
    )
    for entry in figures["monitoring"]["entries"]:
        sheet.append(
            [entry["period"], entry["partner"], entry["work_package"], entry["problems"], entry["corrective_actions"]]
        )
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    missing = figures["monitoring"]["missing"]
    if missing:
        sheet.append([])
        sheet.append([_("Monitoring forms not submitted")])
        sheet.cell(row=sheet.max_row, column=1).font = HEADER_FONT
        for row in missing:
            sheet.append([row["period"], row["partner"]])


def render(figures: dict, title: str) -> bytes:
    """The workbook's bytes. Call with the report's language active."""
    workbook = Workbook()
    _summary(workbook, figures, title)
    _deliverables(workbook, figures)
    _indicators(workbook, figures)
    _activity_figures(workbook, figures)
    _committees(workbook, figures)
    _expenditure(workbook, figures)
    _monitoring(workbook, figures)
    _co_financing(workbook, figures)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
