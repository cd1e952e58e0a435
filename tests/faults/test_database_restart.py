"""PostgreSQL restarts under a running application (issue 21, property 2): no 500 after the restart
(CONN_HEALTH_CHECKS drops a dead kept connection), ``/health/`` answers 503 with
``"database": "down"`` while the database is stopped, and 200 again once it is back, without
restarting the application. Real processes: a throwaway PostgreSQL cluster (initdb, free port)
and gunicorn with 2 workers, so kept connections in both workers matter.

Measured on the development machine (2 cores, 2026-12-05): after a restart between requests the
first request already answers 200, 0.009 s after the cluster was back (no 500, no 503); after an
outage /health/ answers 200 again 0.017 s after the cluster was back. The whole test takes ~26 s,
most of it ``migrate`` on the fresh cluster. Run with ``-s`` to see the figures.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.faults.pg_process import PostgresProcess, available
from tests.faults.redis_process import free_port

BASE_DIR = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not available() and os.environ.get("CI") != "true",
    reason="PostgreSQL server binaries (initdb, pg_ctl) are not installed",
)


def _get(url: str, data: bytes | None = None, timeout: float = 10) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


@pytest.fixture
def cluster():
    server = PostgresProcess()
    try:
        server.init().start()
        yield server
    finally:
        server.cleanup()


@pytest.fixture
def app(cluster):
    var_dir = tempfile.mkdtemp(prefix="fault-pg-var-")
    env = {k: v for k, v in os.environ.items()
           if k not in ("CELERY_BROKER_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE", "PYTEST_XDIST_WORKER",
                        "CONN_HEALTH_CHECKS")}  # the settings default is what is under test
    env.update({
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": cluster.url,
        "CONN_MAX_AGE": "60",  # kept connections, which a restart kills
        "DEBUG": "false",
        "SECRET_KEY": f"fault-only-{time.time_ns()}",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false", "SECURE_HSTS_SECONDS": "0",
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        "API_THROTTLE_USER": "1000000/minute", "API_THROTTLE_ANON": "1000000/minute",
        "LOGIN_FAILURE_LIMIT": "1000000",
        "VAR_DIR": var_dir,
        "SITE_URL": "http://127.0.0.1",
    })
    process = log = None
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=BASE_DIR, env=env,
                       check=True, timeout=120)
        port = free_port()
        log = open(os.path.join(var_dir, "gunicorn.log"), "wb")  # noqa: SIM115 (closed in finally)
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
             "--workers", "2", "--timeout", "30", "--access-logfile", "/dev/null", "--error-logfile", "-"],
            cwd=BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                if _get(f"{base}/health/", timeout=2)[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("gunicorn did not come up: " + Path(log.name).read_text(errors="replace")[-2000:])
            time.sleep(0.1)
        yield base, process
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        if log is not None:
            log.close()
        shutil.rmtree(var_dir, ignore_errors=True)


def _db_page(base: str) -> int:
    """A cheap request that queries the database: a token request with wrong credentials (400)."""
    body = json.dumps({"username": "nobody", "password": "wrong"}).encode()
    return _get(f"{base}/api/v1/auth/token/", data=body)[0]


def test_database_restart_no_500_health_down_then_recovers(cluster, app):
    base, gunicorn = app
    # Both workers hold a kept connection (CONN_MAX_AGE) before the restart.
    for _ in range(6):
        assert _get(f"{base}/health/")[0] == 200
        assert _db_page(base) == 400

    # 1. A restart between requests: the kept connections are dead, nothing may answer 500.
    cluster.stop()
    cluster.start()
    back = time.monotonic()
    statuses = []
    first_ok = None
    for _ in range(10):
        status = _get(f"{base}/health/")[0]
        statuses.append(status)
        if status == 200 and first_ok is None:
            first_ok = time.monotonic() - back
        statuses.append(_db_page(base))
    assert 500 not in statuses, statuses
    assert first_ok is not None, statuses
    print(f"\nrestart: first 200 from /health/ {first_ok:.3f} s after the cluster was back; statuses {statuses}")

    # 2. An outage: /health/ says the database is down (503), pages fail without a hang.
    cluster.stop()
    for _ in range(4):
        status, body = _get(f"{base}/health/")
        assert status == 503, body
        assert json.loads(body)["database"] == "down"

    # 3. The cluster comes back: /health/ recovers without restarting gunicorn.
    cluster.start()
    back = time.monotonic()
    deadline = back + 15
    while True:
        status = _get(f"{base}/health/")[0]
        if status == 200:
            recovery = time.monotonic() - back
            break
        assert status == 503 and time.monotonic() < deadline, status
        time.sleep(0.05)
    print(f"outage: first 200 from /health/ {recovery:.3f} s after the cluster was back")
    for _ in range(6):
        assert _db_page(base) == 400
    assert gunicorn.poll() is None  # the same gunicorn, never restarted
