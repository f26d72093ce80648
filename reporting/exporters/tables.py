"""Tables and headings of the reporting PDFs, on top of circuito.pdf: columns at least as wide as
their longest word (so no header is cut mid-word in either language), figures aligned right,
total rows in bold, tables flush left, and headings never left alone at the bottom of a page."""

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Paragraph, Table, TableStyle

from circuito.pdf import FONT_BOLD, STYLES, register_fonts

HEADER = ParagraphStyle("rp-header", parent=STYLES["label"], fontSize=8, leading=10)
HEADER_RIGHT = ParagraphStyle("rp-header-right", parent=HEADER, alignment=TA_RIGHT)
CELL = ParagraphStyle("rp-cell", parent=STYLES["body"], fontSize=8.5, leading=11)
CELL_RIGHT = ParagraphStyle("rp-cell-right", parent=CELL, alignment=TA_RIGHT)
TOTAL = ParagraphStyle("rp-total", parent=CELL, fontName=FONT_BOLD)
TOTAL_RIGHT = ParagraphStyle("rp-total-right", parent=TOTAL, alignment=TA_RIGHT)
PADDING = 4  # points, left and right of every cell
MIN_FLEX = 40 * mm
HEADING_ROOM = 35 * mm  # a heading starts a new page unless this much room is left under it


def heading(text: str, style: str = "section") -> list:
    """A heading that never stays alone at the bottom of a page (without pushing a long table
    that follows it to the next page, as keeping them together would)."""
    return [CondPageBreak(HEADING_ROOM), Paragraph(escape(str(text)), STYLES[style])]


def _longest_word(text: str, font: str, size: float) -> float:
    return max((stringWidth(word, font, size) for word in str(text).split()), default=0.0)


def _cell(text: object, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(str(text if text not in (None, "") else "—")).replace("\n", "<br/>"), style)


def grid(
    header: list[str],
    rows: list[list[object]],
    widths: list[float],
    *,
    total_width: float,
    flex: int | None = None,
    numeric: tuple[int, ...] = (),
    totals: tuple[int, ...] = (),
) -> Table:
    """A figure table filling `total_width`: column `flex` takes the room the others leave;
    every other column is widened to its longest word; `numeric` columns are aligned right;
    the rows whose index is in `totals` are bold on a light background."""
    register_fonts()  # the widths are measured in the embedded font
    widths = list(widths)
    for index, title in enumerate(header):
        if index == flex:
            continue
        words = [_longest_word(title, FONT_BOLD, HEADER.fontSize)]
        words += [_longest_word(row[index], FONT_BOLD, CELL.fontSize) for row in rows]
        widths[index] = max(widths[index], max(words) + 2 * PADDING + 1)
    if flex is not None:
        widths[flex] = max(MIN_FLEX, total_width - sum(w for i, w in enumerate(widths) if i != flex))
    data = [[_cell(title, HEADER_RIGHT if i in numeric else HEADER) for i, title in enumerate(header)]]
    for number, row in enumerate(rows):
        bold = number in totals
        data.append(
            [
                _cell(value, (TOTAL_RIGHT if bold else CELL_RIGHT) if i in numeric else (TOTAL if bold else CELL))
                for i, value in enumerate(row)
            ]
        )
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.lightgrey),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    style += [("BACKGROUND", (0, n + 1), (-1, n + 1), colors.HexColor("#f4f6f8")) for n in totals]
    table.setStyle(TableStyle(style))
    return table
