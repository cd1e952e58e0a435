"""A real OpenID provider for the tests: node-oidc-provider (scripts/oidc/provider.js) on a loopback port.

``.ci/run`` installs it with ``npm ci``; without its node_modules the OIDC tests are skipped
outside CI (and fail in CI).
"""

from __future__ import annotations

import json
import os
import random
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import pytest

OIDC_DIR = Path(__file__).resolve().parents[2] / "scripts" / "oidc"
PORTS = range(8300, 8400)  # this project's loopback ports for test servers
CLIENT_ID = "actieplan-test"
CLIENT_SECRET = "test-geheim-niet-voor-productie"


@dataclass
class Provider:
    issuer: str
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET

    def settings(self) -> dict:
        """The settings the environment would give (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET)."""
        return {"OIDC_ISSUER": self.issuer, "OIDC_RP_CLIENT_ID": self.client_id,
                "OIDC_RP_CLIENT_SECRET": self.client_secret}


def _free_port() -> int:
    for port in random.sample(PORTS, len(PORTS)):  # parallel workers start providers at the same time
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 8300-8399")


def require_provider():
    missing = []
    if shutil.which("node") is None:
        missing.append("Node.js")
    if not (OIDC_DIR / "node_modules" / "oidc-provider").is_dir():
        missing.append("scripts/oidc/node_modules (npm ci in scripts/oidc)")
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail("the OpenID provider for the tests is missing: " + ", ".join(missing))
        pytest.skip("the OpenID provider for the tests is missing: " + ", ".join(missing))


@contextmanager
def running_provider(*, app_url: str, accounts: dict):
    """Start the provider for a relying party at ``app_url``; ``accounts``: login → claims."""
    require_provider()
    for _attempt in range(5):
        process, output = _start(app_url=app_url, accounts=accounts, port=_free_port())
        if output and output[-1].startswith("ready "):
            break
        _stop(process)
        if "EADDRINUSE" not in "".join(output):
            raise RuntimeError("the OpenID provider did not start:\n" + "".join(output))
    else:
        raise RuntimeError("the OpenID provider found no free port:\n" + "".join(output))
    try:
        yield Provider(issuer=output[-1].split()[1])
    finally:
        _stop(process)


def _start(*, app_url, accounts, port):
    env = {
        **os.environ, "PORT": str(port), "CLIENT_ID": CLIENT_ID, "CLIENT_SECRET": CLIENT_SECRET,
        "REDIRECT_URI": urljoin(app_url, "/oidc/callback/"),
        "POST_LOGOUT_REDIRECT_URI": urljoin(app_url, "/accounts/login/"),
        "ACCOUNTS": json.dumps(accounts),
    }
    process = subprocess.Popen(["node", "provider.js"], cwd=OIDC_DIR, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 30
    output = []
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        output.append(line)
        if line.startswith("ready "):
            break
    return process, output


def _stop(process):
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
