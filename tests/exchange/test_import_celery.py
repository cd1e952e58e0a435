"""A 5,000-row import runs through Celery (eager in tests): validated, previewed, written at once."""

import time

import pytest
from rest_framework.test import APIClient

from actieplan.exchange import importer
from actieplan.models import Action, ImportJob, ImportStatus
from tests.importing import media_root, upload, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.usefixtures("media_root")

ROWS = 5000


def big_file(rows: int) -> bytes:
    data = [
        {"code": f"MOB-{n}", "title": f"Actie {n}: vervoer op maat", "description": "Een busje naar het werk.",
         "primary_barrier": "Mobiliteit", "level": "lokaal", "budget_estimate": n}
        for n in range(1, rows + 1)
    ]
    return xlsx_bytes(data, write_only=True)


@pytest.fixture
def task_calls(monkeypatch):
    """The names of the import tasks queued, in order (they still run, eagerly)."""
    from actieplan.exchange import tasks as import_tasks

    calls = []
    for name in ("validate_import", "confirm_import"):
        task = getattr(import_tasks, name)
        # Handed over through the outbox, which calls apply_async.
        monkeypatch.setattr(task, "apply_async",
                            lambda *a, _o=task.apply_async, _n=name, **k: calls.append(_n) or _o(*a, **k))
    return calls


@pytest.fixture
def api(chair):
    client = APIClient()
    client.force_authenticate(chair)
    return client


def test_a_5000_row_file_is_validated_in_a_celery_task_with_progress(
    api, group, barrier, task_calls, django_capture_on_commit_callbacks, monkeypatch
):
    progress_seen = []
    real_set_progress = importer._set_progress
    monkeypatch.setattr(importer, "_set_progress",
                        lambda job, done, total: progress_seen.append(done) or real_set_progress(job, done, total))
    started = time.monotonic()

    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/imports/", {"file": upload(big_file(ROWS)), "working_group": group.pk},
                            format="multipart")
    assert response.status_code == 201
    # The upload answers before validation (status pending); the task does the work.
    assert response.json()["status"] == ImportStatus.PENDING and response.json()["total_rows"] == ROWS
    assert task_calls == ["validate_import"]
    job = ImportJob.objects.get(pk=response.json()["id"])
    assert job.status == ImportStatus.PREVIEW and job.errors == [] and job.progress == 100
    assert progress_seen[:3] == [99, 199, 299] and len(progress_seen) == ROWS // importer.PROGRESS_EVERY
    detail = api.get(f"/api/v1/imports/{job.pk}/").json()
    assert detail["counts"] == {"create": ROWS, "update": 0, "unchanged": 0, "error": 0}
    assert detail["can_confirm"] is True
    assert len(detail["preview"]) == ROWS and "data" not in detail["preview"][0]
    assert detail["preview"][-1] == {"row": ROWS + 1, "operation": "create", "code": f"MOB-{ROWS}",
                                     "title": f"Actie {ROWS}: vervoer op maat", "action_id": None, "changes": []}
    assert not Action.objects.exists()
    assert time.monotonic() - started < 30


def test_a_large_file_is_written_in_a_celery_task(api, group, barrier, task_calls, django_capture_on_commit_callbacks):
    # Writing goes through action_create for every row (validation, permissions, history,
    # overlap index): about 15-20 ms a row, so this uses just over the Celery threshold.
    rows = importer.LARGE_IMPORT_ROWS + 20
    with django_capture_on_commit_callbacks(execute=True):
        job_id = api.post("/api/v1/imports/", {"file": upload(big_file(rows)), "working_group": group.pk},
                          format="multipart").json()["id"]
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(f"/api/v1/imports/{job_id}/confirm/")
    assert response.status_code == 202 and response.json()["status"] == ImportStatus.IMPORTING
    assert task_calls == ["validate_import", "confirm_import"]
    job = ImportJob.objects.get(pk=job_id)
    assert job.status == ImportStatus.DONE, job.errors
    assert job.result["created"] == rows
    assert Action.objects.filter(working_group=group).count() == rows
    assert Action.objects.get(code="MOB-321").level == "local"
    assert api.get(f"/api/v1/imports/{job_id}/").json()["result"]["created"] == rows


def test_a_small_file_is_validated_and_written_without_celery(api, group, barrier, task_calls):
    response = api.post("/api/v1/imports/", {"file": upload(big_file(3)), "working_group": group.pk},
                        format="multipart")
    assert response.json()["status"] == ImportStatus.PREVIEW
    response = api.post(f"/api/v1/imports/{response.json()['id']}/confirm/")
    assert response.status_code == 200 and response.json()["status"] == ImportStatus.DONE
    assert task_calls == []


def test_a_failing_task_marks_the_job_failed(chair, group, barrier):
    job = importer.import_start(user=chair, upload=upload(xlsx_bytes([{"title": "x"}])), working_group=group)

    def boom(job):
        raise RuntimeError("kapot")

    from actieplan.exchange import tasks as import_tasks

    with pytest.raises(RuntimeError):
        importer.run_task_safely(job.pk, boom)
    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED and "onverwacht" in job.errors[0]["message"]
    assert import_tasks.validate_import.name.endswith("validate_import")
