"""``make run``: the demo-account table comes last, a 403 is one line in the console (issue 16, defect 14)."""

import logging
import os
import subprocess

import pytest
from django.urls import reverse

from tests.conftest import login
from tests.settings_helpers import ROOT
from tests.project.test_site_url import fake_python  # noqa: F401  (fixture)


def _handlers_reached(logger: logging.Logger) -> list[logging.Handler]:
    found = []
    while logger:
        found += logger.handlers
        if not logger.propagate:
            break
        logger = logger.parent
    return found


def test_a_refused_request_is_logged_once_without_traceback(client, member, caplog):
    with caplog.at_level(logging.WARNING, logger="django.request"):
        response = login(client, member).get(reverse("plan_create"))
    assert response.status_code == 403
    records = [r for r in caplog.records if r.name == "django.request"]
    assert len(records) == 1
    assert records[0].getMessage().startswith("Forbidden")
    assert records[0].exc_info is None and not records[0].exc_text


def test_a_request_record_reaches_one_console_handler():
    consoles = [h for h in _handlers_reached(logging.getLogger("django.request"))
                if isinstance(h, logging.StreamHandler) and not isinstance(h, logging.FileHandler)
                and type(h).__module__.startswith(("logging", "django"))]
    assert len(consoles) == 1


def test_a_server_error_keeps_its_traceback(rf):
    from config.logging_filters import ForbiddenOnOneLine

    try:
        raise ValueError("kapot")
    except ValueError:
        import sys

        record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error", (),
                                   sys.exc_info())
    record.status_code = 500
    assert ForbiddenOnOneLine().filter(record) and record.exc_info is not None


def test_make_run_prints_the_demo_accounts_after_the_server_start(fake_python, tmp_path):  # noqa: F811
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT")}
    env.update(PY=str(fake_python), PORT="8415", RUN_READY_TIMEOUT="20")
    proc = subprocess.Popen(["bash", str(ROOT / "scripts" / "run.sh")], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if "Stoppen met Ctrl-C" in line:
                break
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=20)
    server = next(i for i, line in enumerate(lines) if line.startswith("SERVER "))
    table = next(i for i, line in enumerate(lines) if line == "OTHER manage.py demo_accounts")
    assert server < table
    assert lines[table + 1:] == ["", "Stoppen met Ctrl-C."]
