"""Backup and restore of the whole installation: one archive with the database (portable dump)
and the uploaded files.

Archive (``.tar.gz``): ``manifest.json`` (format, engine, time, the last migration of each app),
``database.pgdump`` (PostgreSQL: ``pg_dump --format=custom --no-owner --no-privileges``, restored
by ``pg_restore`` of the same or a newer PostgreSQL) or ``database.sqlite3`` (SQLite: a consistent
copy through SQLite's online backup API, taken while the application runs), and ``media/`` (the
uploaded files, MEDIA_ROOT). A restore goes into an *empty* database only: it never overwrites.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = 1
PG_DUMP = "database.pgdump"
SQLITE_DUMP = "database.sqlite3"
MANIFEST = "manifest.json"
MEDIA = "media"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator."""


def _engine(connection) -> str:
    vendor = connection.vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(f"Back-up van een {vendor}-database wordt niet ondersteund.")
    return vendor


def _pg_env(connection) -> tuple[list[str], dict]:
    s = connection.settings_dict
    args = []
    if s.get("HOST"):
        args += ["--host", s["HOST"]]
    if s.get("PORT"):
        args += ["--port", str(s["PORT"])]
    if s.get("USER"):
        args += ["--username", s["USER"]]
    env = {**os.environ}
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = s["PASSWORD"]
    return args, env


def _run(command: list[str], env: dict) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} mislukt: {result.stderr.strip()[:2000]}")


def default_path() -> Path:
    return Path(settings.VAR_DIR) / "backups" / f"actieplan-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"


def backup(path: Path | None = None, *, using: str = DEFAULT_DB_ALIAS) -> Path:
    """Write the archive to ``path`` (default under var/backups/); returns the path."""
    path = Path(path or default_path())
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[using]
    engine = _engine(connection)
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        if engine == "postgresql":
            args, env = _pg_env(connection)
            _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *args,
                  "--file", str(work / PG_DUMP), connection.settings_dict["NAME"]], env)
            dump = PG_DUMP
        else:
            connection.ensure_connection()
            target = sqlite3.connect(work / SQLITE_DUMP)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
            dump = SQLITE_DUMP
        manifest = {
            "format": FORMAT, "engine": engine, "database": dump, "created_at": timezone.now().isoformat(),
            "migrations": _last_migrations(using),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial = path.with_name(path.name + ".part")
        with tarfile.open(partial, "w:gz") as archive:
            archive.add(work / MANIFEST, arcname=MANIFEST)
            archive.add(work / dump, arcname=dump)
            media = Path(settings.MEDIA_ROOT)
            if media.is_dir():
                archive.add(media, arcname=MEDIA)
        partial.replace(path)  # a half-written archive never carries the final name
    return path


def _last_migrations(using) -> dict:
    last = {}
    for app, name in MigrationRecorder(connections[using]).migration_qs.order_by("app", "name").values_list("app", "name"):
        last[app] = name
    return last


def restore(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> dict:
    """Restore the archive at ``path`` into the (empty) database and MEDIA_ROOT; returns its manifest."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"Het archief {path} bestaat niet.")
    connection = connections[using]
    engine = _engine(connection)
    if connection.introspection.table_names():
        raise BackupError("De database is niet leeg: herstel alleen in een lege database "
                          "(maak een nieuwe aan of verwijder eerst alle tabellen).")
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "r:gz") as archive:
        work = Path(work)
        archive.extractall(work, filter="data")  # no absolute paths, no "..", no links outside
        manifest = json.loads((work / MANIFEST).read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"Onbekend archiefformaat {manifest.get('format')!r}.")
        if manifest["engine"] != engine:
            raise BackupError(f"Dit archief bevat een {manifest['engine']}-database; "
                              f"herstel het in een {manifest['engine']}-database, niet in {engine}.")
        if engine == "postgresql":
            args, env = _pg_env(connection)
            _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *args,
                  "--dbname", connection.settings_dict["NAME"], str(work / PG_DUMP)], env)
        else:
            connection.ensure_connection()
            source = sqlite3.connect(work / SQLITE_DUMP)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        media = work / MEDIA
        if media.is_dir():
            shutil.copytree(media, Path(settings.MEDIA_ROOT), dirs_exist_ok=True)
    return manifest
