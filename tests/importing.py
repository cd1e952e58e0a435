"""Helpers for the import tests: build XLSX files in memory, keep uploads in a temporary folder."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from actieplan.exchange.importer import COLUMNS

HEADERS = [c.label for c in COLUMNS]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def row(**values) -> dict:
    """A data row by column key, e.g. ``row(title="…", primary_barrier="Mobiliteit")``."""
    return values


def xlsx_bytes(rows: list[dict], *, headers: list[str] | None = None, write_only: bool = False,
               sheet_title: str = "Acties", formulas: bool = False) -> bytes:
    headers = headers or HEADERS
    keys = [c.key for c in COLUMNS]
    workbook = Workbook(write_only=write_only)
    sheet = workbook.create_sheet(sheet_title) if write_only else workbook.active
    if not write_only:
        sheet.title = sheet_title
    sheet.append(headers)
    for values in rows:
        sheet.append([values.get(key) for key in keys] if isinstance(values, dict) else list(values))
    if not write_only and not formulas:
        # Text is text: openpyxl would otherwise store a value starting with "=" as a formula.
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(content: bytes, name: str = "acties.xlsx", content_type: str = XLSX) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def with_extra_part(content: bytes, name: str, data: bytes, *, content_types: tuple[bytes, bytes] | None = None) -> bytes:
    """A copy of an XLSX with one more part (e.g. ``xl/vbaProject.bin``) and edited content types."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info.filename)
            if info.filename == "[Content_Types].xml" and content_types:
                part = part.replace(*content_types)
            target.writestr(info.filename, part)
        target.writestr(name, data)
    return out.getvalue()


# --------------------------------------------------------------------------- raw workbooks
# Written as XML straight into the archive (no openpyxl row by row), so a sheet of a million
# rows takes seconds to make. Text cells are inline strings: no shared-strings part needed.
_CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'</Types>'
)
_ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
_WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Acties" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def _inline(ref: str, text: str) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def raw_workbook(rows: int, *, dimension: str | None = None, empty_rows: int = 0, barrier: str = "Mobiliteit",
                 compact: bool = False) -> bytes:
    """An XLSX with the template's headers and ``rows`` actions (title, description, barrier).

    ``dimension`` is what the sheet claims about its size (``"A1:Q2"`` understates, ``"A1:Q1048576"``
    overstates); ``empty_rows`` adds rows with only a formatted, empty cell after the actions;
    ``compact`` writes only a number as title per row (a million rows in about 5 MB).
    """
    letters = [chr(ord("A") + i) for i in range(len(HEADERS))]
    title, description, primary = (letters[HEADERS.index(h)] for h in ("Titel", "Beschrijving", "Drempel"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _ROOT_RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
            if dimension:
                head += f'<dimension ref="{dimension}"/>'
            head += '<sheetData><row r="1">' + "".join(_inline(f"{c}1", h) for c, h in zip(letters, HEADERS))
            sheet.write((head + "</row>").encode())
            chunk = []
            for n in range(2, rows + 2):
                if compact:
                    chunk.append(f'<row r="{n}"><c r="{title}{n}"><v>{n % 997}</v></c></row>')
                else:
                        chunk.append(f'<row r="{n}">{_inline(f"{title}{n}", f"Actie {n * 7919 % 100003:x}")}'
                                 f'{_inline(f"{description}{n}", f"Vervoer {n * 104729 % 1000003:x} op maat.")}'
                                 f'{_inline(f"{primary}{n}", barrier)}</row>')
                if len(chunk) == 5000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            for n in range(rows + 2, rows + 2 + empty_rows):
                chunk.append(f'<row r="{n}"><c r="A{n}" s="1"/></row>')
                if len(chunk) == 5000:
                    sheet.write("".join(chunk).encode())
                    chunk = []
            sheet.write(("".join(chunk) + "</sheetData></worksheet>").encode())
    return out.getvalue()


# --------------------------------------------------------------------------- damaged archives
def _central_entry(content: bytes, name: str) -> int:
    """Offset of ``name``'s entry in the archive's central directory."""
    position = 0
    while True:
        position = content.index(b"PK\x01\x02", position)
        length = struct.unpack_from("<H", content, position + 28)[0]
        if content[position + 46:position + 46 + length] == name.encode():
            return position
        position += 4


def damaged(content: bytes, part: str, how: str) -> bytes:
    """A copy of the archive ``content`` with one header of ``part`` damaged.

    ``how``: ``crc`` (one byte of the checksum flipped), ``size`` (the uncompressed size in
    the directory understated), ``compressed_size`` (the compressed size understated),
    ``local_extra`` / ``local_name`` (a length in the part's local header lies).
    """
    data = bytearray(content)
    entry = _central_entry(content, part)
    local = struct.unpack_from("<I", data, entry + 42)[0]
    if how == "crc":
        data[entry + 16] ^= 0xFF
    elif how == "size":
        struct.pack_into("<I", data, entry + 24, struct.unpack_from("<I", data, entry + 24)[0] // 2)
    elif how == "compressed_size":
        struct.pack_into("<I", data, entry + 20, struct.unpack_from("<I", data, entry + 20)[0] // 2)
    elif how == "local_extra":
        struct.pack_into("<H", data, local + 28, 7)
    elif how == "local_name":
        struct.pack_into("<H", data, local + 26, 5)
    else:
        raise ValueError(how)
    return bytes(data)


def replaced_part(content: bytes, name: str, data: bytes) -> bytes:
    """A copy of the archive with the part ``name`` replaced by ``data`` (e.g. broken XML)."""
    source = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, data if info.filename == name else source.read(info.filename))
    return out.getvalue()
