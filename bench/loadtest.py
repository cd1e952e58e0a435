#!/usr/bin/env python
"""The mixed read/write load test: ``make loadtest`` (``LOADTEST_SMOKE=1`` for ~20 seconds).

1. A fresh database and the ``seed_scale`` data set, as ``bench/run.py`` does
   (10,000 actions; smoke: 100).
2. A pool of simulated people per persona (``bench/locustfile.py``): their session
   cookie, API token and the objects they work on (their group's drafts, their domain's
   adopted actions, submitted actions to decide on), as URLs; written to a JSON file.
3. gunicorn (2 sync workers, the machine has 2 cores) on loopback, then Locust headless
   with ``--users`` simulated users (40; smoke 8) for ``--duration`` seconds (120; smoke 20).
   Unless ``--no-compare``, the same run once more with ``DATACACHE_ENABLED=false``,
   so the data cache's value under writes shows as a ratio.
4. ``bench/results/load-<date>.md`` and ``.json`` (and ``load-latest.*``): per request
   type count, failures, median, p95, p99, requests/s, the first-request-after-write
   figures and the share of such requests; the table is also printed.

Exit status 1 when a request failed (an error or an unexpected status), 0 otherwise. The
budget (p95 ≤ 150 ms, p99 ≤ 500 ms except file exports) is reported, never enforced.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import run as bench_run

P95_BUDGET_MS = 150.0
P99_BUDGET_MS = 500.0
PEOPLE_PER_PERSONA = 10


def log(message: str) -> None:
    print(f"[loadtest] {message}", file=sys.stderr, flush=True)


def parse_args(argv=None):
    smoke_env = os.environ.get("LOADTEST_SMOKE", "").lower() in {"1", "true", "yes"}
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", default=smoke_env)
    parser.add_argument("--actions", type=int)
    parser.add_argument("--users", type=int, help="concurrent simulated users (default 40; smoke 8)")
    parser.add_argument("--duration", type=int, help="seconds per run (default 120; smoke 20)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-compare", action="store_true", help="skip the run without the data cache")
    parser.add_argument("--results-dir", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args(argv)
    args.actions = args.actions or (100 if args.smoke else 10_000)
    args.users = args.users or (8 if args.smoke else 40)
    args.duration = args.duration or (20 if args.smoke else 120)
    if args.smoke:
        args.no_compare = True
    return args


# --------------------------------------------------------------------------- the people
def _session_cookie(user) -> str:
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _token(user) -> str:
    from actieplan.api_tokens import login_token_issue

    return login_token_issue(user=user)[1]


def _person(user, **extra) -> dict:
    return {"username": user.username, "session": _session_cookie(user), "token": _token(user), **extra}


def build_people() -> dict:
    """Per persona, up to PEOPLE_PER_PERSONA people with the URLs they use."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.urls import reverse

    from actieplan.models import Action, Plan, Status
    from actieplan.permissions import MONITORING_STATUSES
    from bench import targets as bench_targets
    from bench.scale_data import USER_PREFIX
    from werkgroepen.models import Membership

    users = get_user_model().objects.filter(username__startswith=USER_PREFIX, is_active=True).order_by("pk")
    plan = Plan.objects.annotate(n=Count("items")).order_by("-n", "pk").values_list("pk", flat=True).first()
    from django.conf import settings

    shared = {
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "action_list": reverse("action_list"),
        "api_actions": reverse("api:action-list"),
        "dashboard": reverse("dashboard"),
        "api_dashboard": reverse("monitoring_api:dashboard"),
        "progress_list": reverse("progress_list"),
        "assignment_list": reverse("assignment_list"),
        "alignment_board": reverse("alignment_board"),
        "decision_log": reverse("decision_log"),
        "cabinet_report": reverse("cabinet_report"),
        "api_cabinet_report": reverse("monitoring_api:cabinet-report"),
        "api_status_updates": reverse("monitoring_api:status-update-list"),
        "plan_detail": reverse("plan_detail", args=[plan]) if plan else None,
    }
    compare_a, compare_b = bench_targets._compare_pair()
    shared["alignment_compare"] = (reverse("alignment_compare", args=[compare_a, compare_b])
                                   if compare_a and compare_b else None)

    def action_urls(pk):
        return {"id": pk, "detail": reverse("action_detail", args=[pk]), "api": reverse("api:action-detail", args=[pk]),
                "transition": reverse("api:action-transition", args=[pk]),
                "comment": reverse("comment_create", args=[pk])}

    people = {"member": [], "domain_contact": [], "coordinator": [], "cabinet": []}
    # Members and chairs: each their own draft (so their version fields do not collide).
    used = set()
    memberships = (Membership.objects.filter(user__in=users, role__in=[Membership.Role.MEMBER, Membership.Role.CHAIR],
                                             user__profile__is_coordinator=False)
                   .select_related("user").order_by("working_group_id", "pk"))
    for membership in memberships:
        if len(people["member"]) >= PEOPLE_PER_PERSONA:
            break
        if membership.user_id in used:
            continue
        draft = (Action.objects.filter(working_group_id=membership.working_group_id, status=Status.DRAFT)
                 .exclude(pk__in=[p["draft"]["id"] for p in people["member"]]).order_by("pk").first())
        visible = (Action.objects.filter(working_group_id=membership.working_group_id).exclude(status=Status.DRAFT)
                   .order_by("pk").values_list("pk", flat=True).first())
        if draft is None or visible is None:
            continue
        used.add(membership.user_id)
        people["member"].append(_person(membership.user, chair=membership.role == Membership.Role.CHAIR,
                                        draft=action_urls(draft.pk), open=action_urls(visible),
                                        group_dashboard=reverse("group_dashboard",
                                                                args=[membership.working_group_id])))
    # Domain contacts: the adopted actions their domain leads.
    for user in users.filter(profile__contact_domains__isnull=False).distinct()[:PEOPLE_PER_PERSONA]:
        domains = list(user.profile.contact_domains.values_list("pk", flat=True))
        led = list(Action.objects.filter(lead_domain__in=domains, status__in=MONITORING_STATUSES)
                   .order_by("pk").values_list("pk", flat=True)[:20])
        if led:
            people["domain_contact"].append(_person(
                user, actions=led, domain_dashboard=reverse("domain_dashboard", args=[domains[0]]),
                progress=f"{reverse('progress_list')}?lead_domain={domains[0]}"))
    # Coordinators: the submitted actions each one decides on (disjoint lists).
    submitted = list(Action.objects.filter(status=Status.SUBMITTED).order_by("pk").values_list("pk", flat=True))
    coordinators = list(users.filter(profile__is_coordinator=True)[:PEOPLE_PER_PERSONA])
    for i, user in enumerate(coordinators):
        mine = submitted[i::max(1, len(coordinators))][:50]
        people["coordinator"].append(_person(user, decide=[action_urls(pk) for pk in mine]))
    for user in users.filter(profile__is_cabinet=True)[:PEOPLE_PER_PERSONA]:
        people["cabinet"].append(_person(user))
    return {"shared": shared, "people": people}


# --------------------------------------------------------------------------- running
def start_gunicorn(workdir: Path, env: dict) -> tuple[subprocess.Popen, int]:
    from django.db import connections

    connections.close_all()
    port = bench_run.free_port()
    logfile = workdir / f"gunicorn-{port}.log"
    cmd = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"{bench_run.HOST}:{port}",
           "--workers", str(bench_run.WORKERS), "--worker-class", "sync", "--timeout", "60",
           "--log-level", "warning"]
    with open(logfile, "w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    bench_run.wait_for_server(port, proc, logfile)
    return proc, port


def stop(proc: subprocess.Popen) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def run_once(args, workdir: Path, people_file: Path, *, cache: bool) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), DATACACHE_ENABLED="true" if cache else "false")
    proc, port = start_gunicorn(workdir, env)
    out_file = workdir / f"locust-{'cache' if cache else 'nocache'}.json"
    try:
        log(f"gunicorn on port {port}, data cache {'on' if cache else 'off'}; "
            f"Locust: {args.users} users for {args.duration} s")
        cmd = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
               "--users", str(args.users), "--spawn-rate", str(args.users), "--run-time", f"{args.duration}s",
               "--host", f"http://{bench_run.HOST}:{port}", "--only-summary", "--loglevel", "WARNING",
               "--stop-timeout", "10"]
        lenv = dict(os.environ, LOADTEST_PEOPLE=str(people_file), LOADTEST_OUT=str(out_file))
        lenv.pop("DJANGO_SETTINGS_MODULE", None)
        if args.smoke:
            lenv["LOADTEST_SMOKE_MIX"] = "1"
        result = subprocess.run(cmd, check=False, cwd=ROOT, env=lenv, capture_output=True, text=True,
                                timeout=args.duration + 120)
        if not out_file.exists():
            raise RuntimeError(f"Locust wrote no results (exit {result.returncode}):\n{result.stderr[-3000:]}")
        return json.loads(out_file.read_text())
    finally:
        stop(proc)


# --------------------------------------------------------------------------- report
def to_markdown(report) -> str:
    m = report["meta"]
    lines = [
        f"# Load test {m['finished_at']}{' (smoke)' if m['smoke'] else ''}",
        "",
        (f"- Machine: {m['cpus']} CPU cores ({m['machine']}); gunicorn {m['workers']} sync workers, DEBUG off, "
         f"loopback; {m['database']}, cache {m['cache']}; commit {m['commit'] or '?'}"),
        (f"- Data: seed_scale {m['actions']} actions; Locust {m['users']} concurrent users for {m['duration']} s; "
         "personas members/chairs 50 %, domain contacts 25 %, coordinators 20 %, cabinets 5 %"),
        (f"- Requests: {report['cache']['total']}, failures {report['cache']['failures']}, "
         f"writes {report['cache']['write_share']:.0%}, first-after-write "
         f"{report['cache']['first_after_write_share']:.0%} of the reads; {report['cache']['rps']:.1f} req/s"),
        f"- Budget (not enforced): p95 ≤ {P95_BUDGET_MS:.0f} ms, p99 ≤ {P99_BUDGET_MS:.0f} ms per type except exports",
        "",
        ("| Request type | Count | Failures | Median ms | p95 ms | p99 ms | req/s | First-after-write: n | median ms | "
         "p95 ms |" + (" Median without cache ms | ratio |" if report.get("nocache") else "")),
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|" + ("---:|---:|" if report.get("nocache") else ""),
    ]
    nocache = {r["name"]: r for r in (report.get("nocache") or {}).get("types", [])}
    for r in report["cache"]["types"]:
        faw = r["first_after_write"]
        row = (f"| {r['name']} | {r['count']} | {r['failures']} | {r['median_ms']:.0f} | {r['p95_ms']:.0f} | "
               f"{r['p99_ms']:.0f} | {r['rps']:.2f} | {faw['count']} | "
               f"{faw['median_ms']:.0f} | {faw['p95_ms']:.0f} |" if faw["count"] else
               f"| {r['name']} | {r['count']} | {r['failures']} | {r['median_ms']:.0f} | {r['p95_ms']:.0f} | "
               f"{r['p99_ms']:.0f} | {r['rps']:.2f} | 0 | – | – |")
        if nocache:
            other = nocache.get(r["name"])
            row += (f" {other['median_ms']:.0f} | {other['median_ms'] / r['median_ms']:.2f} |"
                    if other and r["median_ms"] else " – | – |")
        lines.append(row)
    lines += ["", "Budget misses: " + (", ".join(report["budget_misses"]) or "none")]
    if report["cache"]["errors"]:
        lines += ["", "Errors:", *[f"- {e}" for e in report["cache"]["errors"][:20]]]
    return "\n".join(lines) + "\n"


def budget_misses(stats) -> list[str]:
    return [f"{r['name']} (p95 {r['p95_ms']:.0f}, p99 {r['p99_ms']:.0f})" for r in stats["types"]
            if not r["name"].startswith("export") and (r["p95_ms"] > P95_BUDGET_MS or r["p99_ms"] > P99_BUDGET_MS)]


def main(argv=None) -> int:
    args = parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="actieplan-load-"))
    try:
        bench_run.configure_environment(workdir)
        database = bench_run.prepare_database(workdir)
        import django

        django.setup()
        bench_run.build_data(args)
        people_file = workdir / "people.json"
        people = build_people()
        people_file.write_text(json.dumps(people))
        log("people: " + ", ".join(f"{k} {len(v)}" for k, v in people["people"].items()))
        with_cache = run_once(args, workdir, people_file, cache=True)
        without = None if args.no_compare else run_once(args, workdir, people_file, cache=False)
        report = {
            "meta": {
                "finished_at": datetime.now(UTC).isoformat(timespec="seconds"), "smoke": args.smoke,
                "database": database, "cache": bench_run.cache_backend(), "actions": args.actions,
                "users": args.users, "duration": args.duration, "workers": bench_run.WORKERS,
                "cpus": os.cpu_count(), "machine": platform.machine(), "commit": bench_run.git_commit(),
            },
            "cache": with_cache,
            "nocache": without,
        }
        report["budget_misses"] = budget_misses(with_cache)
        markdown = to_markdown(report)
        args.results_dir.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S") + ("-smoke" if args.smoke else "")
        for name in (f"load-{stamp}", "load-latest"):
            (args.results_dir / f"{name}.md").write_text(markdown)
            (args.results_dir / f"{name}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
        print(markdown)
        log(f"written {args.results_dir / f'load-{stamp}.md'}")
        return 1 if with_cache["failures"] else 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
