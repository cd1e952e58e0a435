"""Helpers for the import tests: build XLSX files in memory, keep uploads in a temporary folder."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from actieplan.importer import COLUMNS

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
