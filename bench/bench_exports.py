"""Benchmark: how long the exports of the largest plan take (target: under 5 seconds each).

    DEBUG=true .venv/bin/python bench/bench_exports.py            # the database of `make run`
    DEBUG=true .venv/bin/python bench/bench_exports.py --all      # a plan of every action (rolled back)
    DEBUG=true .venv/bin/python bench/bench_exports.py --smoke    # one run per format, for CI

Without a plan in the database (or with ``--all``) it builds, inside a transaction
that is rolled back, a plan holding every action in the database: one chapter per
priority barrier, each action with its milestones. It prints one line per format
with the best of ``--repeat`` runs, the size of the file and the number of actions.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

LIMIT_SECONDS = 5.0


class Rollback(Exception):
    pass


def _all_actions_plan():
    from django.contrib.auth import get_user_model

    from actieplan.models import Action, Barrier, Chapter, Plan, PlanItem

    plan = Plan.objects.create(title="Benchmark: alle acties", introduction="<p>Alle acties in één plan.</p>",
                               created_by=get_user_model().objects.filter(is_superuser=True).first())
    chapters = {}
    for order, barrier in enumerate(Barrier.objects.filter(is_priority=True).order_by("order"), 1):
        chapters[barrier.pk] = Chapter.objects.create(plan=plan, title=barrier.name, barrier=barrier, order=order)
    other = Chapter.objects.create(plan=plan, title="Overige", order=len(chapters) + 1)
    PlanItem.objects.bulk_create([
        PlanItem(plan=plan, chapter=chapters.get(a.primary_barrier_id, other), action_id=a.pk, order=i)
        for i, a in enumerate(Action.objects.only("pk", "primary_barrier_id").order_by("code", "pk"))
    ])
    return plan


def run(*, use_all: bool, repeat: int, out=sys.stdout) -> dict[str, float]:
    import django

    django.setup()
    from django.db import transaction
    from django.db.models import Count

    from actieplan.plan import exports
    from actieplan.models import Plan

    timings: dict[str, float] = {}
    try:
        with transaction.atomic():
            plan = None if use_all else Plan.objects.annotate(n=Count("items")).order_by("-n").first()
            if plan is None or not plan.items.exists():
                plan = _all_actions_plan()
            latest = plan.versions.order_by("-number").values_list("number", flat=True).first()
            targets = [("huidig", None)] + ([(f"versie {latest}", latest)] if latest else [])
            actions = plan.items.count()
            print(f"Actieplan ‘{plan.title}’: {actions} acties", file=out)
            for label, version in targets:
                for fmt in exports.FORMATS:
                    best, size = None, 0
                    for _ in range(repeat):
                        start = time.perf_counter()
                        content, _type, _name = exports.export(plan, fmt, version)
                        elapsed = time.perf_counter() - start
                        best = elapsed if best is None else min(best, elapsed)
                        size = len(content)
                    timings[f"{fmt} ({label})"] = best
                    flag = "" if best < LIMIT_SECONDS else f"  TRAGER DAN {LIMIT_SECONDS:.0f} s"
                    print(f"  export {fmt:<4} {label:<10} {best * 1000:8.0f} ms  {size / 1024:8.1f} KiB{flag}",
                          file=out)
            raise Rollback
    except Rollback:
        pass
    return timings


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--all", action="store_true", help="een tijdelijk plan met alle acties")
    parser.add_argument("--repeat", type=int, default=3, help="aantal metingen per formaat (de beste telt)")
    parser.add_argument("--smoke", action="store_true", help="één meting per formaat")
    args = parser.parse_args(argv)
    timings = run(use_all=args.all, repeat=1 if args.smoke else max(args.repeat, 1))
    slow = [name for name, seconds in timings.items() if seconds >= LIMIT_SECONDS]
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main())
