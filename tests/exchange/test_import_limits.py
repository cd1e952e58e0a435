"""Uploads that would tie up a web worker are refused after a cheap look (issue 13, finding 5).

The web request counts the data sheet's rows while streaming it and stops at the limit
(``importer.MAX_ROWS``, 10.000 actions per file); it never trusts the sheet's ``<dimension>``,
which can claim fewer rows than there are (then the preview used to show one row and drop the
rest) or more. The workbooks are written as raw XML, so a million rows take a second to make;
``bench/bench_import_limits.py`` prints how long the refusals take.
"""

import io
import os
import zipfile

import pytest
from rest_framework.test import APIClient

from actieplan.exchange import importer
from actieplan.models import ImportJob, ImportStatus
from tests.importing import media_root, raw_workbook, upload, with_extra_part, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.usefixtures("media_root")

TOO_MANY = "Het bestand bevat meer dan 10.000 rijen; de limiet is 10.000 acties per bestand."
UNDERSTATES = "A1:Q2"  # "the sheet ends at row 2"
OVERSTATES = "A1:Q1048576"  # "the sheet goes on to Excel's last row"


@pytest.fixture
def api(chair):
    client = APIClient()
    client.force_authenticate(chair)
    return client


@pytest.fixture(scope="module")
def a_million_rows():
    return raw_workbook(1_000_000, dimension=UNDERSTATES, compact=True)


@pytest.mark.parametrize("dimension", [UNDERSTATES, OVERSTATES, None], ids=["understated", "overstated", "none"])
def test_one_row_above_the_limit_is_refused_on_the_api(api, group, barrier, dimension):
    content = raw_workbook(importer.MAX_ROWS + 1, dimension=dimension)
    response = api.post("/api/v1/imports/", {"file": upload(content), "working_group": group.pk}, format="multipart")
    assert response.status_code == 400, response.content
    assert TOO_MANY in response.json()["detail"]
    assert not ImportJob.objects.exists()


@pytest.mark.parametrize("dimension", [UNDERSTATES, OVERSTATES], ids=["understated", "overstated"])
def test_one_row_above_the_limit_is_refused_on_the_upload_page(client, chair, group, barrier, dimension):
    client.force_login(chair)
    content = raw_workbook(importer.MAX_ROWS + 1, dimension=dimension)
    response = client.post("/import/", {"file": upload(content), "working_group": group.pk})
    assert response.status_code == 400
    assert TOO_MANY in response.content.decode()
    assert not ImportJob.objects.exists()


def test_a_million_rows_in_a_small_file_are_refused(api, group, barrier, a_million_rows):
    assert len(a_million_rows) < importer.MAX_FILE_BYTES  # it passes the size check: the rows must stop it
    response = api.post("/api/v1/imports/", {"file": upload(a_million_rows), "working_group": group.pk},
                        format="multipart")
    assert response.status_code == 400, response.content
    assert TOO_MANY in response.json()["detail"]


def test_the_limit_itself_is_accepted_and_counted_without_the_dimension(chair, group, barrier,
                                                                         django_capture_on_commit_callbacks):
    content = raw_workbook(importer.MAX_ROWS, dimension=UNDERSTATES)
    with django_capture_on_commit_callbacks(execute=False):
        job = importer.import_start(user=chair, upload=upload(content), working_group=group)
    assert job.total_rows == importer.MAX_ROWS
    assert job.status == ImportStatus.PENDING  # large: validated in a Celery task, with the progress page


def test_every_row_is_previewed_whatever_the_dimension_claims(api, group, barrier):
    for dimension in (UNDERSTATES, OVERSTATES):
        response = api.post("/api/v1/imports/", {"file": upload(raw_workbook(30, dimension=dimension)),
                                                 "working_group": group.pk}, format="multipart")
        assert response.status_code == 201, response.content
        data = response.json()
        assert data["status"] == ImportStatus.PREVIEW and data["errors"] == [], dimension
        assert data["total_rows"] == 30, dimension
        assert [entry["row"] for entry in data["preview"]] == list(range(2, 32)), dimension
        assert data["counts"]["create"] == 30, dimension


def test_empty_formatted_rows_do_not_count_but_are_bounded(api, group, barrier):
    ok = raw_workbook(5, dimension=UNDERSTATES, empty_rows=1_000)
    response = api.post("/api/v1/imports/", {"file": upload(ok), "working_group": group.pk}, format="multipart")
    assert response.status_code == 201 and response.json()["total_rows"] == 5

    endless = raw_workbook(5, dimension=UNDERSTATES, empty_rows=importer.MAX_SHEET_ROWS)
    response = api.post("/api/v1/imports/", {"file": upload(endless), "working_group": group.pk}, format="multipart")
    assert response.status_code == 400
    assert "Het werkblad bevat meer dan 50.000 rijen" in response.json()["detail"]


def test_a_bomb_part_is_refused_from_the_archives_directory(api, group, barrier):
    """One part that unpacks to far more than it weighs, hidden beside an incompressible part."""
    content = with_extra_part(
        with_extra_part(xlsx_bytes([]), "xl/media/image1.bin", os.urandom(3 * 1024 * 1024)),
        "customXml/item1.xml", b"<a>" + b" " * (60 * 1024 * 1024) + b"</a>",
    )
    infos = zipfile.ZipFile(io.BytesIO(content)).infolist()
    total = sum(i.file_size for i in infos)
    assert total / sum(i.compress_size for i in infos) < importer.MAX_COMPRESSION_RATIO  # the whole looks fine
    response = api.post("/api/v1/imports/", {"file": upload(content), "working_group": group.pk}, format="multipart")
    assert response.status_code == 400
    assert "uitgepakt is het veel te groot" in response.json()["detail"]
