"""The territorial synthesis of a study (PDF, in French or Italian): per region, the focus groups,
participants by category, theme counts, closed-question results with charts, the SWOT with its
evidence and selected quotes. Pseudonymised like every export."""

from collections.abc import Callable

from django.db.models import Count, Prefetch, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer

from circuito.geo.models import Territory
from circuito.pdf import FONT, FONT_BOLD, data_table, label_value_table, paragraph, register_fonts, render_document
from circuito.translated import localized
from focusgroups.exports import session_ref
from focusgroups.models import Coding, Quote, Session, Study, SwotItem
from focusgroups.selectors_analysis import (
    closed_questions,
    material_sessions,
    participants_by_category,
    swot,
    theme_counts,
)

QUOTES_PER_REGION = 12
MARGIN = 18 * mm
FRAME_WIDTH = A4[0] - 2 * MARGIN - 12  # the frame keeps 6 points of padding on each side
CELL_PADDING = 12 + 1  # a cell's default left + right padding, plus a point so rounding never wraps
CHART_LABEL_WIDTH = 56 * mm  # room left of the bars for the category labels


def _heading(text: str, style: str = "section") -> Paragraph:
    """A heading that never ends a page alone: it moves to the next page with what follows."""
    heading = paragraph(text, style)
    heading.keepWithNext = True
    return heading


def _fit_widths(header: list[str], rows: list[list[object]], total: float = FRAME_WIDTH) -> list[float]:
    """Column widths that fill the frame without cutting a word: each column gets at least its
    longest word (header in bold, cells in body text), then the rest goes to the columns whose
    text would otherwise wrap, in proportion to what they lack."""

    def words(text: object, font: str) -> tuple[float, float]:
        text = str(text if text not in (None, "") else "—")
        longest = max((stringWidth(w, font, 9) for w in text.split()), default=0)
        return longest + CELL_PADDING, stringWidth(text, font, 9) + CELL_PADDING

    minimum, natural = [], []
    for index, title in enumerate(header):
        cells = [words(title, FONT_BOLD)] + [words(row[index], FONT) for row in rows]
        minimum.append(max(c[0] for c in cells))
        natural.append(max(c[1] for c in cells))
    if sum(minimum) >= total:  # nothing to share: shrink evenly (only for absurdly long words)
        return [w * total / sum(minimum) for w in minimum]
    widths = list(minimum)
    spare = total - sum(widths)
    wanted = [n - m for n, m in zip(natural, minimum, strict=True)]
    if sum(wanted) > 0:
        share = min(1.0, spare / sum(wanted))
        widths = [w + share * x for w, x in zip(widths, wanted, strict=True)]
        spare = total - sum(widths)
    return [w + spare * w / sum(widths) for w in widths]


def _chart_label(text: str) -> str:
    """The label cut at a word, with an ellipsis, when it does not fit left of the bars."""
    if stringWidth(text, FONT, 7) <= CHART_LABEL_WIDTH - 4:
        return text
    cut = ""
    for word in text.split():
        candidate = f"{cut} {word}".strip()
        if stringWidth(candidate + " …", FONT, 7) > CHART_LABEL_WIDTH - 4:
            break
        cut = candidate
    return (cut or text[:30]) + " …"


def _name(obj, field: str) -> str:
    return localized(obj, field)["text"] or str(obj)


def _chart(distribution: list[tuple[str, int]]) -> Drawing:
    """A horizontal bar chart of (label, count) with the embedded font."""
    rows = list(reversed(distribution))  # ReportLab draws the first category at the bottom
    labels = [_chart_label(str(label)) for label, _n in rows]
    height = 14 * len(labels) + 30
    drawing = Drawing(160 * mm, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = CHART_LABEL_WIDTH + 4 * mm, 16
    chart.width, chart.height = 90 * mm, height - 24
    chart.data = [[n for _l, n in rows]]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    top = max([n for _l, n in distribution] + [1])
    chart.valueAxis.valueMax = top
    chart.valueAxis.valueStep = max(1, round(top / 5))
    chart.bars[0].fillColor = colors.HexColor("#0d6efd")
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 3
    drawing.add(chart)
    return drawing


def _regions(study: Study, region_id: int | None) -> list[Territory]:
    ids = material_sessions(study).values("region")
    regions = Territory.objects.filter(pk__in=ids)
    if region_id:
        regions = Territory.objects.filter(pk=region_id)
    return list(regions.order_by("country", "name"))


def _region_story(study: Study, region: Territory, language: str, swot_items: dict) -> list:
    register_fonts()
    story: list = [paragraph(_name(region, "name"), "title")]
    sessions = list(
        material_sessions(study)
        .filter(region=region)
        .select_related("study", "organiser", "department")
        .annotate(
            n=Count("participants", filter=Q(participants__withdrawn_at__isnull=True, participants__attended=True))
        )
        .order_by("date", "pk")
    )
    story.append(_heading(_("Focus groups")))
    header = [_("Reference"), _("Date"), _("Partner"), _("Actor category"), _("Sector"), _("Participants")]
    rows = [
        [
            session_ref(s),
            formats.date_format(s.date, "SHORT_DATE_FORMAT"),
            s.organiser.partner_code or s.organiser,
            s.get_actor_category_display(),
            s.get_sector_display() if s.sector else "—",
            s.n,
        ]
        for s in sessions
    ]
    if rows:
        story.append(data_table(header, rows, widths=_fit_widths(header, rows)))
    else:
        story.append(paragraph(_("No focus group sent to the coordinator yet.")))
    by_category = participants_by_category(study, region=region.pk)
    story.append(_heading(_("Participants by category")))
    story.append(label_value_table([(label, str(n)) for label, n in by_category] or [(_("Participants"), "0")]))

    counts = theme_counts(study, region=region.pk)["category"]
    rows = [r for r in counts.rows() if r["total"]]
    story.append(_heading(_("Themes")))
    if rows:
        header = [_("Theme")] + [label for _v, label in counts.columns] + [_("Total")]
        cells = [["  " * r["depth"] + _name(r["theme"], "label"), *r["cells"], r["total"]] for r in rows]
        story.append(data_table(header, cells, widths=_fit_widths(header, cells)))
        story.append(_chart([(_name(r["theme"], "label"), r["total"]) for r in rows]))
        story.append(Spacer(1, 3 * mm))
    else:
        story.append(paragraph(_("No coded evidence yet.")))

    story.append(_heading(_("Closed questions")))
    results = [r for r in closed_questions(study, region=region.pk) if r.n]
    for result in results:
        block = [paragraph(f"{result.key} · {result.text}", "label")]
        summary = ngettext("%(n)d answer", "%(n)d answers", result.n) % {"n": result.n}
        if result.mean is not None:
            summary += " · " + _("mean %(mean)s") % {"mean": formats.number_format(result.mean, 2)}
        block.append(paragraph(summary, "small"))
        if result.distribution:
            block.append(_chart(result.distribution))
        block.append(Spacer(1, 3 * mm))  # the axis labels would otherwise touch the next question
        story.append(KeepTogether(block))
    if not results:
        story.append(paragraph(_("No answer to closed questions yet.")))

    story.append(_heading(_("SWOT")))
    for quadrant, label in SwotItem.Quadrant.choices:
        items = swot_items.get(region.pk, {}).get(quadrant, [])
        story.append(_heading(str(label), "label"))
        if not items:
            story.append(paragraph("—"))
        for item in items:
            evidence = [session_ref(s) for s in item.evidence_sessions.all()]
            evidence += [
                f"{q.participant.pseudonym if q.participant_id else '—'}: “{q.text}”"
                for q in item.evidence_quotes.all()
            ]
            story.append(paragraph(f"• {_name(item, 'text')}"))
            if evidence:
                story.append(paragraph(_("Evidence: %(list)s") % {"list": "; ".join(evidence)}, "small"))

    quotes = list(
        Quote.objects.active()
        .filter(session__in=material_sessions(study).filter(region=region), codings__isnull=False)
        .distinct()
        .select_related("participant", "session__organiser", "session__study")
        .prefetch_related(Prefetch("codings", queryset=Coding.objects.select_related("theme")))
        .order_by("session__date", "pk")[:QUOTES_PER_REGION]
    )
    story.append(_heading(_("Selected quotes")))
    for q in quotes:
        who = q.participant.pseudonym if q.participant_id else "—"
        themes = ", ".join(_name(c.theme, "label") for c in q.codings.all())
        story.append(paragraph(f"“{q.text}” — {who}, {session_ref(q.session)} ({themes})"))
        story.append(Spacer(1, 2 * mm))
    if not quotes:
        story.append(paragraph(_("No coded quote yet.")))
    return story


def render(study: Study, language: str, region_id: int | None, progress: Callable[[int, str], None]) -> bytes:
    """The PDF; `progress(percent, message)` is told as each territory is written."""
    register_fonts()
    regions = _regions(study, region_id)
    swot_items = swot(study, regions)
    held = Session.objects.filter(study=study, status__in=Session.HELD_OR_BEYOND).count()
    story: list = [
        paragraph(_("Territorial synthesis · %(study)s") % {"study": f"{study.code} {_name(study, 'name')}"}, "title"),
        paragraph(
            _("Generated on %(date)s. Participants appear by pseudonym only; withdrawn participants are left out.")
            % {"date": formats.date_format(timezone.localdate(), "DATE_FORMAT")},
            "subtitle",
        ),
        Spacer(1, 4 * mm),
        label_value_table(
            [
                (_("Focus groups held"), f"{held} / {study.target_sessions}"),
                (_("Territories"), ", ".join(_name(r, "name") for r in regions) or "—"),
            ]
        ),
    ]
    for index, region in enumerate(regions):
        progress(
            10 + int(80 * index / max(len(regions), 1)),
            _("Writing %(territory)s") % {"territory": _name(region, "name")},
        )
        story.append(PageBreak())
        story.extend(_region_story(study, region, language, swot_items))
    return render_document(story, title=_("Territorial synthesis"), language=language, margins=(MARGIN, 16 * mm))
