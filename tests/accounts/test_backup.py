"""``manage.py backup`` and ``manage.py restore``: the round trip on the database the suite runs on
(PostgreSQL in CI, SQLite with ``make test`` without DATABASE_URL): a small world with uploaded
files → backup → a fresh, empty database → restore → the same row counts, the same API output,
the attachments readable again. A restore into a database that is not empty is refused."""

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection
from rest_framework.test import APIClient

from tests import factories as f
from tests.importing import media_root  # noqa: F401
from tests.monitoring_helpers import adopted_action, report

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[2]
ATTACHMENT = b"%PDF-1.4 verslag van de stuurgroep"

# Runs in the restored installation: row counts, the API's list of actions, the attachment.
PROBE = """
import json, django
django.setup()
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from rest_framework.test import APIClient
from monitoring.models import StatusUpdate
counts = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
client = APIClient()
client.force_authenticate(get_user_model().objects.get(username="coordinator"))
actions = client.get("/api/v1/actions/?ordering=code").json()
with default_storage.open(StatusUpdate.objects.exclude(attachment="").get().attachment.name) as fh:
    attachment = fh.read().decode("latin-1")
print(json.dumps({"counts": counts, "actions": actions, "attachment": attachment}))
"""

SKIP_COUNTS = {"sessions.Session"}  # the probe's own sign-in may add one


def _counts():
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.label not in SKIP_COUNTS}


@pytest.fixture
def world(media_root, coordinator, group, barrier, domain, member):  # noqa: F811
    f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-01", title="Pendelbus")
    adopted = adopted_action(group=group, barrier=barrier, domain=domain, code="MOB-02", title="Deelfietsen")
    update = report(adopted, day=date(2026, 9, 1), user=coordinator)
    update.attachment.save("verslag.pdf", ContentFile(ATTACHMENT))
    return update


def _fresh_database(tmp_path) -> str:
    """The URL of a new, empty database of the suite's engine."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'hersteld.sqlite3'}"
    import psycopg

    s = connection.settings_dict
    name = f"{s['NAME']}_hersteld"[:63]
    with psycopg.connect(host=s["HOST"], port=s["PORT"] or 5432, user=s["USER"], password=s["PASSWORD"] or None,
                         dbname="postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    password = f":{s['PASSWORD']}" if s["PASSWORD"] else ""
    return f"postgres://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{name}"


def _in_restored(url, var_dir, *args, code=None):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.test_settings", "DATABASE_URL": url,
           "VAR_DIR": str(var_dir), "DEBUG": "true", "ALLOWED_HOSTS": "testserver"}
    command = [sys.executable, "-c", code] if code else [sys.executable, "manage.py", *args]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)


def test_the_round_trip_gives_back_the_same_installation(world, coordinator, tmp_path):
    counts = _counts()
    client = APIClient()
    client.force_authenticate(coordinator)
    actions = client.get("/api/v1/actions/?ordering=code").json()
    archive = tmp_path / "backup.tar.gz"

    call_command("backup", "--output", str(archive), verbosity=0)
    url = _fresh_database(tmp_path)
    var_dir = tmp_path / "hersteld"
    restored = _in_restored(url, var_dir, "restore", str(archive))
    assert restored.returncode == 0, restored.stderr
    assert "Hersteld" in restored.stdout

    probe = _in_restored(url, var_dir, code=PROBE)
    assert probe.returncode == 0, probe.stderr
    result = json.loads(probe.stdout.strip().splitlines()[-1])
    assert {k: v for k, v in result["counts"].items() if k not in SKIP_COUNTS} == counts
    assert counts["actieplan.Action"] == 2 and counts["monitoring.StatusUpdate"] == 1
    assert result["actions"] == actions
    assert result["attachment"] == ATTACHMENT.decode("latin-1")

    again = _in_restored(url, var_dir, "restore", str(archive))
    assert again.returncode != 0
    assert "De database is niet leeg" in again.stderr


def test_a_missing_archive_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("restore", str(tmp_path / "geen.tar.gz"))
