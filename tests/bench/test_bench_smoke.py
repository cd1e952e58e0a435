"""The benchmark runner in smoke mode (``make bench BENCH_SMOKE=1``), so that it cannot rot.

It runs ``bench/run.py --smoke`` as a separate process: it makes its own database
(``<name>_bench`` on PostgreSQL when DATABASE_URL is set, SQLite in a temporary
directory otherwise), starts gunicorn and measures every target of ``bench/targets.py``.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.targets import TARGETS
from tests.bench import own_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.bench
def test_smoke_run_measures_every_target(tmp_path):
    env = own_database({k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}, "smoke")
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--smoke", "--results-dir", str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180,
    )
    assert result.returncode == 0, result.stderr[-4000:] + result.stdout[-2000:]

    report = json.loads((tmp_path / "latest.json").read_text())
    markdown = (tmp_path / "latest.md").read_text()
    assert report["meta"]["smoke"] is True
    assert report["meta"]["actions"] == 100
    # the runner makes gunicorn's data cache out of date from its own process: the cache must be shared
    assert report["meta"]["cache"] in {"FileBasedCache", "RedisCache"}
    assert report["floor"]["median_ms"] > 0 and report["floor"]["throughput_rps"] > 0

    measured = {t["key"]: t for t in report["targets"]}
    assert set(measured) == {t.key for t in TARGETS}
    for key, row in measured.items():
        assert row["status"] == 200, key
        assert row["requests"] >= 5, key
        assert row["queries"] >= 0 and row["median_ms"] > 0 and row["p95_ms"] >= row["median_ms"], key
        assert row["median_x_floor"] > 0, key
        assert row["cold_ms"] > 0, key  # the first request after a write, with the data cache out of date
        assert row["cold_served_ms"] > 0, key  # the same, served by gunicorn
        assert f"| {row['name']} | {row['role']} | `{row['url']}` | 200 |" in markdown

    throughput = {t["key"] for t in report["throughput"]}
    assert throughput == {t.key for t in TARGETS if t.throughput}
    assert all(t["rps"] > 0 for t in report["throughput"])
    # The table is also printed, and timestamped copies are kept next to latest.*
    assert "| Target | Role | URL |" in result.stdout
    assert len(list(tmp_path.glob("*-smoke.json"))) == 1
