"""Links in e-mails use the address the application really runs on (issue 16, defect 4)."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core import mail

from tests.settings_helpers import ROOT, run_with_settings

SHOW = "from django.conf import settings; print(settings.SITE_URL)"


def test_production_refuses_to_start_without_site_url():
    result = run_with_settings(SHOW, SITE_URL="")
    assert result.returncode != 0
    assert "SITE_URL must be set" in result.stderr


def test_production_uses_the_configured_address():
    result = run_with_settings(SHOW, SITE_URL="https://actieplan.vlaanderen.be/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "https://actieplan.vlaanderen.be"


def test_a_development_run_links_to_its_own_port():
    result = run_with_settings(SHOW, DEBUG="true", SITE_URL="", PORT="8412")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:8412"


FAKE_PY = textwrap.dedent("""\
    #!/usr/bin/env python3
    import os, socket, sys, time
    args = sys.argv[1:]
    if args[:2] == ["-m", "celery"]:
        time.sleep(30)
    elif args[:2] == ["manage.py", "runserver"]:
        time.sleep(1)  # a server takes a moment to start, then logs and listens
        print("SERVER SITE_URL=" + os.environ.get("SITE_URL", ""), flush=True)
        host, port = args[2].split(":")
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind((host, int(port)))
        server.listen()
        time.sleep(30)
    else:
        print("OTHER " + " ".join(args), flush=True)
""")


@pytest.fixture
def fake_python(tmp_path) -> Path:
    path = tmp_path / "python"
    path.write_text(FAKE_PY)
    path.chmod(0o755)
    return path


def test_make_run_sets_site_url_from_port(fake_python, tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT")}
    env.update(PY=str(fake_python), PORT="8413", RUN_READY_TIMEOUT="20")
    proc = subprocess.Popen(["bash", str(ROOT / "scripts" / "run.sh")], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        out = ""
        for line in proc.stdout:
            out += line
            if "Stoppen met Ctrl-C" in line:
                break
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=20)
    assert "SERVER SITE_URL=http://127.0.0.1:8413" in out


def test_the_mail_link_starts_with_site_url(settings, domain_contact, coordinator, group, barrier, domain):
    from datetime import date

    from actieplan.plan import services as svc
    from actieplan.models import SignOff
    from tests.plan_factories import make_plan, retained_action

    settings.SITE_URL = "http://127.0.0.1:8414"
    action = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain)
    plan = make_plan(coordinator, [action])
    svc.plan_consult(plan=plan, user=coordinator)
    signoff = SignOff.objects.get(plan=plan, domain=domain)
    svc.signoff_sign(signoff=signoff, user=domain_contact)
    mail.outbox.clear()
    from django.test import TestCase  # noqa: F401  (on_commit runs through the fixture below)

    with TestCase.captureOnCommitCallbacks(execute=True):
        svc.milestone_create(action=action, user=coordinator, title="Evaluatie", due_date=date(2027, 6, 1))
    bodies = " ".join(m.body for m in mail.outbox)
    assert "http://127.0.0.1:8414/" in bodies
    assert "http://127.0.0.1:8000" not in bodies
