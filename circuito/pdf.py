"""Shared pieces of the PDFs the portal generates (ReportLab, no system library).

The DejaVu Sans fonts shipped in circuito/fonts/ are embedded so accents and € render in every
reader. Feature apps build their own stories from these styles and helpers.
"""

import io
from pathlib import Path
from xml.sax.saxutils import escape

from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
LANGUAGES = ("fr", "it")


def register_fonts() -> None:
    """Register the embedded fonts once per process (call before building a document)."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


STYLES = {
    "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=4),
    "subtitle": ParagraphStyle("subtitle", fontName=FONT, fontSize=9, leading=12, textColor=colors.grey),
    "section": ParagraphStyle("section", fontName=FONT_BOLD, fontSize=11, leading=14, spaceBefore=10, spaceAfter=4),
    "body": ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12),
    "label": ParagraphStyle("label", fontName=FONT_BOLD, fontSize=9, leading=12),
    "small": ParagraphStyle("small", fontName=FONT, fontSize=7.5, leading=10, textColor=colors.grey),
}


def bilingual(msgid: str, language: str) -> str:
    """'Producteur · Produttore': the title in the document's language, then in the other one."""
    texts = []
    for lang in (language, *(x for x in LANGUAGES if x != language)):
        with translation.override(lang):
            text = _(msgid)
        if text not in texts:
            texts.append(text)
    return " · ".join(texts)


def paragraph(text: object, style: str = "body") -> Paragraph:
    """Plain text (escaped, newlines kept) as a paragraph; an em dash when empty."""
    return Paragraph(escape(str(text or "—")).replace("\n", "<br/>"), STYLES[style])


def label_value_table(rows: list[tuple[str, str]], widths: tuple[float, float] = (55 * mm, 115 * mm)) -> Table:
    """Two columns, label in bold on the left, value on the right."""
    table = Table([[paragraph(label, "label"), paragraph(value)] for label, value in rows], colWidths=list(widths))
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def data_table(header: list[str], rows: list[list[object]], widths: list[float] | None = None) -> Table:
    """A grid with a shaded, repeated header row: the shape of every figure table in a report."""
    data = [[paragraph(h, "label") for h in header]] + [[paragraph(c) for c in row] for row in rows]
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e9ecef")),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def render_document(
    story: list,
    *,
    title: str,
    language: str,
    pagesize: tuple[float, float] = A4,
    margins: tuple[float, float] = (20 * mm, 18 * mm),
    author: str = "CIRCUITO",
    subject: str = "",
) -> bytes:
    """The PDF's bytes: `story` laid out on pages of `pagesize` with (side, top/bottom) `margins`,
    the embedded fonts registered and the document's title, author and language set."""
    register_fonts()
    buffer = io.BytesIO()
    side, top = margins
    SimpleDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=side,
        rightMargin=side,
        topMargin=top,
        bottomMargin=top,
        title=title,
        author=author,
        subject=subject,
        creator="CIRCUITO",
        lang=language,
    ).build(story)
    return buffer.getvalue()
