"""A real Celery worker on the configured broker sends the notification of a committed change.

Runs only when CELERY_BROKER_URL is set and the test database is a real server
(PostgreSQL in CI): the worker is a separate process that must see the test data.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from actieplan.models import Status
from actieplan.actions.services import action_transition
from config.celery import app as celery_app
from tests import factories as f

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.celery_integration,
    pytest.mark.skipif(not os.environ.get("CELERY_BROKER_URL"), reason="CELERY_BROKER_URL is not set"),
]


def _database_url():
    db = connection.settings_dict
    if db["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("the worker needs a database server it can share with the test (PostgreSQL)")
    user = db.get("USER") or "postgres"
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{user}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path, transactional_db):
    queue = f"test-{os.getpid()}-{time.time_ns()}"
    env = {
        **os.environ,
        "CELERY_TASK_DEFAULT_QUEUE": queue,  # what the worker itself hands on (the e-mails) stays on its queue
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "DATABASE_URL": _database_url(),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "VAR_DIR": str(tmp_path),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", queue,
         "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_default_queue = queue
    try:
        yield tmp_path / "mail", proc
    finally:
        celery_app.conf.task_always_eager = eager
        celery_app.conf.task_default_queue = "celery"
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_sending_back_an_action_is_mailed_by_a_real_worker(worker):
    mail_dir, proc = worker
    group = f.working_group(name="Werkgroep Mobiliteit", code_prefix="MOB")
    chair = f.user("voorzitter")
    f.membership(chair, group, role="chair")
    coordinator = f.user("coordinator", is_coordinator=True)
    action = f.action(working_group=group, status=Status.SUBMITTED, code="MOB-04")

    action_transition(action=action, to=Status.DRAFT, user=coordinator, reason="Graag een concreter resultaat")

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        files = list(mail_dir.glob("*.log")) if mail_dir.exists() else []
        # The file backend writes the message after creating the file: wait for the whole text.
        if files and "Graag een concreter resultaat" in files[0].read_text():
            break
        if proc.poll() is not None:
            pytest.fail(f"worker stopped: {proc.stdout.read().decode()}")
        time.sleep(0.3)
    else:
        proc.terminate()
        output = proc.communicate(timeout=20)[0].decode()
        pytest.fail(f"the worker sent no e-mail within 60 seconds; worker output:\n{output}")
    text = files[0].read_text()
    assert "MOB-04" in text
    assert "voorzitter@example.be" in text
    assert "Graag een concreter resultaat" in text
    assert settings.CELERY_BROKER_URL.startswith(("redis://", "amqp://", "filesystem://"))
