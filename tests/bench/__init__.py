"""The benchmark runners, run in smoke mode as subprocesses."""

import os
from urllib.parse import urlsplit, urlunsplit


def own_database(env: dict, label: str) -> dict:
    """``env`` with a PostgreSQL database name of its own for one runner (``<name>_<label>``, so the runner's
    scratch database is ``<name>_<label>_bench``): the suite runs in parallel processes, and two runners that
    drop and recreate the same scratch database would pull it from under each other."""
    url = env.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        parts = urlsplit(url)
        name = parts.path.lstrip("/") or "postgres"
        worker = os.environ.get("PYTEST_XDIST_WORKER", "")
        env["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{name}_{label}{('_' + worker) if worker else ''}"))
    return env
