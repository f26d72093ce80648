"""Every CSV and XLSX file the portal writes goes through here, so that two rules hold everywhere:

- Text is never read as a formula. A string starting with "=", "+", "-", "@", a tab or a carriage
  return is prefixed with a single quote (OWASP's advice against CSV/formula injection): a flow
  titled `=HYPERLINK(...)` stays text in Excel and LibreOffice.
- Numbers and dates keep their type. int, float and Decimal (negative ones included) are written as
  numbers, dates and datetimes as real XLSX dates (with a number format), never as text; strings
  stay strings (XLSX type "s").

CSV is written row by row (`csv_stream` yields chunks, for a streaming response); XLSX uses
openpyxl's write-only mode, whose memory use does not grow with the number of rows.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0%"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
CSV_CHUNK_ROWS = 500
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def neutralise(text: str) -> str:
    """`text`, prefixed with a single quote when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class Verbatim(str):
    """Text written as is in CSV: for values a data standard fixes and the caller validated, whose
    leading sign is data (an E.164 phone number, "+33493004200", digits only: no formula to run)."""


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _local(value: datetime.datetime) -> datetime.datetime:
    """A naive datetime in the portal's time zone: XLSX has no time zones."""
    return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value


@dataclass(frozen=True)
class Cell:
    """A value with how it looks in XLSX (CSV writes the value only)."""

    value: Any
    number_format: str | None = None
    bold: bool = False
    size: float | None = None
    wrap: bool = False


def percent(share: float | Decimal | None) -> Cell:
    """A share (0.48 for 48 %) written as a number shown as a percentage."""
    return Cell(share, number_format=PERCENT_FORMAT)


def money(amount: float | Decimal | None) -> Cell:
    return Cell(amount, number_format=MONEY_FORMAT)


# CSV -------------------------------------------------------------------------------------------


def csv_value(value: Any) -> Any:
    """What the csv module receives for `value`: numbers as they are, dates in ISO format, any
    other value as neutralised text."""
    if isinstance(value, Cell):
        value = value.value
    if value is None:
        return ""
    if _is_number(value):
        return value
    if isinstance(value, datetime.datetime):
        return _local(value).isoformat(sep=" ", timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Verbatim):
        return str(value)
    return neutralise(str(value))


def csv_stream(
    header: Sequence[Any] | None, rows: Iterable[Sequence[Any]], *, delimiter: str = ";", bom: bool = True
) -> Iterator[bytes]:
    """UTF-8 chunks of a CSV file. The defaults (";" and a byte-order mark) make French and Italian
    spreadsheet programs open it in columns; open-data files use "," and no mark."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    if bom:
        buffer.write("\ufeff")
    if header:
        writer.writerow([csv_value(v) for v in header])
    for count, row in enumerate(rows, start=1):
        writer.writerow([csv_value(v) for v in row])
        if count % CSV_CHUNK_ROWS == 0:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    if buffer.tell():
        yield buffer.getvalue().encode("utf-8")


def csv_bytes(
    header: Sequence[Any] | None, rows: Iterable[Sequence[Any]], *, delimiter: str = ";", bom: bool = True
) -> bytes:
    """The whole CSV file (see `csv_stream`)."""
    return b"".join(csv_stream(header, rows, delimiter=delimiter, bom=bom))


# XLSX ------------------------------------------------------------------------------------------


@dataclass
class Sheet:
    """One worksheet: an optional bold header row (frozen), then `rows`, read once.

    `formats` gives a number format to the numbers of some columns ({0-based column: format});
    `widths` sets column widths in characters."""

    title: str
    rows: Iterable[Sequence[Any]]
    header: Sequence[Any] = ()
    widths: Sequence[float] = ()
    formats: Mapping[int, str] = field(default_factory=dict)
    header_fill: str | None = None


def sheet_title(title: str) -> str:
    """A worksheet title Excel accepts: at most 31 characters, none of []:*?/\\."""
    return _SHEET_TITLE_FORBIDDEN.sub(" ", str(title))[:31].strip() or "Sheet"


def xlsx_value(value: Any) -> Any:
    """What an XLSX cell holds for `value`: numbers, booleans and dates as they are (datetimes in
    the portal's time zone), any other value as neutralised text without the control characters
    XLSX cannot hold."""
    if value is None or _is_number(value) or isinstance(value, bool | datetime.date | datetime.time):
        return _local(value) if isinstance(value, datetime.datetime) else value
    return neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))


class _SheetWriter:
    def __init__(self, workbook: Workbook, spec: Sheet) -> None:
        self.sheet = workbook.create_sheet(sheet_title(spec.title))
        self.formats = spec.formats
        self.fonts: dict[tuple[bool, float | None], Font] = {}
        for index, width in enumerate(spec.widths, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = width
        if spec.header:
            fill = PatternFill("solid", fgColor=spec.header_fill) if spec.header_fill else None
            cells = []
            for value in spec.header:
                cell = self.cell(Cell(value, bold=True, wrap=fill is not None), None)
                if fill is not None:
                    cell.fill = fill
                cells.append(cell)
            self.sheet.freeze_panes = "A2"
            self.sheet.append(cells)

    def font(self, bold: bool, size: float | None) -> Font:
        key = (bold, size)
        if key not in self.fonts:
            self.fonts[key] = Font(bold=bold, size=size)
        return self.fonts[key]

    def cell(self, value: Any, column: int | None) -> Any:
        styled = value if isinstance(value, Cell) else None
        raw = xlsx_value(styled.value if styled else value)
        number_format = styled.number_format if styled else None
        if number_format is None and column in self.formats and _is_number(raw):
            number_format = self.formats[column]
        plain_string = isinstance(raw, str) and raw not in ERROR_CODES
        if styled is None and number_format is None and (plain_string or not isinstance(raw, str)):
            return raw  # the common case: no cell object to build
        cell = WriteOnlyCell(self.sheet, value=raw)
        if isinstance(raw, str):
            cell.data_type = "s"  # "#N/A" and the like are text here, not error values
        if number_format:
            cell.number_format = number_format
        if styled and (styled.bold or styled.size):
            cell.font = self.font(styled.bold, styled.size)
        if styled and styled.wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        return cell

    def append(self, row: Sequence[Any]) -> None:
        self.sheet.append([self.cell(value, column) for column, value in enumerate(row)])


def xlsx_bytes(sheets: Iterable[Sheet]) -> bytes:
    """The workbook with `sheets`, in order."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        writer = _SheetWriter(workbook, spec)
        for row in spec.rows:
            writer.append(row)
    if not workbook.worksheets:
        workbook.create_sheet("Sheet")
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def fit_widths(header: Sequence[Any], rows: Sequence[Sequence[Any]], *, low: int = 10, high: int = 60) -> list[int]:
    """Column widths that fit the longest value of each column, between `low` and `high`."""
    widths: list[int] = []
    for row in [header, *rows]:
        for index, value in enumerate(row):
            text = value.value if isinstance(value, Cell) else value
            length = len(str(text)) if text is not None else 0
            if index == len(widths):
                widths.append(0)
            widths[index] = max(widths[index], length)
    return [min(max(width + 2, low), high) for width in widths]
