"""A damaged workbook gets the importer's Dutch message, never a server error (issue 13, finding 4b).

The archives are built by damaging one header of a good workbook: a checksum byte flipped, a
size in the archive's directory or a length in a part's local header that lies, or XML that
does not parse. The upload page shows the message as the file's error, the API answers 400 with
it as ``detail``, and a stored file that is damaged fails its job with it.
"""

import pytest
from django.core.files.base import ContentFile
from rest_framework.test import APIClient

from actieplan.exchange import importer
from actieplan.models import ImportJob, ImportStatus
from tests.importing import damaged, media_root, replaced_part, upload, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.usefixtures("media_root")

GOOD_ROW = {"title": "Vervoer op maat", "description": "Een busje.", "primary_barrier": "Mobiliteit"}
DAMAGED = "Het bestand is beschadigd en kan niet gelezen worden"
SHEET = "xl/worksheets/sheet1.xml"


def good() -> bytes:
    return xlsx_bytes([GOOD_ROW] * 3)


def _broken_sheet_xml() -> bytes:
    return (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
            b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Titel</t></is></c>')


CASES = [
    ("crc_of_the_sheet", lambda: damaged(good(), SHEET, "crc")),
    ("crc_of_the_content_types", lambda: damaged(good(), "[Content_Types].xml", "crc")),
    ("crc_of_the_workbook_part", lambda: damaged(good(), "xl/workbook.xml", "crc")),
    ("crc_of_the_styles", lambda: damaged(good(), "xl/styles.xml", "crc")),
    ("crc_of_the_theme", lambda: damaged(good(), "xl/theme/theme1.xml", "crc")),
    ("size_in_the_directory_lies", lambda: damaged(good(), SHEET, "size")),
    ("compressed_size_lies", lambda: damaged(good(), SHEET, "compressed_size")),
    ("local_header_extra_length_lies", lambda: damaged(good(), SHEET, "local_extra")),
    ("local_header_name_length_lies", lambda: damaged(good(), SHEET, "local_name")),
    ("sheet_xml_cut_off", lambda: replaced_part(good(), SHEET, _broken_sheet_xml())),
    ("workbook_xml_cut_off", lambda: replaced_part(good(), "xl/workbook.xml", b"<workbook><sheets><sheet")),
    ("sheet_part_missing", lambda: replaced_part(good(), "xl/_rels/workbook.xml.rels", (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        b'worksheet" Target="worksheets/gone.xml"/></Relationships>'))),
]


@pytest.mark.parametrize("kind,make", CASES, ids=[c[0] for c in CASES])
def test_the_api_answers_400_with_the_importers_message(kind, make, chair, group, barrier):
    api = APIClient()
    api.force_authenticate(chair)
    response = api.post("/api/v1/imports/", {"file": upload(make()), "working_group": group.pk}, format="multipart")
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert DAMAGED in response.json()["detail"]
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("kind,make", CASES, ids=[c[0] for c in CASES])
def test_the_upload_page_shows_the_message_as_the_files_error(kind, make, client, chair, group, barrier):
    client.force_login(chair)
    response = client.post("/import/", {"file": upload(make()), "working_group": group.pk})
    assert response.status_code == 400
    assert DAMAGED in response.content.decode()
    assert response.context["form"].errors["file"] == [response.context["form"].errors["file"][0]]
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("how", ["crc", "size", "local_extra"])
def test_a_stored_file_damaged_later_fails_its_job_with_the_message(how, chair, group, barrier):
    """The background validation reads the stored file again: damage there fails the job, not the worker."""
    job = importer.import_start(user=chair, upload=upload(good()), working_group=group)
    assert job.status == ImportStatus.PREVIEW
    job.file.save("import.xlsx", ContentFile(damaged(good(), SHEET, how)), save=True)

    importer.validate_job(job)

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert DAMAGED in job.errors[0]["message"]
    assert job.preview == []
