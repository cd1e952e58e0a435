"""``manage.py seed_scale --actions 10000 [--seed 1] [--force]``: a large generated installation.

Runs on top of the reference data (``load_reference`` first when it is missing) and
replaces earlier generated data. The generator steps live in ``bench/scale_data.py``
and in ``scale_data.py`` modules of other apps.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from bench import scale_data
from common import datacache


class Command(BaseCommand):
    help = "Generate a large, realistic data set for benchmarks (deterministic with --seed)."

    def add_arguments(self, parser):
        parser.add_argument("--actions", type=int, default=scale_data.BASE_ACTIONS,
                            help="number of actions; everything else is proportional (default 10000)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument("--force", action="store_true",
                            help="run even though the database holds data not made by seed_scale")

    def _vacuum_analyze(self) -> None:
        """What autovacuum does after a bulk load, so the figures measured next are those of
        a settled database: planner statistics, and GIN indexes (trigram search) with their
        pending lists merged."""
        if connection.vendor not in ("postgresql", "sqlite"):
            return
        # VACUUM cannot run inside a transaction (a test's); ANALYZE alone then.
        statement = "VACUUM ANALYZE" if connection.vendor == "postgresql" and not connection.in_atomic_block \
            else "ANALYZE"
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(statement)
        self.stdout.write(f"{statement}: {time.perf_counter() - started:.1f} s")

    def handle(self, *args, actions, seed, force, **options):
        if actions < 1:
            raise CommandError("--actions must be at least 1")
        if actions > 150_000:
            raise CommandError("--actions is limited to 150000 (working-group code prefixes have three digits)")
        started = time.perf_counter()
        found = scale_data.non_generated_data()
        if found and not force:
            raise CommandError(
                "This database holds data that seed_scale did not generate ("
                + "; ".join(found)
                + "). Use a scratch database, or --force to add generated data next to it."
            )
        scale_data.ensure_reference_data(self.stdout)
        self.stdout.write(f"Generating scale data: {actions} actions, seed {seed}")
        ctx = scale_data.generate(actions=actions, seed=seed, log=self.stdout.write)
        self._vacuum_analyze()
        datacache.bump()
        elapsed = time.perf_counter() - started
        width = max(len(k) for k in ctx.counts) if ctx.counts else 10
        self.stdout.write("Created:")
        for label, count in ctx.counts.items():
            self.stdout.write(f"  {label:<{width}}  {count:>9,}")
        self.stdout.write(self.style.SUCCESS(f"Done in {elapsed:.1f} s"))
