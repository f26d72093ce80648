"""The report as a PDF (ReportLab, embedded DejaVu fonts), with charts drawn by
reportlab.graphics: deliverables achieved against target per work package, and expenditure
against budget per partner. Rendered from the frozen figures only, in the active language."""

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, SimpleDocTemplate, Spacer

from circuito.pdf import FONT, data_table, label_value_table, paragraph, register_fonts
from reporting.exporters import labels

TARGET_COLOUR = colors.HexColor("#adb5bd")
ACHIEVED_COLOUR = colors.HexColor("#0d6efd")
SPENT_COLOUR = colors.HexColor("#198754")
PAGE = landscape(A4)
WIDTH = PAGE[0] - 30 * mm


def _bar_chart(title: str, categories: list[str], series: list[tuple[str, list[float], object]]) -> Drawing:
    """Grouped vertical bars with a legend; values are plain numbers."""
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
    codes, targets, achieved = [], [], []
    for wp in figures["work_packages"]:
        rows = [d for a in wp["activities"] for d in a["deliverables"]]
        codes.append(wp["code"])
        targets.append(sum(d["target"] for d in rows))
        achieved.append(sum(min(d["achieved"] or 0, d["target"]) for d in rows))
    return _bar_chart(
        _("Deliverables: achieved against target, per work package"),
        codes,
        [(_("Target"), targets, TARGET_COLOUR), (_("Achieved (up to the target)"), achieved, ACHIEVED_COLOUR)],
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
    story = [paragraph(_("Activities and deliverables"), "section")]
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
        heading = paragraph(
            f"{wp['code']} {wp['name']} ({_('months')} {wp['first_month']}–{wp['last_month']})", "label"
        )
        if not rows:
            story += [heading, paragraph(_("No deliverable."))]
            continue
        table = data_table(
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
            widths=[18 * mm, 110 * mm, 22 * mm, 18 * mm, 16 * mm, 20 * mm, 20 * mm, 25 * mm],
        )
        story += [Spacer(1, 2 * mm), heading, table]
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
        paragraph(_("Indicators"), "section"),
        data_table(
            [_("Code"), _("Indicator"), _("Target"), _("In the period"), _("Cumulative")],
            rows,
            widths=[25 * mm, 145 * mm, 25 * mm, 30 * mm, 30 * mm],
        ),
    ]


def _source_table(title: str, rows: list[dict]) -> list:
    return [
        paragraph(title, "section"),
        data_table(
            [_("Figure"), _("In the period"), _("Cumulative")],
            [[labels.row_label(r["key"]), labels.value(r["period"]), labels.value(r["cumulative"])] for r in rows],
            widths=[160 * mm, 40 * mm, 40 * mm],
        ),
    ]


def _committees(figures: dict) -> list:
    committees = figures["committees"]
    counts = committees["counts"]
    story = [
        paragraph(_("Steering committee"), "section"),
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
            widths=(70 * mm, 170 * mm),
        ),
    ]
    if committees["meetings"]:
        rows = [
            [
                m["date"],
                f"{labels.meeting_kind_label(m['kind'])} {m['number']}",
                m["city"] or "—",
                m["month"],
                _("yes") if m["minutes_approved"] else (_("no") if m["held"] else _("planned")),
            ]
            for m in committees["meetings"]
        ]
        story += [
            Spacer(1, 2 * mm),
            data_table(
                [_("Date"), _("Meeting"), _("City"), _("Project month"), _("Minutes approved")],
                rows,
                widths=[30 * mm, 60 * mm, 60 * mm, 30 * mm, 40 * mm],
            ),
        ]
    return story


def _expenditure(figures: dict) -> list:
    expenditure = figures["expenditure"]
    rows = []
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
        rows.append(
            [
                partner["code"],
                _("Total"),
                *(labels.money(partner[name]) for name in ("budget", "previous", "current", "cumulative")),
                labels.percent(partner["cumulative"], partner["budget"]),
            ]
        )
    totals = expenditure["totals"]
    rows.append(
        [
            _("All partners"),
            _("Total"),
            *(labels.money(totals[name]) for name in ("budget", "previous", "current", "cumulative")),
            labels.percent(totals["cumulative"], totals["budget"]),
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
        paragraph(_("Expenditure per partner against budget, and ERDF co-financing"), "section"),
        data_table(
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
            widths=[20 * mm, 70 * mm, 32 * mm, 35 * mm, 25 * mm, 20 * mm, 32 * mm],
        ),
        Spacer(1, 4 * mm),
        KeepTogether(_expenditure_chart(figures)),
        paragraph(_("Expenditure per partner and cost category"), "section"),
        paragraph(_("Declared expenditure only; ⚠ marks a category over its budget."), "small"),
        data_table(
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
            widths=[22 * mm, 60 * mm, 32 * mm, 32 * mm, 32 * mm, 32 * mm, 25 * mm],
        ),
    ]


def _monitoring(figures: dict) -> list:
    monitoring = figures["monitoring"]
    story = [paragraph(_("Problems met and corrective actions"), "section")]
    if monitoring["entries"]:
        story.append(
            data_table(
                [_("Period"), _("Partner"), _("Work package"), _("Problems met"), _("Corrective actions")],
                [
                    [e["period"], e["partner"], e["work_package"], e["problems"], e["corrective_actions"]]
                    for e in monitoring["entries"]
                ],
                widths=[15 * mm, 20 * mm, 25 * mm, 92 * mm, 92 * mm],
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
    register_fonts()
    project = figures["project"]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=title,
        author=project["acronym"],
        lang=figures["language"],
    )
    story = [
        paragraph(f"{project['acronym']} — {project['title']}", "subtitle"),
        paragraph(title, "title"),
        label_value_table(
            [
                (_("Programme"), project["programme"] or "—"),
                (_("Period"), labels.period_title(figures)),
                (_("From"), figures["period"]["start"]),
                (_("To"), figures["period"]["end"]),
                (_("Figures collected on"), figures["generated_at"][:16].replace("T", " ")),
            ],
            widths=(55 * mm, 185 * mm),
        ),
    ]
    story += _structure(figures)
    story += _indicators(figures)
    story += _source_table(_("Focus groups held"), figures["focus_groups"])
    story += _committees(figures)
    story += _source_table(_("Communication and events"), figures["communication"])
    story += _source_table(_("Tiers-Lieux and flux exchange"), figures["platforms"])
    story += _expenditure(figures)
    story += _monitoring(figures)
    document.build(story)
    return buffer.getvalue()
