"""The one cell writer for CSV and XLSX: every export of the application writes its cells here.

A spreadsheet (Excel, LibreOffice) runs a cell that starts with ``=``, ``+``, ``-`` or ``@``
as a formula (``=HYPERLINK(...)`` leaks data, ``=cmd|...`` runs commands), also after
leading spaces, tabs or line breaks, and Excel reads the full-width ``＝＋－＠`` as the same
characters. So, following OWASP's advice on CSV injection:

* text (anything that is not a number, a date or empty) that would start a formula is
  prefixed with a single quote, in CSV and XLSX alike (``neutralise``);
* in XLSX every text is written as a string cell, never as a formula (openpyxl would take
  any ``str`` that starts with ``=`` for one);
* numbers (``int``, ``float``, ``Decimal``) and dates stay real typed cells with a number
  format (amounts ``#,##0.00``, dates ``dd/mm/yyyy``), so sums and filters keep working;
* lazy translations and other objects become text (``force_str``); booleans ``ja``/``nee``.

CSV: ``csv_bytes``. XLSX: ``new_workbook``, ``write_table`` (a sheet with a bold header
row, widths, frozen header and filter), ``append_row``, ``write_cell`` and
``workbook_bytes``. Nothing else in the code base builds CSV rows or sets cell values.
"""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, Iterable

from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.translation import gettext
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# A text that starts with one of these (after leading whitespace) is read as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # and the full-width ＝＋－＠
# These start a formula themselves (OWASP), before any whitespace is skipped.
FORMULA_LEADS = ("\t", "\r")
LEADING_WHITESPACE = " \t\r\n\u00a0\u3000"
QUOTE = "'"
MAX_XLSX_TEXT = 32767  # Excel's limit for one cell
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
TIME_FORMAT = "hh:mm"
AMOUNT_FORMAT = "#,##0.00"


def needs_quote(text: str) -> bool:
    """Would a spreadsheet read ``text`` as a formula?"""
    return text.startswith(FORMULA_LEADS) or text.lstrip(LEADING_WHITESPACE).startswith(FORMULA_STARTS)


def neutralise(text: str) -> str:
    """``text`` as a spreadsheet shows it literally: a single quote in front of a would-be formula."""
    return QUOTE + text if needs_quote(text) else text


def unneutralise(text: str) -> str:
    """The text a user wrote, from a cell ``neutralise`` wrote (for reading a file back in)."""
    if text.startswith(QUOTE) and needs_quote(text[1:]):
        return text[1:]
    return text


def _text(value) -> str:
    if isinstance(value, bool):
        return gettext("ja") if value else gettext("nee")
    return neutralise(force_str(value))


def _local(value: datetime) -> datetime:
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(tzinfo=None)


# --------------------------------------------------------------------------- CSV
# The two CSV dialects. PEOPLE: what a spreadsheet with Belgian (nl-BE) settings opens as columns
# of numbers and dates: ``;``, dates dd/mm/yyyy, a decimal comma. MACHINE (``?dialect=machine``):
# ``,``, ISO 8601 dates, a decimal point, for programs.
PEOPLE = "people"
MACHINE = "machine"
DIALECTS = (PEOPLE, MACHINE)
DELIMITERS = {PEOPLE: ";", MACHINE: ","}


def csv_value(value: Any, dialect: str = MACHINE) -> str:
    """One CSV field: numbers as digits, dates in the dialect's form, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _text(value)
    if isinstance(value, (int, float, Decimal)):
        text = str(value)
        return text.replace(".", ",") if dialect == PEOPLE and not isinstance(value, int) else text
    if isinstance(value, datetime):
        local = _local(value)
        if dialect == PEOPLE:
            return local.strftime("%d/%m/%Y %H:%M")
        return local.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y") if dialect == PEOPLE else value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M") if dialect == PEOPLE else value.isoformat()
    return _text(value)


def csv_bytes(headers: Iterable, rows: Iterable[Iterable], *, dialect: str = PEOPLE,
              delimiter: str | None = None) -> bytes:
    """CSV in UTF-8 with a byte-order mark (so Excel opens Dutch text correctly), CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter or DELIMITERS[dialect], quoting=csv.QUOTE_MINIMAL,
                        lineterminator="\r\n")
    writer.writerow([csv_value(h, dialect) for h in headers])
    for row in rows:
        writer.writerow([csv_value(v, dialect) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


# --------------------------------------------------------------------------- XLSX
def new_workbook() -> Workbook:
    return Workbook()


def write_cell(cell: Cell, value: Any) -> Cell:
    """Put ``value`` in ``cell`` as a typed value: a number, a date or text (never a formula)."""
    if value is None or value == "":
        cell.value = None
    elif isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        cell.value = value
        if isinstance(value, (float, Decimal)):
            cell.number_format = AMOUNT_FORMAT
    elif isinstance(value, datetime):
        cell.value = _local(value)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, time):
        cell.value = value
        cell.number_format = TIME_FORMAT
    else:
        text = ILLEGAL_CHARACTERS_RE.sub("", _text(value))[:MAX_XLSX_TEXT]
        cell.value = text
        cell.data_type = "s"  # set after the value: openpyxl takes a str starting with "=" for a formula
    return cell


def append_row(sheet, values: Iterable, *, font: Font | None = None) -> int:
    """Append ``values`` as the next row of ``sheet``; the row number."""
    cells = []
    for value in values:
        cell = write_cell(Cell(sheet), value)
        if font is not None:
            cell.font = font
        cells.append(cell)
    sheet.append(cells)
    return sheet._current_row


def display_width(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, (date, time)):
        return 16 if isinstance(value, datetime) else 10
    return max((len(line) for line in force_str(value).splitlines()), default=0)


def write_table(sheet, headers: Iterable, rows: Iterable[Iterable], *, min_width: int = 8,
                max_width: int = 60):
    """A table on ``sheet``: bold header row, one row per item, widths to fit, frozen header, filter."""
    headers = list(headers)
    append_row(sheet, headers, font=Font(bold=True))
    widths = [min(max(display_width(h), min_width), max_width) for h in headers]
    for row in rows:
        row = list(row)
        append_row(sheet, row)
        for index, value in enumerate(row[:len(widths)]):
            widths[index] = min(max(widths[index], display_width(value)), max_width)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width + 2
    sheet.freeze_panes = "A2"
    if headers:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{max(sheet.max_row, 1)}"
    return sheet


SHEET_TITLE_FORBIDDEN = set('[]:*?/\\')


def sheet_title(title: Any, fallback: str = "Export") -> str:
    """A valid sheet name (Excel: at most 31 characters, none of ``[]:*?/\\``)."""
    cleaned = "".join("-" if ch in SHEET_TITLE_FORBIDDEN else ch for ch in force_str(title)).strip("'")
    return (cleaned or fallback)[:31]


def workbook_bytes(workbook: Workbook) -> bytes:
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
