#!/usr/bin/env python
"""Benchmark: latency of the overlap suggestions for one action with 5,000 actions.

    .venv/bin/python bench/bench_similarity.py [--actions 5000] [--samples 200] [--database-url URL]

Without ``--database-url`` (or ``DATABASE_URL``) it uses a scratch SQLite file
``var/bench_similarity.sqlite3``: migrates it, generates the actions with the scale
generator (``seed_scale``) when there are fewer than requested, rebuilds the similarity
index, then times ``similarity.similar_to`` (what ``GET /api/v1/actions/{id}/similar/``
runs) and the whole API request for a sample of submitted and retained actions. Prints
median, 95th percentile and maximum in milliseconds. Not a test: the target is "well
under 200 ms" per action.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--actions", type=int, default=5000)
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--smoke", action="store_true", help="small and quick (300 actions, 20 samples)")
    args = parser.parse_args()
    if args.smoke:
        args.actions, args.samples = 300, 20
    os.environ["DEBUG"] = "true"
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{ROOT / 'var' / 'bench_similarity.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
    (ROOT / "var").mkdir(exist_ok=True)

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from actieplan.alignment import similarity
    from actieplan.models import Action, ActionTermVector
    from werkgroepen.models import Profile

    print(f"database: {connection.vendor} ({os.environ['DATABASE_URL'].split('@')[-1]})")
    call_command("migrate", verbosity=0)
    if Action.objects.count() < args.actions:
        print(f"generating {args.actions} actions with seed_scale …")
        call_command("seed_scale", actions=args.actions, force=True, stdout=open(os.devnull, "w"))
    total = Action.objects.count()
    started = time.perf_counter()
    if ActionTermVector.objects.count() != total:
        similarity.reindex_all()
        print(f"index rebuilt for {total} actions in {time.perf_counter() - started:.1f} s")
    eligible = list(Action.objects.filter(status__in=similarity.ELIGIBLE).order_by("pk").values_list("pk", flat=True))
    print(f"actions: {total}, submitted or retained (candidates): {len(eligible)}, "
          f"postings: {similarity.TermPosting.objects.count()}")
    step = max(1, len(eligible) // args.samples)
    sample = eligible[::step][: args.samples]

    def timed(func):
        times = []
        for pk in sample:
            t0 = time.perf_counter()
            func(pk)
            times.append((time.perf_counter() - t0) * 1000)
        times.sort()
        return times

    def report(label, times):
        p95 = times[min(len(times) - 1, int(len(times) * 0.95))]
        print(f"{label:<38} median {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms   max {times[-1]:6.1f} ms")

    found = []
    report("similar_to (service)", timed(lambda pk: found.append(len(similarity.similar_to(pk)))))
    print(f"{'':<38} on average {sum(found) / len(found):.1f} suggestions above {similarity.THRESHOLD}")

    user = Profile.objects.filter(is_coordinator=True).select_related("user").first()
    client = Client()
    if user:
        client.force_login(user.user)
        def fetch(pk):
            response = client.get(reverse("api:action-similar", args=[pk]))
            assert response.status_code == 200, response.status_code

        report("GET /api/v1/actions/{id}/similar/", timed(fetch))
    with CaptureQueriesContext(connection) as queries:
        similarity.similar_to(sample[0])
    print(f"queries per suggestion list: {len(queries)}")
    t0 = time.perf_counter()
    similarity.index_action(Action.objects.get(pk=sample[0]))
    print(f"re-index one action after an edit: {(time.perf_counter() - t0) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
