"""A throwaway PostgreSQL cluster on a free loopback port, so fault tests never stop the machine's own.

initdb and postgres refuse to run as root; when the tests run as root the cluster is created and
run as the ``postgres`` OS user (``runuser``), in a temporary directory owned by that user."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from tests.faults.redis_process import free_port

BIN_DIRS = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/14/bin")


def find_binary(name: str) -> str | None:
    for folder in BIN_DIRS:
        candidate = Path(folder) / name
        if candidate.exists():
            return str(candidate)
    return shutil.which(name)


def available() -> bool:
    return find_binary("initdb") is not None and find_binary("pg_ctl") is not None


class PostgresProcess:
    def __init__(self, port: int | None = None):
        self.port = port or free_port()
        self.folder = tempfile.mkdtemp(prefix="fault-pg-")
        self.data = os.path.join(self.folder, "data")
        self.log = os.path.join(self.folder, "postgres.log")
        self.as_root = os.geteuid() == 0
        if self.as_root:
            shutil.chown(self.folder, user="postgres", group="postgres")
        os.chmod(self.folder, 0o755)

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str, timeout: float = 30) -> subprocess.CompletedProcess:
        cmd = list(args)
        if self.as_root:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=True, timeout=timeout, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def init(self) -> PostgresProcess:
        self._run(find_binary("initdb"), "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                  "--no-sync", timeout=60)
        return self

    def start(self) -> PostgresProcess:
        options = (f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.folder} "
                   "-c fsync=off")
        self._run(find_binary("pg_ctl"), "-D", self.data, "-l", self.log, "-o", options, "-w", "-t", "20", "start")
        self.wait_listening()
        return self

    def wait_listening(self, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("the throwaway PostgreSQL did not start")

    def stop(self) -> None:
        self._run(find_binary("pg_ctl"), "-D", self.data, "-m", "fast", "-w", "-t", "20", "stop")

    def running(self) -> bool:
        return os.path.exists(os.path.join(self.data, "postmaster.pid"))

    def cleanup(self) -> None:
        if self.running():
            try:
                self._run(find_binary("pg_ctl"), "-D", self.data, "-m", "immediate", "-w", "-t", "10", "stop")
            except (subprocess.SubprocessError, OSError):
                pass
        shutil.rmtree(self.folder, ignore_errors=True)
