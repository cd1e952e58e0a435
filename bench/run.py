#!/usr/bin/env python
"""The benchmark runner: ``make bench`` (``make bench BENCH_SMOKE=1`` for the smoke run).

1. A fresh database: PostgreSQL ``<name>_bench`` (dropped and recreated) when
   ``DATABASE_URL`` points at PostgreSQL, otherwise SQLite in a temporary directory.
2. ``migrate``, ``load_reference``, ``seed_scale --actions 10000`` (smoke: 100).
3. gunicorn (2 sync workers) on a free loopback port, with ``bench.settings``: the
   application plus the floor view ``/bench/floor/``.
4. For every target of ``bench/targets.py``: status and SQL queries of a cold request
   (in-process test client, data cache out of date), then, after one second of
   concurrent warm-up so that every worker has served the URL, median and p95 latency
   over 100 requests (smoke: 5) with one client, the first request after a write served
   by gunicorn (median of 5, each right after the data version moved), and for the
   action lists the throughput with 8 concurrent clients.
   The load tool is wrk; without it a bounded Python loop is used and the output says so.
5. A Markdown table and JSON in ``bench/results/`` (timestamped and ``latest.*``),
   the table also on stdout; every figure also as a ratio to the floor view.

Exit status: 1 when a target does not answer 200, or (with ``--check-budget``) when a
figure misses the budget; 0 otherwise.
"""

from __future__ import annotations

import argparse
import http.client
import io
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

HOST = "127.0.0.1"
WORKERS = 2
CLIENTS = 8
P95_BUDGET_MS = 100.0
THROUGHPUT_SHARE_BUDGET = 0.25
LATENCY_TIMEOUT_S = 60  # upper bound of one target's latency run
WARMUP_SECONDS = 1.0  # concurrent requests before a target is measured, so that every worker has served it
COLD_REQUESTS = 5  # served requests right after a write (smoke: 1), each after its own data-version move
WRK_SCRIPT = r"""
-- Count non-200 answers; stop after BENCH_REQUESTS responses (0: run for the duration).
-- wrk's thread:stop() only stops sending; the run ends at -d. So the thread also sends
-- wrk the SIGINT that makes it report early (after system() has restored its handler).
local limit = tonumber(os.getenv("BENCH_REQUESTS") or "0")
local threads = {}
count = 0
bad = 0

function setup(thread)
  table.insert(threads, thread)
end

function response(status, headers, body)
  count = count + 1
  if status ~= 200 then bad = bad + 1 end
  if limit > 0 and count == limit then
    wrk.thread:stop()
    os.execute("(sleep 0.05; kill -INT $PPID) >/dev/null 2>&1 &")
  end
end

function done(summary, latency, requests)
  local non200 = 0
  for _, t in ipairs(threads) do non200 = non200 + (t:get("bad") or 0) end
  local e = summary.errors
  io.write(string.format(
    'BENCH_RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"mean_us": %.1f, "max_us": %d, "non200": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.mean, latency.max, non200,
    e.connect + e.read + e.write + e.timeout))
end
"""


# --------------------------------------------------------------------------- set-up
def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="100 actions, 5 requests per URL, 1 s throughput")
    parser.add_argument("--actions", type=int, help="size of the data set (default 10000; smoke 100)")
    parser.add_argument("--requests", type=int, help="requests per URL for the latency (default 100; smoke 5)")
    parser.add_argument("--duration", type=float, help="seconds per throughput run (default 10; smoke 1)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--results-dir", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--only", help="measure only targets whose key contains this text")
    parser.add_argument("--check-budget", action="store_true", help="exit 1 when a figure misses the budget")
    args = parser.parse_args(argv)
    args.actions = args.actions or (100 if args.smoke else 10_000)
    args.requests = args.requests or (5 if args.smoke else 100)
    args.duration = args.duration or (1.0 if args.smoke else 10.0)
    return args


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def prepare_database(workdir: Path) -> str:
    """Point the environment at a fresh database; returns "postgresql" or "sqlite"."""
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith(("postgres://", "postgresql://")):
        import psycopg
        from psycopg import sql

        parts = urlsplit(url)
        name = parts.path.lstrip("/") or "postgres"
        bench_name = name if name.endswith("_bench") else f"{name}_bench"
        maintenance = urlunsplit(parts._replace(path="/postgres"))
        with psycopg.connect(maintenance, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(bench_name)))
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(bench_name)))
        os.environ["DATABASE_URL"] = urlunsplit(parts._replace(path=f"/{bench_name}"))
        log(f"database: PostgreSQL {bench_name} (fresh)")
        return "postgresql"
    os.environ.pop("DATABASE_URL", None)
    log(f"database: SQLite in {workdir}")
    return "sqlite"


def configure_environment(workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DEBUG"] = "true"  # accepts the development secret key; bench.settings turns DEBUG off
    os.environ["VAR_DIR"] = str(workdir)
    os.environ["CELERY_BROKER_URL"] = "filesystem://"
    os.environ["LOG_LEVEL"] = "WARNING"
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def cache_backend() -> str:
    from django.conf import settings

    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             timeout=5)
        return out.stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


# --------------------------------------------------------------------------- HTTP helpers
def http_get(port: int, path: str, headers: dict, timeout: float = 30) -> tuple[int, int]:
    """One request without following redirects: (status, body bytes)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, len(response.read())
    finally:
        conn.close()


def drain(port: int, path: str, headers: dict) -> None:
    """After a load run: requests the load tool left queued are still being served. One
    sequential request per worker waits behind them, so the next measurement starts idle."""
    for _ in range(WORKERS):
        http_get(port, path, headers)


def wait_for_server(port: int, proc: subprocess.Popen, logfile: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {proc.returncode}):\n{logfile.read_text()[-3000:]}")
        try:
            status, _ = http_get(port, "/bench/floor/", {}, timeout=2)
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s:\n{logfile.read_text()[-3000:]}")


class Wrk:
    """Latency and throughput with wrk (https://github.com/wg/wrk)."""

    name = "wrk"

    def __init__(self, workdir: Path):
        self.binary = shutil.which("wrk")
        self.script = workdir / "bench.lua"
        self.script.write_text(WRK_SCRIPT)

    def _run(self, port, path, headers, *, threads, connections, duration, limit):
        cmd = [self.binary, f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--timeout", "30s",
               "-s", str(self.script)]
        for key, value in headers.items():
            cmd += ["-H", f"{key}: {value}"]
        cmd.append(f"http://{HOST}:{port}{path}")
        env = dict(os.environ, BENCH_REQUESTS=str(limit))
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=duration + 60)
        for line in out.stdout.splitlines():
            if line.startswith("BENCH_RESULT "):
                return json.loads(line.removeprefix("BENCH_RESULT "))
        raise RuntimeError(f"wrk gave no result: {out.stdout[-1000:]} {out.stderr[-1000:]}")

    def latency(self, port, path, headers, requests: int) -> dict:
        r = self._run(port, path, headers, threads=1, connections=1, duration=LATENCY_TIMEOUT_S, limit=requests)
        return {"requests": r["requests"], "median_ms": r["p50_us"] / 1000, "p95_ms": r["p95_us"] / 1000,
                "non200": r["non200"] + r["socket_errors"]}

    def throughput(self, port, path, headers, duration: float) -> dict:
        seconds = max(1, round(duration))
        r = self._run(port, path, headers, threads=2, connections=CLIENTS, duration=seconds, limit=0)
        return {"requests": r["requests"], "rps": r["requests"] / (r["duration_us"] / 1e6),
                "p95_ms": r["p95_us"] / 1000, "non200": r["non200"] + r["socket_errors"]}


class PythonLoad:
    """Fallback when wrk is not installed: bounded loops of http.client requests."""

    name = "python fallback (wrk not installed: apt-get install wrk)"

    def latency(self, port, path, headers, requests: int) -> dict:
        times, bad = [], 0
        deadline = time.monotonic() + LATENCY_TIMEOUT_S
        for _ in range(requests):
            started = time.perf_counter()
            status, _ = http_get(port, path, headers)
            times.append((time.perf_counter() - started) * 1000)
            bad += status != 200
            if time.monotonic() > deadline:
                break
        return {"requests": len(times), "median_ms": statistics.median(times), "p95_ms": percentile(times, 95),
                "non200": bad}

    def throughput(self, port, path, headers, duration: float) -> dict:
        stop = time.monotonic() + duration
        lock = threading.Lock()
        times, bad = [], [0]

        def client():
            while time.monotonic() < stop:
                started = time.perf_counter()
                status, _ = http_get(port, path, headers)
                with lock:
                    times.append((time.perf_counter() - started) * 1000)
                    bad[0] += status != 200

        started = time.perf_counter()
        with ThreadPoolExecutor(CLIENTS) as pool:
            for future in [pool.submit(client) for _ in range(CLIENTS)]:
                future.result()
        elapsed = time.perf_counter() - started
        return {"requests": len(times), "rps": len(times) / elapsed, "p95_ms": percentile(times, 95),
                "non200": bad[0]}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    k = (len(ordered) - 1) * pct / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


# --------------------------------------------------------------------------- the run
def build_data(args) -> float:
    from django.core.management import call_command

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_reference", stdout=io.StringIO())
    log(f"migrated and loaded reference data in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    out = io.StringIO()
    call_command("seed_scale", actions=args.actions, seed=args.seed, stdout=out)
    seconds = time.perf_counter() - started
    log(f"seed_scale --actions {args.actions}: {seconds:.1f} s")
    checkpoint()
    return seconds


def checkpoint() -> None:
    """PostgreSQL: write the freshly loaded data to disk now, not in a checkpoint during the measurements."""
    from django.db import DatabaseError, connection

    if connection.vendor != "postgresql":
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute("CHECKPOINT")
    except DatabaseError as error:  # needs superuser or pg_checkpoint; the figures may then be noisier
        log(f"CHECKPOINT not allowed ({error}); measuring anyway")


def resolve_targets(targets, samples):
    from django.urls import NoReverseMatch, reverse

    resolved = []
    for target in targets:
        item = {"target": target, "key": target.key, "name": target.name, "role": target.role, "error": None}
        try:
            args = [samples[name] for name in target.args]
            if any(a is None for a in args):
                raise LookupError(f"no sample object for {target.args}")
            path = reverse(target.url_name, args=args)
            if target.query:
                path += "?" + target.query.format(**samples)
            item["url"] = path
        except (NoReverseMatch, LookupError, KeyError) as error:
            item["url"] = target.url_name
            item["error"] = f"URL not available: {error}"
        resolved.append(item)
    return resolved


def credentials(roles_needed, role_pickers):
    """Per role: a test client logged in (for query counts) and the HTTP headers for gunicorn."""
    from django.conf import settings
    from django.test import Client

    from actieplan.api_tokens import login_token_issue

    result = {}
    for role in roles_needed:
        user = role_pickers[role]()
        if role != "anonymous" and user is None:
            result[role] = None
            continue
        client = Client()
        session_headers, api_headers = {}, {}
        if user is not None:
            client.force_login(user)
            session_headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"}
            _token, key = login_token_issue(user=user)
            api_headers = {"Authorization": f"Token {key}"}
        result[role] = {"user": user.username if user else "", "client": client,
                        "session_headers": session_headers, "api_headers": api_headers}
    return result


def count_queries(item, creds) -> None:
    """Status, bytes, SQL queries and time of one cold request, in-process on the same database.

    Cold: the data cache (common/datacache.py) is made out of date first, so the figures
    are those of the first request after a write, whatever the target caches.
    """
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    extra = {}
    if item["target"].api and creds["api_headers"]:
        extra["HTTP_AUTHORIZATION"] = creds["api_headers"]["Authorization"]
    client = creds["client"]
    if item["target"].api:
        from django.test import Client

        client = Client()  # token only, like an API client
    from common import datacache

    client.get(item["url"], **extra)  # warm Django's own caches (URL resolver, templates, content types)
    datacache.bump()  # cold: nothing of the data cache applies (common/datacache.py)
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(item["url"], **extra)
        item["cold_ms"] = (time.perf_counter() - started) * 1000
    item["status"] = response.status_code
    item["bytes"] = len(response.content)
    item["queries"] = len(queries)


def measure(args) -> dict:
    import django

    django.setup()
    from bench import targets as bench_targets

    seed_seconds = build_data(args)
    samples = {name: fn() for name, fn in bench_targets.SAMPLES.items()}
    chosen = [t for t in bench_targets.TARGETS if not args.only or args.only in t.key]
    items = resolve_targets(chosen, samples)
    creds = credentials({i["role"] for i in items}, bench_targets.ROLES)

    for item in items:
        c = creds.get(item["role"])
        if item["error"] is None and c is None:
            item["error"] = f"no user with role {item['role']} in the generated data"
        if item["error"] is None:
            count_queries(item, c)
            if item["status"] != 200:
                item["error"] = f"HTTP {item['status']} in-process"

    api_page = next((i for i in items if i["name"] == "api_actions" and i.get("status") == 200), None)
    floor_bytes = api_page["bytes"] if api_page else 30_000
    return {"items": items, "creds": creds, "samples": samples, "seed_seconds": seed_seconds,
            "floor_bytes": floor_bytes, "floor_bytes_from": "api_actions" if api_page else "default (API unavailable)"}


def cold_served(port: int, path: str, headers: dict, times: int) -> float:
    """Median time of ``times`` requests to gunicorn, each the first after a write.

    The benchmark process shares the data cache with gunicorn (Redis, or the file cache
    under the run's directory): moving the data version here makes both workers recompute.
    """
    from common import datacache

    samples = []
    for _ in range(times):
        datacache.bump()
        started = time.perf_counter()
        http_get(port, path, headers)
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def serve_and_measure(args, state, workdir: Path, loader) -> dict:
    from django.db import connections

    connections.close_all()
    port = free_port()
    logfile = workdir / "gunicorn.log"
    env = dict(os.environ, BENCH_FLOOR_BYTES=str(state["floor_bytes"]), PYTHONPATH=str(ROOT))
    cmd = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"{HOST}:{port}",
           "--workers", str(WORKERS), "--worker-class", "sync", "--timeout", "60", "--log-level", "warning"]
    with open(logfile, "w") as out:
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
    try:
        wait_for_server(port, proc, logfile)
        log(f"gunicorn: {WORKERS} sync workers on {HOST}:{port}")
        floor_path = "/bench/floor/"
        # Until every worker has booted and served: the first seconds after the start are not
        # the application's figures (one worker may still be importing Django).
        loader.throughput(port, floor_path, {}, WARMUP_SECONDS if args.smoke else 3 * WARMUP_SECONDS)
        drain(port, floor_path, {})
        floor = loader.latency(port, floor_path, {}, args.requests)
        floor["throughput_rps"] = loader.throughput(port, floor_path, {}, args.duration)["rps"]
        drain(port, floor_path, {})
        floor["bytes"] = http_get(port, floor_path, {})[1]
        log(f"floor: median {floor['median_ms']:.1f} ms, {floor['throughput_rps']:.0f} req/s")

        throughput = []
        for item in state["items"]:
            if item["error"]:
                log(f"{item['key']}: skipped ({item['error']})")
                continue
            c = state["creds"][item["role"]]
            headers = c["api_headers"] if item["target"].api else c["session_headers"]
            status, _ = http_get(port, item["url"], headers)
            if status == 200 and not args.smoke:  # warm every worker (templates, URL conf, imports), data cache
                loader.throughput(port, item["url"], headers, WARMUP_SECONDS)
                drain(port, item["url"], headers)
            elif status == 200:
                status, _ = http_get(port, item["url"], headers)
            if status != 200:
                item["error"] = f"HTTP {status} from gunicorn"
                log(f"{item['key']}: {item['error']}")
                continue
            item.update(loader.latency(port, item["url"], headers, args.requests))
            item["cold_served_ms"] = cold_served(port, item["url"], headers, 1 if args.smoke else COLD_REQUESTS)
            item["median_x_floor"] = item["median_ms"] / floor["median_ms"]
            item["p95_x_floor"] = item["p95_ms"] / floor["p95_ms"]
            budget = item["target"].budget_p95_ms
            item["budget_p95_ms"] = budget
            item["within_budget"] = budget is None or item["p95_ms"] <= budget
            log(f"{item['key']}: {item['queries']} queries, median {item['median_ms']:.1f} ms, "
                f"p95 {item['p95_ms']:.1f} ms")
            if item["target"].throughput:
                t = loader.throughput(port, item["url"], headers, args.duration)
                drain(port, item["url"], headers)
                throughput.append({"key": item["key"], "name": item["name"], "role": item["role"],
                                   "url": item["url"], "clients": CLIENTS, "rps": t["rps"],
                                   "x_floor": t["rps"] / floor["throughput_rps"], "p95_ms": t["p95_ms"],
                                   "non200": t["non200"]})
                log(f"{item['key']}: {t['rps']:.1f} req/s with {CLIENTS} clients")
        return {"floor": floor, "throughput": throughput}
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)


# --------------------------------------------------------------------------- report
def budget_misses(report) -> list[str]:
    misses = []
    for t in report["targets"]:
        if t.get("p95_ms") is not None and t.get("budget_p95_ms") is not None and not t["within_budget"]:
            misses.append(f"{t['key']} {t['url']}: p95 {t['p95_ms']:.1f} ms > {t['budget_p95_ms']:.0f} ms")
    for t in report["throughput"]:
        if t["name"] == "api_actions" and t["x_floor"] < THROUGHPUT_SHARE_BUDGET:
            misses.append(f"{t['key']} {t['url']}: {t['rps']:.1f} req/s = {t['x_floor']:.0%} of the floor "
                          f"(budget ≥ {THROUGHPUT_SHARE_BUDGET:.0%})")
    return misses


def _cold(t) -> float | None:
    """The first request after a write: served by gunicorn when measured, else in-process."""
    return t["cold_served_ms"] if t.get("cold_served_ms") is not None else t.get("cold_ms")


def slow_cold_requests(report) -> list[str]:
    """Targets whose first request after a write (data cache out of date) takes longer than the budget."""
    return [
        f"{t['key']} {t['url']}: {_cold(t):.1f} ms ({t['queries']} queries)"
        for t in report["targets"]
        if _cold(t) is not None and t.get("budget_p95_ms") is not None and _cold(t) > t["budget_p95_ms"]
    ]


def to_markdown(report) -> str:
    m = report["meta"]
    f = report["floor"]
    lines = [
        f"# Benchmark {m['finished_at']}",
        "",
        f"- Database: {m['database']}, {m['actions']:,} generated actions (seed {m['seed']}); "
        f"seed_scale {m['seed_seconds']:.1f} s",
        f"- Server: gunicorn, {m['workers']} sync workers, DEBUG off; loopback; commit {m['commit'] or '?'}; "
        f"cache: {m.get('cache', '?')}",
        f"- Load tool: {m['load_tool']}; latency over {m['requests_per_url']} requests per URL, one client; "
        f"throughput {m['throughput_seconds']:.0f} s with {CLIENTS} clients",
        f"- Floor (`/bench/floor/`, fixed JSON of {f['bytes']:,} bytes = one API action page): "
        f"median {f['median_ms']:.2f} ms, p95 {f['p95_ms']:.2f} ms, {f['throughput_rps']:.0f} req/s",
        f"- Total run time {m['total_seconds']:.0f} s",
        "",
        "Cold ms: the first request after a write (data cache out of date), served by gunicorn, median of "
        f"{1 if m['smoke'] else COLD_REQUESTS}; Queries: the SQL queries of such a request (in-process). "
        "Median and p95: served by gunicorn from then on.",
        "",
        "| Target | Role | URL | Status | Queries | Cold ms | Median ms | p95 ms | Median × floor | p95 × floor "
        "| p95 budget |",
        "| --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for t in report["targets"]:
        if t.get("median_ms") is None:
            lines.append(f"| {t['name']} | {t['role']} | `{t['url']}` | {t.get('error') or t.get('status')} "
                         f"| {t.get('queries', '–')} | – | – | – | – | – | – |")
            continue
        budget = "–" if t["budget_p95_ms"] is None else ("ok" if t["within_budget"] else "**MISS**")
        cold = f"{_cold(t):.1f}" if _cold(t) is not None else "–"
        if _cold(t) is not None and t["budget_p95_ms"] is not None and _cold(t) > t["budget_p95_ms"]:
            cold = f"*{cold}*"
        lines.append(
            f"| {t['name']} | {t['role']} | `{t['url']}` | {t['status']} | {t['queries']} | {cold} | {t['median_ms']:.1f} "
            f"| {t['p95_ms']:.1f} | {t['median_x_floor']:.1f} | {t['p95_x_floor']:.1f} | {budget} |"
        )
    lines += ["", f"Throughput with {CLIENTS} concurrent clients:", "",
              "| Target | Role | URL | req/s | × floor | p95 ms under load |", "| --- | --- | --- | ---: | ---: | ---: |",
              f"| floor | anonymous | `/bench/floor/` | {f['throughput_rps']:.1f} | 1.00 | – |"]
    for t in report["throughput"]:
        lines.append(f"| {t['name']} | {t['role']} | `{t['url']}` | {t['rps']:.1f} | {t['x_floor']:.2f} "
                     f"| {t['p95_ms']:.1f} |")
    lines += ["", "Budget (at 10,000 actions on PostgreSQL): p95 ≤ 100 ms for every page and API list; "
              "action list API throughput ≥ 25% of the floor."]
    if m["smoke"]:
        lines.append("This was a smoke run: the figures say nothing about the budget.")
    misses = report["budget"]["misses"]
    lines += [""] + ([f"- MISS: {x}" for x in misses] if misses else ["All figures within the budget."])
    slow = slow_cold_requests(report)
    if slow:
        lines += ["", "First request after a write above 100 ms (cold; in italics in the table; later "
                  "requests are served from the data cache until the next write):", ""]
        lines += [f"- {x}" for x in slow]
    errors = [t for t in report["targets"] if t.get("error")]
    if errors:
        lines += ["", "Targets that could not be measured:"] + [f"- {t['key']}: {t['error']}" for t in errors]
    return "\n".join(lines) + "\n"


def write_results(report, results_dir: Path) -> tuple[Path, Path]:
    results_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    suffix = "-smoke" if report["meta"]["smoke"] else ""
    markdown = to_markdown(report)
    data = json.dumps(report, indent=2, ensure_ascii=False)
    md_path, json_path = results_dir / f"{stamp}{suffix}.md", results_dir / f"{stamp}{suffix}.json"
    md_path.write_text(markdown)
    json_path.write_text(data)
    (results_dir / "latest.md").write_text(markdown)
    (results_dir / "latest.json").write_text(data)
    return md_path, json_path


def main(argv=None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="actieplan-bench-"))
    try:
        configure_environment(workdir)
        database = prepare_database(workdir)
        loader = Wrk(workdir) if shutil.which("wrk") else PythonLoad()
        if isinstance(loader, PythonLoad):
            log("wrk not found: using a bounded Python loop instead (apt-get install wrk)")
        state = measure(args)
        served = serve_and_measure(args, state, workdir, loader)
        targets = []
        for item in state["items"]:
            row = {k: v for k, v in item.items() if k != "target"}
            row.setdefault("status", None)
            row.setdefault("budget_p95_ms", item["target"].budget_p95_ms)
            targets.append(row)
        report = {
            "meta": {
                "finished_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                "smoke": args.smoke, "database": database, "actions": args.actions, "seed": args.seed,
                "seed_seconds": state["seed_seconds"], "requests_per_url": args.requests,
                "throughput_seconds": args.duration, "clients": CLIENTS, "workers": WORKERS,
                "load_tool": loader.name, "commit": git_commit(), "cache": cache_backend(), "floor_bytes_from": state["floor_bytes_from"],
                "users": {role: c["user"] for role, c in state["creds"].items() if c},
                "samples": state["samples"], "total_seconds": time.perf_counter() - started,
            },
            "floor": served["floor"],
            "targets": targets,
            "throughput": served["throughput"],
        }
        report["budget"] = {"misses": budget_misses(report)}
        report["budget"]["ok"] = not report["budget"]["misses"]
        report["budget"]["slow_cold_requests"] = slow_cold_requests(report)
        md_path, json_path = write_results(report, args.results_dir)
        print(to_markdown(report))
        log(f"written {md_path} and {json_path}")
        failed = [t for t in targets if t.get("error")]
        if failed:
            log(f"{len(failed)} target(s) could not be measured")
            return 1
        if args.check_budget and not report["budget"]["ok"]:
            return 1
        return 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
