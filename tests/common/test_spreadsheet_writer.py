"""The one cell writer for CSV and XLSX (``common/spreadsheet.py``) and the rule that nothing else writes cells."""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from common import spreadsheet


@pytest.mark.parametrize("text", [
    "=1+1", '=HYPERLINK("http://x","a")', "+1", "-2+3", "@SUM(1)", " =1", "  +1+1", "\t=1", "\r=1", "\n=1",
    "\tgewoon", "\rgewoon", "＝1+1", "＋1", "－1", "＠SUM(1)", "\u00a0=1",
])
def test_text_that_would_start_a_formula_gets_a_quote(text):
    assert spreadsheet.neutralise(text) == "'" + text
    assert spreadsheet.unneutralise("'" + text) == text


@pytest.mark.parametrize("text", ["gewoon", "MOB-01", "1+1", "'=al gequoteerd", "", "e-mail: a@b.be", "50 %"])
def test_other_text_is_left_alone(text):
    assert spreadsheet.neutralise(text) == text


def test_reading_back_strips_only_the_quote_the_writer_adds():
    assert spreadsheet.unneutralise("'gewoon") == "'gewoon"
    assert spreadsheet.unneutralise("''=1") == "''=1"
    assert spreadsheet.unneutralise("gewoon") == "gewoon"


def read_csv(content: bytes, delimiter=","):
    assert content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""), delimiter=delimiter))


def test_csv_quotes_text_but_not_numbers_or_dates():
    table = [["=1+1", -5], ["\t=1", Decimal("-2.50")], [gettext_lazy("ja"), date(2026, 7, 3)], [True, None]]
    rows = read_csv(spreadsheet.csv_bytes(["=kop", "b"], table, dialect=spreadsheet.MACHINE))
    assert rows == [["'=kop", "b"], ["'=1+1", "-5"], ["'\t=1", "-2.50"], ["ja", "2026-07-03"], ["ja", ""]]
    # for people (a Belgian spreadsheet): ';', dd/mm/yyyy and a decimal comma
    rows = read_csv(spreadsheet.csv_bytes(["=kop", "b"], table), delimiter=";")
    assert rows == [["'=kop", "b"], ["'=1+1", "-5"], ["'\t=1", "-2,50"], ["ja", "03/07/2026"], ["ja", ""]]
    semicolons = spreadsheet.csv_bytes(["a", "b"], [["-1", 2]], delimiter=";")
    assert read_csv(semicolons, delimiter=";") == [["a", "b"], ["'-1", "2"]]


def test_xlsx_writes_text_as_strings_and_keeps_numbers_and_dates_typed(settings):
    workbook = spreadsheet.new_workbook()
    sheet = workbook.active
    moment = datetime(2026, 7, 3, 14, 30, tzinfo=ZoneInfo("UTC"))
    spreadsheet.write_table(sheet, ["Titel", "Bedrag", "Datum", "Tijdstip", "Aantal", "Ja/nee", "Lui"], [
        ['=HYPERLINK("http://x","a")', Decimal("1234.5"), date(2026, 7, 3), moment, -3, True, gettext_lazy("nee")],
        ["gewoon", 2.5, None, None, 0, False, "\x07bel"],
    ])
    sheet = load_workbook(io.BytesIO(spreadsheet.workbook_bytes(workbook))).active
    title, amount, day, at, count, flag, lazy = sheet[2]
    assert (title.value, title.data_type) == ("'=HYPERLINK(\"http://x\",\"a\")", "s")
    assert (amount.value, amount.number_format) == (1234.5, "#,##0.00")
    assert (day.value, day.number_format) == (datetime(2026, 7, 3), "dd/mm/yyyy")
    assert (at.value, at.number_format) == (datetime(2026, 7, 3, 16, 30), "dd/mm/yyyy hh:mm")  # Brussels time
    assert (count.value, count.data_type) == (-3, "n")
    assert (flag.value, lazy.value) == ("ja", "nee")
    assert sheet["G3"].value == "bel"  # a control character Excel refuses is dropped, not a 500
    assert sheet.freeze_panes == "A2" and sheet["A1"].font.bold
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_sheet_titles_are_valid():
    assert spreadsheet.sheet_title("a/b:c*d?[e]\\f") == "a-b-c-d--e--f"
    assert spreadsheet.sheet_title("") == "Export"
    assert len(spreadsheet.sheet_title("x" * 50)) == 31


# --------------------------------------------------------------------------- one writer
WRITING = [
    (re.compile(r"^\s*import csv\b|^\s*from csv import", re.M), "the csv module"),
    (re.compile(r"\bcsv\.(writer|DictWriter)\b"), "csv.writer"),
    (re.compile(r"from openpyxl import[^\n]*\bWorkbook\b"), "openpyxl's Workbook"),
    (re.compile(r"\bWorkbook\("), "a Workbook"),
    (re.compile(r"\.data_type\s*="), "a cell's data_type"),
]
WRITING_WITH_OPENPYXL = [  # in a module that uses openpyxl
    (re.compile(r"\.cell\([^)]*\bvalue="), "a cell value"),
    (re.compile(r"\.value\s*=[^=]"), "a cell value"),
]


def test_no_module_but_the_writer_writes_spreadsheet_cells():
    """Every CSV and XLSX goes through common/spreadsheet.py, so no export can skip the neutralisation."""
    root = Path(settings.BASE_DIR)
    offenders = []
    for path in sorted(root.glob("*/**/*.py")):
        relative = path.relative_to(root).as_posix()
        if relative.startswith((".venv/", "tests/", "bench/")) or relative == "common/spreadsheet.py" \
                or "/migrations/" in relative:
            continue
        source = path.read_text(encoding="utf-8")
        patterns = WRITING + (WRITING_WITH_OPENPYXL if "openpyxl" in source else [])
        offenders += [f"{relative}: {what}" for pattern, what in patterns if pattern.search(source)]
    assert offenders == []
