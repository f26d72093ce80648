"""The one module that writes the portal's CSV and XLSX files: text that a spreadsheet would run
as a formula is neutralised, numbers and dates keep their types."""

import csv
import datetime
import io
import zoneinfo
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from circuito.exports import (
    Cell,
    Sheet,
    csv_bytes,
    csv_stream,
    fit_widths,
    money,
    neutralise,
    percent,
    sheet_title,
    xlsx_bytes,
)

# The payloads of the OWASP "CSV injection" page, as a title or a note could hold them.
FORMULAS = ['=HYPERLINK("http://evil","x")', "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def read_csv(content: bytes, delimiter: str = ";") -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def read_xlsx(content: bytes, sheet: int = 0):
    return load_workbook(io.BytesIO(content)).worksheets[sheet]


@pytest.mark.parametrize("text", FORMULAS)
def test_formula_like_text_is_prefixed_with_a_quote(text):
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Marc de pommes", "", "'=already quoted", " =1", "1-2", "a=b", "#N/A"])
def test_ordinary_text_is_left_alone(text):
    assert neutralise(text) == text


def test_csv_neutralises_text_and_keeps_numbers_and_dates():
    when = datetime.datetime(2024, 3, 1, 8, 30, tzinfo=datetime.UTC)  # 09:30 in Paris
    rows = [[*FORMULAS, -5, Decimal("-1.50"), 2.5, datetime.date(2020, 7, 1), when, None, Cell(-7, bold=True)]]
    [header, row] = read_csv(csv_bytes(["A", "=B"], rows))
    assert header == ["A", "'=B"]
    assert row[: len(FORMULAS)] == ["'" + f for f in FORMULAS]
    assert row[len(FORMULAS) :] == ["-5", "-1.50", "2.5", "2020-07-01", "2024-03-01 09:30:00", "", "-7"]


def test_csv_defaults_and_open_data_variant():
    content = csv_bytes(["a", "b"], [["x", 1]])
    assert content.startswith("\ufeff".encode()) and b"a;b\r\n" in content
    assert csv_bytes(["a", "b"], [["x", 1]], delimiter=",", bom=False) == b"a,b\r\nx,1\r\n"


def test_csv_streams_in_chunks_without_reading_all_rows_first(monkeypatch):
    monkeypatch.setattr("circuito.exports.CSV_CHUNK_ROWS", 2)
    read = []

    def rows():
        for number in range(5):
            read.append(number)
            yield [number]

    stream = csv_stream(["n"], rows(), bom=False)
    assert next(stream) == b"n\r\n0\r\n1\r\n" and read == [0, 1]
    assert b"".join(stream) == b"2\r\n3\r\n4\r\n"


def test_xlsx_cells_are_typed_and_formulas_neutralised():
    when = datetime.datetime(2024, 3, 1, 8, 30, tzinfo=datetime.UTC)
    rows = [
        [*FORMULAS, "#N/A", "ok\x07bell"],
        [-5, Decimal("-1.50"), 2.5, datetime.date(2020, 7, 1), when, None, True, 0],
    ]
    sheet = read_xlsx(xlsx_bytes([Sheet("Flows", rows, header=["=Title"])]))
    header, text, numbers = (list(row) for row in sheet.iter_rows())
    assert (header[0].value, header[0].data_type, header[0].font.b) == ("'=Title", "s", True)
    assert sheet.freeze_panes == "A2"
    for cell, formula in zip(text, FORMULAS, strict=False):
        # XML parsers read a carriage return back as a line feed.
        assert (cell.data_type, cell.value) == ("s", "'" + formula.replace("\r", "\n"))
    assert (text[len(FORMULAS)].data_type, text[len(FORMULAS)].value) == ("s", "#N/A")  # text, not an error value
    assert text[len(FORMULAS) + 1].value == "okbell"  # control characters XLSX cannot hold are dropped
    assert [(c.data_type, c.value) for c in numbers[:3]] == [("n", -5), ("n", -1.5), ("n", 2.5)]
    day, moment = numbers[3], numbers[4]
    assert day.is_date and day.value == datetime.datetime(2020, 7, 1) and day.number_format == "yyyy-mm-dd"
    paris = when.astimezone(zoneinfo.ZoneInfo("Europe/Paris")).replace(tzinfo=None)
    assert moment.is_date and moment.value == paris
    assert numbers[5].value is None and numbers[6].data_type == "b" and numbers[7].value == 0


def test_xlsx_formats_styles_and_sheets():
    rows = [
        [percent(Decimal("0.48")), money(Decimal("-1234.5")), Decimal("10"), "text", Cell("Total", bold=True, size=14)],
        [percent(None), Decimal("3"), "—", None, Cell("long", wrap=True)],
    ]
    content = xlsx_bytes(
        [
            Sheet("Budget: 2024/25 [draft]?", rows, header=["a", "b", "c"], widths=[12, 20], formats={2: "0.0"}),
            Sheet("Second", iter([["x"]]), header_fill="E9ECEF", header=["h"]),
        ]
    )
    workbook = load_workbook(io.BytesIO(content))
    first, second = workbook.worksheets
    assert first.title == "Budget  2024 25  draft" and second.title == "Second"
    share, amount, formatted, text, title = first[2]
    assert (share.data_type, share.value, share.number_format) == ("n", 0.48, "0%")
    assert (amount.value, amount.number_format) == (-1234.5, "#,##0.00")
    assert (formatted.value, formatted.number_format) == (10, "0.0")  # the column's format
    assert text.number_format == "General"  # formats apply to numbers only
    assert title.font.b and title.font.sz == 14
    assert first["B3"].value == 3 and first["C3"].value == "—" and first["E3"].alignment.wrap_text
    assert first.column_dimensions["A"].width == 12 and first.column_dimensions["B"].width == 20
    assert second["A1"].fill.fgColor.rgb.endswith("E9ECEF") and second["A2"].value == "x"


def test_sheet_titles_and_widths():
    assert sheet_title("x" * 40) == "x" * 31
    assert sheet_title("") == "Sheet"
    assert fit_widths(["Name", "E-mail"], [["A", "someone@example.org"], [None, Cell("x" * 100)]]) == [10, 60]


def test_an_empty_workbook_still_opens():
    assert load_workbook(io.BytesIO(xlsx_bytes([]))).worksheets
