"""CI: a real Celery worker with embedded beat (database scheduler) sends the reminders.

Beat reads an interval task from the test database (every second, with a fixed ``today``),
queues ``send_reminders`` on Redis, the worker decides what is due, queues one delivery per
recipient and writes the e-mails with the file backend. Runs only with CELERY_BROKER_URL set
and a database server the worker can share (PostgreSQL).
"""

import json
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from django.db import connection
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from monitoring.models import SendState, SentReminder
from tests import factories as f
from tests.reminder_helpers import monitored_action

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
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{user}{password}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def beat_worker(tmp_path, transactional_db):
    database_url = _database_url()

    def start():
        queue = f"reminders-{os.getpid()}-{time.time_ns()}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "true",
            "DATABASE_URL": database_url,
            "CONN_MAX_AGE": "0",
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(tmp_path / "mail"),
            "VAR_DIR": str(tmp_path),
            "CELERY_TASK_ALWAYS_EAGER": "false",
        }
        # -Q: a private queue, so that no other worker on the same Redis takes these tasks.
        proc = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "config", "worker", "-B", "--pool=solo", "-Q", queue,
             "--scheduler", "django_celery_beat.schedulers:DatabaseScheduler",
             "--schedule", str(tmp_path / "beat-schedule"),
             "--without-gossip", "--without-mingle", "--loglevel=INFO"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        procs.append(proc)
        return queue, proc

    procs = []
    try:
        yield tmp_path / "mail", start
    finally:
        for proc in procs:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()


def test_beat_triggers_the_run_and_the_worker_mails_each_recipient_once(beat_worker):
    mail_dir, start = beat_worker
    domain = f.policy_domain(name="Mobiliteit en Openbare Werken", abbreviation="MOW")
    f.user("domeincontact", contact_domains=[domain])
    group = f.working_group(name="Werkgroep Mobiliteit", code_prefix="MOB")
    f.membership(f.user("voorzitter"), group, role="chair")
    f.phase(1, deadline=date(2026, 9, 3))
    f.action(working_group=group, code="MOB-60")
    monitored_action(lead_domain=domain, last_update=date(2026, 6, 1), code="MOB-61", working_group=group)
    every_second, _ = IntervalSchedule.objects.get_or_create(every=1, period=IntervalSchedule.SECONDS)
    queue, proc = start()
    PeriodicTask.objects.create(
        name="test: reminders every second", task="monitoring.tasks.send_reminders", interval=every_second,
        kwargs=json.dumps({"today": "2026-09-02"}), queue=queue,
    )

    deadline = time.monotonic() + 60
    rows = []
    while time.monotonic() < deadline:
        rows = list(SentReminder.objects.filter(state=SendState.SENT))
        if len(rows) >= 2:
            time.sleep(2)  # let beat fire a few more times: nothing more may be sent
            break
        if proc.poll() is not None:
            pytest.fail(f"worker stopped: {proc.stdout.read().decode()}")
        time.sleep(0.3)
    else:
        proc.terminate()
        output = proc.communicate(timeout=20)[0].decode()
        pytest.fail(f"no reminders were sent within 60 seconds; worker output:\n{output[-5000:]}")

    rows = list(SentReminder.objects.order_by("kind"))
    assert [(r.kind, r.state, r.recipient.username) for r in rows] == [
        ("phase_deadline", "sent", "voorzitter"),
        ("status_due", "sent", "domeincontact"),
    ]
    text = "".join(p.read_text() for p in sorted(mail_dir.glob("*.log")))
    assert text.count("To: voorzitter@example.be") == 1
    assert text.count("To: domeincontact@example.be") == 1
    assert "MOB-60" in text and "MOB-61" in text
    assert "Content-Type: text/html" in text
