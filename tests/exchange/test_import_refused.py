"""Files the import refuses, each with a clear Dutch message, on the page and in the API.

The checks look at the content, never at the file name; nothing from a refused file is stored.
"""

import io
import zipfile

import pytest
from rest_framework.test import APIClient

from actieplan.exchange import importer
from actieplan.models import ImportJob
from tests.importing import media_root, upload, with_extra_part, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.usefixtures("media_root")

GOOD_ROW = {"title": "Vervoer op maat", "description": "Een busje.", "primary_barrier": "Mobiliteit"}
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def too_big() -> bytes:
    return b"PK\x03\x04" + b"\x00" * (10 * 1024 * 1024)


def xlsm() -> bytes:
    return with_extra_part(
        xlsx_bytes([GOOD_ROW]), "xl/vbaProject.bin", b"Attribute VB_Name = \"Module1\"\nSub AutoOpen()\nEnd Sub",
        content_types=(b"</Types>", b'<Override PartName="/xl/vbaProject.bin" '
                                    b'ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
    )


def xlsm_content_type_only() -> bytes:
    sheet_type = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    return with_extra_part(xlsx_bytes([GOOD_ROW]), "docProps/extra.xml", b"<x/>",
                           content_types=(sheet_type, b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"))


def with_formula() -> bytes:
    return xlsx_bytes([{**GOOD_ROW, "title": "=CONCAT(\"Vervoer\";\" op maat\")"}], formulas=True)


def docx_like() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", b'<Types><Override PartName="/word/document.xml" ContentType='
                         b'"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
        archive.writestr("word/document.xml", b"<w:document/>")
    return out.getvalue()


def with_doctype() -> bytes:
    return with_extra_part(xlsx_bytes([GOOD_ROW]), "xl/custom.xml",
                           b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>')


REFUSED = [
    ("too_big", too_big, "te groot"),
    ("not_xlsx_csv", lambda: "Titel;Beschrijving\nVervoer;Busje\n".encode(), "geen Excel-werkmap"),
    ("not_xlsx_pdf", lambda: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "geen Excel-werkmap"),
    ("not_xlsx_docx", docx_like, "geen Excel-werkmap"),
    ("broken_zip", lambda: b"PK\x03\x04" + b"garbage" * 100, "geen Excel-werkmap"),
    ("password_protected", lambda: OLE_HEADER, "wachtwoord"),
    ("macros", xlsm, "macro's"),
    ("macro_enabled_type", xlsm_content_type_only, "macro's"),
    ("formulas", with_formula, "formules (bv. in cel B2)"),
    ("doctype", with_doctype, "documenttypedeclaratie"),
    ("empty", lambda: b"", "leeg"),
]


@pytest.mark.parametrize("kind,make,expected", REFUSED, ids=[r[0] for r in REFUSED])
def test_the_api_refuses_the_file_with_a_clear_detail(kind, make, expected, chair, group):
    api = APIClient()
    api.force_authenticate(chair)
    # Every file is named .xlsx: the name does not matter, the content does.
    response = api.post("/api/v1/imports/", {"file": upload(make()), "working_group": group.pk}, format="multipart")
    assert response.status_code == 400, response.content
    assert expected in response.json()["detail"]
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("kind,make,expected", REFUSED[:9], ids=[r[0] for r in REFUSED[:9]])
def test_the_upload_page_shows_why_the_file_is_refused(kind, make, expected, client, chair, group):
    client.force_login(chair)
    response = client.post("/import/", {"file": upload(make()), "working_group": group.pk})
    assert response.status_code == 400
    text = response.content.decode()
    assert expected.replace("'", "&#x27;") in text
    assert not ImportJob.objects.exists()


def test_a_good_workbook_with_another_extension_is_accepted(chair, group, barrier):
    job = importer.import_start(user=chair, upload=upload(xlsx_bytes([GOOD_ROW]), name="acties.csv"),
                                working_group=group)
    assert job.errors == [] and job.preview[0]["operation"] == "create"
    assert job.filename == "acties.csv"


def test_a_file_name_with_a_path_is_reduced_to_its_name(chair, group, barrier):
    job = importer.import_start(user=chair, upload=upload(xlsx_bytes([GOOD_ROW]), name="../../etc/passwd.xlsx"),
                                working_group=group)
    assert job.filename == "passwd.xlsx"
    assert ".." not in job.file.name and job.file.name.startswith("imports/")


def test_too_many_rows_are_refused(chair, group, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 3)
    with pytest.raises(importer.RefusedFile, match="limiet is 3"):
        importer.import_start(user=chair, upload=upload(xlsx_bytes([GOOD_ROW] * 4)), working_group=group)
