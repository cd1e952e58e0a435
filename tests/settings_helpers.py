"""Run code under the application's own settings (``config.settings``, not the test settings)
in a fresh process, with a production-like environment that a test can change."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "actieplan.example.be"


def production_env(**extra) -> dict:
    """The machine's environment without our settings' variables, then DEBUG off, a long random
    SECRET_KEY, ALLOWED_HOSTS=``HOST``, then ``extra``."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SECURE_", "DJANGO_", "TRUSTED_PROXY", "EMAIL_", "LOGIN_", "API_", "SITE_URL", "PORT"))}
    env.update(DEBUG="false", SECRET_KEY=secrets.token_urlsafe(64), ALLOWED_HOSTS=HOST, SITE_URL=f"https://{HOST}",
               DJANGO_SETTINGS_MODULE="config.settings")
    env.update(extra)
    return env


def run_with_settings(code: str, **env) -> subprocess.CompletedProcess:
    """``code`` after ``django.setup()``; its output in ``stdout``."""
    return subprocess.run([sys.executable, "-c", "import django; django.setup()\n" + code], cwd=ROOT,
                          env=production_env(**env), capture_output=True, text=True, timeout=120)


def manage(*args, **env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=production_env(**env),
                          capture_output=True, text=True, timeout=120)
