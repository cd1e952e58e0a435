#!/usr/bin/env python
"""Benchmark of one reminder run over a large installation.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/actieplan .venv/bin/python bench/bench_reminders.py
    .venv/bin/python bench/bench_reminders.py --actions 1000        # SQLite in a temporary directory

1. A scratch database: PostgreSQL ``<name>_reminders_bench`` (dropped and recreated) when
   ``DATABASE_URL`` points at PostgreSQL, otherwise SQLite in a temporary directory.
   ``--reuse`` keeps an existing scratch database and its data.
2. ``migrate``, ``load_reference``, ``seed_scale --actions N`` (default 10,000) unless the
   database already holds that many generated actions.
3. Inside a transaction that is rolled back at the end, it adds what the scale data may not
   have (milestones of monitored actions around "today", pending assignments, a phase
   deadline 7 days ahead) so that every daily kind has work, then measures with the
   in-memory e-mail backend:
   - collecting what is due (the dry run): seconds and SQL queries;
   - the run as the Celery task does it (decide, insert the sent log, queue one delivery per
     recipient): seconds and queries; the budget applies to this;
   - the deliveries (one e-mail per recipient), one after the other: seconds, queries per e-mail;
   - a second run the same day (exactly once: nothing more is sent).
The budget of the issue: a run over 10,000 actions in under 10 seconds, with a number of
queries that does not grow with the number of actions (delivery costs a few per recipient).
Exit status 1 when the budget is missed.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BUDGET_SECONDS = 10.0
TODAY = date(2026, 11, 20)  # the scale data's "now"


def scratch_database(reuse: bool) -> str:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg

        base, _, name = url.rpartition("/")
        scratch = f"{name or 'actieplan'}_reminders_bench"
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [scratch]).fetchone()
            if exists and not reuse:
                conn.execute(f'DROP DATABASE "{scratch}" WITH (FORCE)')
            if not exists or not reuse:
                conn.execute(f'CREATE DATABASE "{scratch}"')
        return f"{base}/{scratch}"
    folder = Path(tempfile.gettempdir()) / "actieplan-reminders-bench"
    folder.mkdir(exist_ok=True)
    db = folder / "db.sqlite3"
    if db.exists() and not reuse:
        db.unlink()
    return f"sqlite:///{db}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--reuse", action="store_true", help="keep the scratch database and its generated data")
    args = parser.parse_args()

    os.environ["DATABASE_URL"] = scratch_database(args.reuse)
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    from actieplan.models import Action, Assignment, AssignmentRole, Milestone, Phase, Status
    from monitoring.reminders import engine as reminders
    from monitoring.timeliness import MONITORED_STATUSES

    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    call_command("migrate", verbosity=0)
    call_command("load_reference", verbosity=0)
    if Action.objects.filter(is_generated=True).count() < args.actions:
        started = time.perf_counter()
        call_command("seed_scale", actions=args.actions, verbosity=0, stdout=open(os.devnull, "w"))
        print(f"seed_scale --actions {args.actions}: {time.perf_counter() - started:.1f} s")
    print(f"Actions: {Action.objects.count():,} ({Action.objects.filter(status__in=MONITORED_STATUSES).count():,} "
          f"monitored, {Action.objects.filter(status=Status.DRAFT).count():,} drafts)")

    failed = False
    with transaction.atomic():
        monitored = list(Action.objects.filter(status__in=MONITORED_STATUSES).values_list("id", "lead_domain_id"))
        if not Milestone.objects.exists():
            offsets = [-60, -30, -7, -1, 1, 14, 40]
            Milestone.objects.bulk_create(
                [Milestone(action_id=pk, title=f"Mijlpaal {n}", due_date=TODAY + timedelta(days=offsets[n % len(offsets)]))
                 for n, (pk, _lead) in enumerate(monitored)], batch_size=2000)
        if not Assignment.objects.exists():
            retained = Action.objects.filter(status=Status.RETAINED, lead_domain__isnull=False).values_list(
                "id", "lead_domain_id")
            rows = [Assignment(action_id=pk, domain_id=lead, role=AssignmentRole.LEAD) for pk, lead in retained]
            Assignment.objects.bulk_create(rows, batch_size=2000)
            Assignment.objects.update(created_at=reminders._period_bounds(TODAY - timedelta(days=10), TODAY)[0])
        Phase.objects.filter(number=1).update(deadline=TODAY + timedelta(days=7))
        print(f"Milestones: {Milestone.objects.count():,}, pending assignments: {Assignment.objects.count():,}")

        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            dry = reminders.run(today=TODAY, dry_run=True)
            collect_s = time.perf_counter() - started
        print(f"collect (dry run): {collect_s:.2f} s, {len(queries)} queries, "
              f"{len(dry.reminders):,} reminders to {dry.recipients:,} recipients")

        # The run as beat runs it (monitoring.tasks.send_reminders): decide what is due, write
        # the sent log, queue one delivery per recipient (here: collected, not sent yet).
        queued = []
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = reminders.run(today=TODAY, queue=lambda batch, user: queued.append((batch, user)))
            run_s = time.perf_counter() - started
        print(f"run (decide + queue, as the Celery task): {run_s:.2f} s, {len(queries)} queries, "
              f"{result.summary()}")
        by_kind = {}
        for row in result.reminders:
            by_kind[row.kind] = by_kind.get(row.kind, 0) + 1
        for kind, n in sorted(by_kind.items()):
            print(f"  {kind:<22} {n:>7,}")
        # The deliveries (Celery tasks, in parallel on the workers); measured here one after the other.
        # (Queued "on commit": inside this rolled-back transaction they never fire, so list them here.)
        queued = sorted({(str(result.batch), row.recipient_id) for row in result.reminders})
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            for batch, user in queued:
                reminders.deliver(batch=batch, recipient_id=user)
            deliver_s = time.perf_counter() - started
        n = max(1, len(queued))
        print(f"delivery of {len(queued)} e-mails, one after the other: {deliver_s:.2f} s "
              f"({deliver_s / n * 1000:.0f} ms and {len(queries) / n:.1f} queries per e-mail)")

        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            again = reminders.run(today=TODAY)
            again_s = time.perf_counter() - started
        print(f"second run, same day: {again_s:.2f} s, {len(queries)} queries, {again.summary()}")

        print(f"total, run and all deliveries in one process: {run_s + deliver_s:.2f} s")
        if run_s > BUDGET_SECONDS:
            print(f"BUDGET MISSED: the run took {run_s:.1f} s (budget {BUDGET_SECONDS:.0f} s)")
            failed = True
        if again.reminders:
            print("EXACTLY-ONCE VIOLATED: the second run created reminders")
            failed = True
        transaction.set_rollback(True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
