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


def _key_figures(figures: dict) -> list:
    rows = [
        [
            labels.row_label(r["key"]),
            labels.value(r["previous"]),
            labels.value(r["period"]),
            labels.value(r["cumulative"]),
        ]
        for r in figures.get("key_figures", [])
    ]
    totals = figures["expenditure"]["totals"]
    rows.append(
        [
            _("Declared expenditure"),
            labels.money(totals["previous"]),
            labels.money(totals["current"]),
            labels.money(totals["cumulative"]),
        ]
    )
    return [
        *heading(_("Key figures")),
        grid(
            [_("Figure"), _("Previous periods"), _("This period"), _("Cumulative")],
            rows,
            widths=[0, 36 * mm, 36 * mm, 36 * mm],
            total_width=WIDTH,
            flex=0,
            numeric=(1, 2, 3),
        ),
    ]


def _deliverable_rows(wp: dict) -> list[list]:
    return [
        [
            activity["code"],
            d["name"] + (f" · {d['source_label']}" if d.get("source_label") else ""),
            d["responsible"] or "—",
            d["due_month"],
            d["target"],
            labels.value(d.get("previous")),
            labels.value(d["achieved_period"]),
            labels.value(d["achieved"]),
            labels.change(d.get("change")),
            labels.status_label(d["status"]),
        ]
        for activity in wp["activities"]
        for d in activity["deliverables"]
    ]


def _work_packages(figures: dict) -> list:
    """Per work package: its activities, the partners' progress narrative, the deliverables."""
    story = heading(_("Work packages: activities, progress and deliverables"))
    story.append(
        paragraph(
            _(
                "Progress as the partners describe it in their submitted monitoring forms; a text "
                "not translated yet is shown in its original language, marked as such."
            ),
            "small",
        )
    )
    for wp in figures["work_packages"]:
        lead = f" · {_('Lead')}: {wp['lead']}" if wp.get("lead") else ""
        title = f"{wp['code']} {wp['name']} ({_('months')} {wp['first_month']}–{wp['last_month']}){lead}"
        story += [Spacer(1, 3 * mm), *heading(title, "label")]
        activities = [
            [a["code"], a["name"], a.get("lead") or "—", f"{a['first_month']}–{a['last_month']}"]
            for a in wp["activities"]
        ]
        if activities:
            story.append(
                grid(
                    [_("Activity"), _("Name"), _("Lead"), _("Months")],
                    activities,
                    widths=[18 * mm, 0, 20 * mm, 20 * mm],
                    total_width=WIDTH,
                    flex=1,
                )
            )
        story.append(Spacer(1, 2 * mm))
        story.append(paragraph(_("Progress in the period"), "label"))
        if wp.get("narrative"):
            for entry in wp["narrative"]:
                who = f"{entry['partner']} ({_('period')} {entry['period']})"
                story.append(paragraph(f"{who}: {labels.marked(entry['text'], entry['lang'])}"))
        else:
            story.append(paragraph(_("No progress described in the submitted monitoring forms."), "small"))
        rows = _deliverable_rows(wp)
        story.append(Spacer(1, 2 * mm))
        if not rows:
            story.append(paragraph(_("No deliverable.")))
            continue
        story.append(
            grid(
                [
                    _("Activity"),
                    _("Deliverables and outputs"),
                    _("Responsible"),
                    _("Due month"),
                    _("Target"),
                    _("Previous periods"),
                    _("This period"),
                    _("Cumulative"),
                    _("Change since the last report"),
                    _("Status"),
                ],
                rows,
                widths=[14 * mm, 0, 19 * mm, 14 * mm, 14 * mm, 17 * mm, 15 * mm, 17 * mm, 20 * mm, 20 * mm],
                total_width=WIDTH,
                flex=1,
                numeric=(3, 4, 5, 6, 7, 8),
            )
        )
    last = figures.get("report", {}).get("last")
    if last:
        story.append(
            paragraph(
                _("Changes are counted against the report made on %(date)s (%(kind)s, %(start)s – %(end)s).")
                % {
                    "date": labels.moment(last["made"]),
                    "kind": labels.kind_label(last["kind"]),
                    "start": labels.day(last["start"]),
                    "end": labels.day(last["end"]),
                },
                "small",
            )
        )
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
                labels.value(indicator.get("previous")),
                labels.value(indicator["achieved_period"]),
                labels.value(indicator["achieved"]),
                labels.change(indicator.get("change")),
            ]
        )
        for part in indicator["breakdown"]:
            rows.append(
                [
                    "",
                    f"— {labels.breakdown_label(part)}",
                    part["target"] if part["target"] is not None else "—",
                    "",
                    "",
                    labels.value(part["achieved"]),
                    "",
                ]
            )
    return [
        *heading(_("Programme indicators")),
        grid(
            [
                _("Code"),
                _("Indicator"),
                _("Target"),
                _("Previous periods"),
                _("This period"),
                _("Cumulative"),
                _("Change since the last report"),
            ],
            rows,
            widths=[22 * mm, 0, 18 * mm, 24 * mm, 22 * mm, 22 * mm, 26 * mm],
            total_width=WIDTH,
            flex=1,
            numeric=(2, 3, 4, 5, 6),
        ),
    ]


def _registered(figures: dict) -> list:
    """Every portal indicator, with the groups of its breakdowns that hold a value."""
    rows, totals = [], []
    for row in figures.get("registered", []):
        totals.append(len(rows))
        rows.append(
            [
                row["label"],
                labels.unit_label(row["unit"]),
                labels.value(row["previous"]),
                labels.value(row["period"]),
                labels.value(row["cumulative"]),
            ]
        )
        for breakdown in row["breakdowns"]:
            for group in breakdown["groups"]:
                if group["period"] or group["cumulative"]:
                    rows.append(
                        [
                            f"— {breakdown['label']}: {group['label']}",
                            "",
                            "",
                            labels.value(group["period"]),
                            labels.value(group["cumulative"]),
                        ]
                    )
    return [
        *heading(_("Portal indicators, by country, region and partner")),
        paragraph(_("Counted from the portal's records; breakdowns list the groups that hold a value."), "small"),
        grid(
            [_("Indicator"), _("Unit"), _("Previous periods"), _("This period"), _("Cumulative")],
            rows,
            widths=[0, 26 * mm, 24 * mm, 22 * mm, 22 * mm],
            total_width=WIDTH,
            flex=0,
            numeric=(2, 3, 4),
            totals=tuple(totals),
        ),
    ]


def _target_groups(figures: dict) -> list:
    rows, totals = [], []
    for row in figures.get("target_groups", []):
        totals.append(len(rows))
        rows.append(
            [row["label"], labels.unit_label(row["unit"]), labels.value(row["period"]), labels.value(row["cumulative"])]
        )
        for breakdown in row["breakdowns"]:
            if breakdown["dimension"] == "country":
                continue
            for group in breakdown["groups"]:
                rows.append(
                    [f"— {group['label']}", "", labels.value(group["period"]), labels.value(group["cumulative"])]
                )
    return [
        *heading(_("Target groups reached")),
        grid(
            [_("Target group"), _("Unit"), _("This period"), _("Cumulative")],
            rows,
            widths=[0, 26 * mm, 24 * mm, 24 * mm],
            total_width=WIDTH,
            flex=0,
            numeric=(2, 3),
            totals=tuple(totals),
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


def _rate(rate: str | None) -> str:
    return f"{Decimal(rate or '0') * 100:.0f} %"


CATEGORY_AMOUNTS = ("budget", "previous", "current", "cumulative", "erdf_current", "counterpart_current")


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
                    labels.money(row.get("erdf_current", "0")),
                    labels.money(row.get("counterpart_current", "0")),
                    labels.percent(row["cumulative"], row["budget"]) + flag,
                ]
            )
        totals.append(len(rows))
        rows.append(
            [
                partner["code"],
                _("Total"),
                *(labels.money(partner.get(name, "0")) for name in CATEGORY_AMOUNTS),
                labels.percent(partner["cumulative"], partner["budget"]),
            ]
        )
    all_partners = expenditure["totals"]
    totals.append(len(rows))
    rows.append(
        [
            _("All partners"),
            _("Total"),
            *(labels.money(all_partners.get(name, "0")) for name in CATEGORY_AMOUNTS),
            labels.percent(all_partners["cumulative"], all_partners["budget"]),
        ]
    )
    summary = [
        [
            p["code"],
            p["name"],
            labels.money(p["budget"]),
            labels.money(p["current"]),
            labels.money(p.get("erdf_current", "0")),
            labels.money(p.get("counterpart_current", "0")),
            labels.money(p["cumulative"]),
            labels.money(p.get("erdf", "0")),
            labels.money(p.get("counterpart", "0")),
            labels.percent(p["cumulative"], p["budget"]),
        ]
        for p in expenditure["partners"]
    ]
    summary_totals = len(summary)
    summary.append(
        [
            _("All partners"),
            _("Total"),
            *(
                labels.money(all_partners.get(name, "0"))
                for name in (
                    "budget",
                    "current",
                    "erdf_current",
                    "counterpart_current",
                    "cumulative",
                    "erdf",
                    "counterpart",
                )
            ),
            labels.percent(all_partners["cumulative"], all_partners["budget"]),
        ]
    )
    rates = ", ".join(
        f"{p['code']} {_rate(p.get('erdf_rate'))} / {_rate(p.get('national_rate'))}" for p in expenditure["partners"]
    )
    return [
        PageBreak(),
        *heading(_("Expenditure per partner: this report, cumulative, ERDF and national counterpart")),
        grid(
            [
                _("Partner"),
                _("Name"),
                _("Budget"),
                _("This report"),
                _("ERDF (this report)"),
                _("Counterpart (this report)"),
                _("Cumulative"),
                _("ERDF (cumulative)"),
                _("Counterpart (cumulative)"),
                _("Share of budget"),
            ],
            summary,
            widths=[16 * mm, 0, 25 * mm, 24 * mm, 24 * mm, 24 * mm, 25 * mm, 24 * mm, 24 * mm, 16 * mm],
            total_width=WIDTH,
            flex=1,
            numeric=(2, 3, 4, 5, 6, 7, 8, 9),
            totals=(summary_totals,),
        ),
        paragraph(_("Co-financing rates (ERDF / national counterpart): %(rates)s") % {"rates": rates}, "small"),
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
                _("ERDF (this report)"),
                _("Counterpart (this report)"),
                _("Share of budget"),
            ],
            rows,
            widths=[16 * mm, 0, 26 * mm, 26 * mm, 26 * mm, 26 * mm, 24 * mm, 24 * mm, 18 * mm],
            total_width=WIDTH,
            flex=1,
            numeric=(2, 3, 4, 5, 6, 7, 8),
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
                    [
                        e["period"],
                        e["partner"],
                        e["work_package"],
                        labels.marked(e["problems"], e.get("problems_lang", "")),
                        labels.marked(e["corrective_actions"], e.get("corrective_actions_lang", "")),
                    ]
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


def _annexes(figures: dict) -> list:
    rows = [
        [
            labels.day(row["date"]),
            row["reference"],
            labels.annex_title(row) + (f" ({row['note']})" if row.get("note") else ""),
            row["partner"] or "—",
            row["file"] or row["link"] or "—",
        ]
        for row in figures.get("annexes", [])
    ]
    story = heading(_("Annexes"))
    if not rows:
        return [*story, paragraph(_("No evidence recorded in the period."))]
    return [
        *story,
        paragraph(_("Evidence files and links recorded in the period, and the approved minutes."), "small"),
        grid(
            [_("Date"), _("Activity"), _("Annex"), _("Partner"), _("File or link")],
            rows,
            widths=[22 * mm, 16 * mm, 0, 18 * mm, 80 * mm],
            total_width=WIDTH,
            flex=2,
        ),
    ]


def story(figures: dict, title: str) -> list:
    """The document's flowables, in the order of an Interreg progress report."""
    register_fonts()  # the charts below measure text with the embedded fonts
    project = figures["project"]
    edition = project.get("edition") or {}
    report = figures.get("report") or {}
    cover = [
        paragraph(f"{project['acronym']} — {project['title']}", "subtitle"),
        paragraph(title, "title"),
        label_value_table(
            [
                (_("Programme"), project["programme"] or "—"),
                (_("Edition"), edition.get("name") or "—"),
                (_("Period"), labels.period_title(figures)),
                (pgettext("date range", "From"), labels.day(figures["period"]["start"])),
                (pgettext("date range", "To"), labels.day(figures["period"]["end"])),
                (_("Version"), str(report.get("version", 1))),
                (_("Figures collected on"), labels.moment(figures["generated_at"])),
            ],
            widths=(55 * mm, WIDTH - 55 * mm),
        ),
    ]
    cover[-1].hAlign = "LEFT"
    return [
        *cover,
        *_key_figures(figures),
        *_work_packages(figures),
        *_indicators(figures),
        *_registered(figures),
        *_target_groups(figures),
        *_committees(figures),
        *_expenditure(figures),
        *_monitoring(figures),
        *_annexes(figures),
    ]


def render(figures: dict, title: str) -> bytes:
    """The PDF's bytes. Call with the report's language active."""
    return render_document(
        story(figures, title),
        title=title,
        language=figures["language"],
        pagesize=PAGE,
        margins=(15 * mm, 15 * mm),
        author=figures["project"]["acronym"],
    )
