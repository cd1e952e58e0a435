"""The load test in smoke mode (``LOADTEST_SMOKE=1 make loadtest``), so that it cannot rot.

It runs ``bench/loadtest.py`` as a separate process (its own database, gunicorn, Locust
for about 20 seconds) and checks that every persona worked without one failed request.
Timings are reported by the run, never asserted.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.bench import own_database

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.bench
def test_smoke_load_test_runs_every_persona_without_failures(tmp_path):
    env = own_database({k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}, "load")
    env["LOADTEST_SMOKE"] = "1"
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "loadtest.py"), "--results-dir", str(tmp_path)],
        check=False, cwd=ROOT, env=env, capture_output=True, text=True, timeout=400,
    )
    assert result.returncode == 0, result.stderr[-4000:] + result.stdout[-3000:]

    report = json.loads((tmp_path / "load-latest.json").read_text())
    assert report["meta"]["smoke"] is True and report["meta"]["actions"] == 100
    run = report["cache"]
    assert run["failures"] == 0, run["errors"]
    assert run["total"] > 0 and run["write_share"] > 0
    names = {t["name"] for t in run["types"]}
    # every persona was simulated: a page of each one's own kind answered
    assert names & {"action_list filtered", "action_list search", "action_detail", "group_dashboard"}
    assert names & {"assignment_list", "progress_list", "domain_dashboard", "api_status_updates"}
    assert names & {"dashboard", "alignment_board", "plan_detail", "decision_log", "api_dashboard"}
    assert names & {"cabinet_report", "api_cabinet_report", "dashboard (cabinet)"}
    markdown = (tmp_path / "load-latest.md").read_text()
    assert "| Request type | Count | Failures |" in markdown
    assert "first-after-write" in markdown
    assert len(list(tmp_path.glob("load-*-smoke.json"))) == 1
