"""The report as a PDF (ReportLab, embedded DejaVu fonts), with charts drawn by
reportlab.graphics: deliverables achieved against target per work package, and expenditure
against budget per partner. Rendered from the frozen figures only, in the active language."""

from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Spacer

from circuito.pdf import FONT, label_value_table, paragraph, register_fonts, render_document
from reporting.exporters import labels
from reporting.exporters.tables import grid, heading

TARGET_COLOUR = colors.HexColor("#adb5bd")
ACHIEVED_COLOUR = colors.HexColor("#0d6efd")
SPENT_COLOUR = colors.HexColor("#198754")
PAGE = landscape(A4)
WIDTH = PAGE[0] - 30 * mm


def _axis_label(value: float) -> str:
    return formats.number_format(round(value), 0, use_l10n=True, force_grouping=True)


def _bar_chart(title: str, categories: list[str], series: list[tuple[str, list[float], object]]) -> Drawing:
    """Grouped vertical bars with a legend; the value axis counts in the active language's format."""
    drawing = Drawing(WIDTH, 75 * mm)
    drawing.add(String(0, 70 * mm, title, fontName=FONT, fontSize=10))
    chart = VerticalBarChart()
    chart.x, chart.y = 15 * mm, 12 * mm
    chart.width, chart.height = WIDTH - 70 * mm, 52 * mm
    chart.data = [values or [0] for _name, values, _colour in series]
    chart.categoryAxis.categoryNames = categories or [""]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = _axis_label
    top = max([max(values or [0]) for _name, values, _colour in series] + [0])
    if top <= 10:  # whole steps for small counts (no "0.5 deliverable")
        chart.valueAxis.valueMax = max(top, 1)
        chart.valueAxis.valueStep = 1
    chart.barSpacing = 1
    chart.groupSpacing = 6
    for index, (_name, _values, colour) in enumerate(series):
        chart.bars[index].fillColor = colour
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = WIDTH - 50 * mm, 55 * mm
    legend.fontName = FONT
    legend.fontSize = 8
    legend.colorNamePairs = [(colour, name) for name, _values, colour in series]
    drawing.add(legend)
    return drawing


def _deliverables_chart(figures: dict) -> Drawing:
    """Deliverables planned and reached per work package: counting deliverables, not units, so a
    target of thousands of brochures does not flatten every other bar."""
    codes, planned, reached = [], [], []
    for wp in figures["work_packages"]:
        rows = [d for a in wp["activities"] for d in a["deliverables"]]
        codes.append(wp["code"])
        planned.append(len(rows))
        reached.append(sum(1 for d in rows if d["target"] and (d["achieved"] or 0) >= d["target"]))
    return _bar_chart(
        _("Deliverables reached against deliverables planned, per work package"),
        codes,
        [(_("Deliverables planned"), planned, TARGET_COLOUR), (_("Deliverables reached"), reached, ACHIEVED_COLOUR)],
    )


def _expenditure_chart(figures: dict) -> Drawing:
    partners = figures["expenditure"]["partners"]
    return _bar_chart(
        _("Expenditure against budget, per partner (EUR)"),
        [p["code"] for p in partners],
        [
            (_("Budget"), [float(Decimal(p["budget"])) for p in partners], TARGET_COLOUR),
            (_("Declared (cumulative)"), [float(Decimal(p["cumulative"])) for p in partners], SPENT_COLOUR),
        ],
    )


def _structure(figures: dict) -> list:
    story = heading(_("Activities and deliverables"))
    for wp in figures["work_packages"]:
        rows = []
        for activity in wp["activities"]:
            for d in activity["deliverables"]:
                rows.append(
                    [
                        activity["code"],
                        d["name"],
                        d["responsible"] or "—",
                        d["due_month"],
                        d["target"],
                        labels.value(d["achieved_period"]),
                        labels.value(d["achieved"]),
                        labels.status_label(d["status"]),
                    ]
                )
        title = heading(f"{wp['code']} {wp['name']} ({_('months')} {wp['first_month']}–{wp['last_month']})", "label")
        if not rows:
            story += [*title, paragraph(_("No deliverable."))]
            continue
        table = grid(
            [
                _("Activity"),
                _("Deliverable"),
                _("Responsible"),
                _("Due month"),
                _("Target"),
                _("In the period"),
                _("Cumulative"),
                _("Status"),
            ],
            rows,
            widths=[16 * mm, 0, 20 * mm, 18 * mm, 16 * mm, 20 * mm, 20 * mm, 26 * mm],
            total_width=WIDTH,
            flex=1,
            numeric=(3, 4, 5, 6),
        )
        story += [Spacer(1, 2 * mm), *title, table]
    story += [Spacer(1, 4 * mm), KeepTogether(_deliverables_chart(figures))]
    return story


def _indicators(figures: dict) -> list:
    rows = []
    for indicator in figures["indicators"]:
        rows.append(
            [
                indicator["code"],
                indicator["name"],
                indicator["target"],
                labels.value(indicator["achieved_period"]),
                labels.value(indicator["achieved"]),
            ]
        )
        for part in indicator["breakdown"]:
            rows.append(
                [
                    "",
                    f"— {labels.breakdown_label(part['key'])}",
                    part["target"] or "—",
                    "",
                    labels.value(part["achieved"]),
                ]
            )
    return [
        *heading(_("Indicators")),
        grid(
            [_("Code"), _("Indicator"), _("Target"), _("In the period"), _("Cumulative")],
            rows,
            widths=[25 * mm, 0, 25 * mm, 30 * mm, 30 * mm],
            total_width=WIDTH,
            flex=1,
            numeric=(2, 3, 4),
        ),
    ]


def _source_table(title: str, rows: list[dict]) -> list:
    return [
        *heading(title),
        grid(
            [_("Figure"), _("In the period"), _("Cumulative")],
            [[labels.row_label(r["key"]), labels.value(r["period"]), labels.value(r["cumulative"])] for r in rows],
            widths=[0, 30 * mm, 30 * mm],
            total_width=WIDTH,
            flex=0,
            numeric=(1, 2),
        ),
    ]


def _committees(figures: dict) -> list:
    committees = figures["committees"]
    counts = committees["counts"]
    story = [
        *heading(_("Steering committee")),
        label_value_table(
            [
                (
                    _("Meetings held in person"),
                    _("%(period)s in the period, %(total)s since the start")
                    % {"period": counts["in_person_period"], "total": counts["in_person"]},
                ),
                (
                    _("Videoconferences held"),
                    _("%(period)s in the period, %(total)s since the start")
                    % {"period": counts["videoconference_period"], "total": counts["videoconference"]},
                ),
            ],
            widths=(70 * mm, WIDTH - 70 * mm),
        ),
    ]
    story[-1].hAlign = "LEFT"
    if committees["meetings"]:
        rows = [
            [
                labels.day(m["date"]),
                f"{labels.meeting_kind_label(m['kind'])} {m['number']}",
                m["city"] or "—",
                m["month"],
                _("yes") if m["minutes_approved"] else (_("no") if m["held"] else _("planned")),
            ]
            for m in committees["meetings"]
        ]
        story += [
            Spacer(1, 2 * mm),
            grid(
                [_("Date"), _("Meeting"), _("City"), _("Project month"), _("Minutes approved")],
                rows,
                widths=[28 * mm, 0, 60 * mm, 28 * mm, 32 * mm],
                total_width=WIDTH,
                flex=1,
                numeric=(3,),
            ),
        ]
    return story


def _expenditure(figures: dict) -> list:
    expenditure = figures["expenditure"]
    rows, totals = [], []
    for partner in expenditure["partners"]:
        for row in partner["categories"]:
            flag = " ⚠" if row["over_budget"] else ""
            rows.append(
                [
                    partner["code"],
                    labels.category_label(row["category"]),
                    labels.money(row["budget"]),
                    labels.money(row["previous"]),
                    labels.money(row["current"]),
                    labels.money(row["cumulative"]),
                    labels.percent(row["cumulative"], row["budget"]) + flag,
                ]
            )
        totals.append(len(rows))
        rows.append(
            [
                partner["code"],
                _("Total"),
                *(labels.money(partner[name]) for name in ("budget", "previous", "current", "cumulative")),
                labels.percent(partner["cumulative"], partner["budget"]),
            ]
        )
    all_partners = expenditure["totals"]
    totals.append(len(rows))
    rows.append(
        [
            _("All partners"),
            _("Total"),
            *(labels.money(all_partners[name]) for name in ("budget", "previous", "current", "cumulative")),
            labels.percent(all_partners["cumulative"], all_partners["budget"]),
        ]
    )
    summary = [
        [
            p["code"],
            p["name"],
            labels.money(p["budget"]),
            labels.money(p["cumulative"]),
            labels.percent(p["cumulative"], p["budget"]),
            f"{Decimal(p.get('erdf_rate', '0')) * 100:.0f} %",
            labels.money(p.get("erdf", "0")),
        ]
        for p in expenditure["partners"]
    ]
    return [
        PageBreak(),
        *heading(_("Expenditure per partner against budget, and ERDF co-financing")),
        grid(
            [
                _("Partner"),
                _("Name"),
                _("Budget"),
                _("Declared (cumulative)"),
                _("Share of budget"),
                _("ERDF rate"),
                _("ERDF share"),
            ],
            summary,
            widths=[18 * mm, 0, 32 * mm, 32 * mm, 22 * mm, 20 * mm, 32 * mm],
            total_width=WIDTH,
            flex=1,
            numeric=(2, 3, 4, 5, 6),
        ),
        Spacer(1, 4 * mm),
        KeepTogether(_expenditure_chart(figures)),
        *heading(_("Expenditure per partner and cost category")),
        paragraph(_("Declared expenditure only; ⚠ marks a category over its budget."), "small"),
        grid(
            [
                _("Partner"),
                _("Cost category"),
                _("Budget"),
                _("Previous periods"),
                _("This report"),
                _("Cumulative"),
                _("Share of budget"),
            ],
            rows,
            widths=[18 * mm, 0, 32 * mm, 32 * mm, 32 * mm, 32 * mm, 22 * mm],
            total_width=WIDTH,
            flex=1,
            numeric=(2, 3, 4, 5, 6),
            totals=tuple(totals),
        ),
    ]


def _monitoring(figures: dict) -> list:
    monitoring = figures["monitoring"]
    story = heading(_("Problems met and corrective actions"))
    if monitoring["entries"]:
        story.append(
            grid(
                [_("Period"), _("Partner"), _("Work package"), _("Problems met"), _("Corrective actions")],
                [
                    [e["period"], e["partner"], e["work_package"], e["problems"], e["corrective_actions"]]
                    for e in monitoring["entries"]
                ],
                widths=[14 * mm, 18 * mm, 22 * mm, 0, 100 * mm],
                total_width=WIDTH,
                flex=3,
            )
        )
    else:
        story.append(paragraph(_("No problem reported in the submitted monitoring forms.")))
    if monitoring["missing"]:
        missing = ", ".join(f"{m['partner']} ({_('period')} {m['period']})" for m in monitoring["missing"])
        story.append(paragraph(_("Monitoring forms not submitted: %(list)s") % {"list": missing}, "small"))
    return story


def render(figures: dict, title: str) -> bytes:
    """The PDF's bytes. Call with the report's language active."""
    register_fonts()  # the charts below measure text with the embedded fonts
    project = figures["project"]
    story = [
        paragraph(f"{project['acronym']} — {project['title']}", "subtitle"),
        paragraph(title, "title"),
        label_value_table(
            [
                (_("Programme"), project["programme"] or "—"),
                (_("Period"), labels.period_title(figures)),
                (pgettext("date range", "From"), labels.day(figures["period"]["start"])),
                (pgettext("date range", "To"), labels.day(figures["period"]["end"])),
                (_("Figures collected on"), labels.moment(figures["generated_at"])),
            ],
            widths=(55 * mm, WIDTH - 55 * mm),
        ),
    ]
    story[-1].hAlign = "LEFT"
    story += _structure(figures)
    story += _indicators(figures)
    story += _source_table(_("Focus groups held"), figures["focus_groups"])
    story += _committees(figures)
    story += _source_table(_("Communication and events"), figures["communication"])
    story += _source_table(_("Tiers-Lieux and flux exchange"), figures["platforms"])
    story += _expenditure(figures)
    story += _monitoring(figures)
    return render_document(
        story,
        title=title,
        language=figures["language"],
        pagesize=PAGE,
        margins=(15 * mm, 15 * mm),
        author=project["acronym"],
    )
