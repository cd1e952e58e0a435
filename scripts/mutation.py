#!/usr/bin/env python3
"""Mutation testing of the modules that guard the process (``make mutation``).

mutmut (pinned in requirements-dev.txt) changes one thing at a time in a module (``<`` into
``<=``, ``and`` into ``or``, a constant, a removed call) and runs the tests chosen for it; a
mutant that no test notices ("survived") is a blind spot of the suite. This is a report, not
a CI gate: a full run takes hours on a small machine.

The run works on a copy of the project under ``var/mutation/`` (mutmut writes its mutants
next to the code, and tests that scan the source tree must not find them) and deletes the
copy afterwards. The score and the surviving mutants go to ``bench/results/mutation-<date>.md``.

    python scripts/mutation.py                    # every target
    python scripts/mutation.py --only timeliness  # targets whose name contains "timeliness"
    python scripts/mutation.py --keep             # keep the copy (to inspect a mutant)
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "var" / "mutation"
RESULTS = ROOT / "bench" / "results"
PACKAGES = ["actieplan", "monitoring", "werkgroepen", "common", "config", "accounts", "inbox", "reporting",
            "overlap", "control"]
ALSO_COPY = ["templates", "static", "manage.py", "seeds", "data"]
IGNORE = shutil.ignore_patterns(".git", ".venv", "var", "mutants", "__pycache__", "*.pyc", "node_modules",
                                ".pytest_cache", "bench")

# name → (module to mutate, the tests that guard it; fast, non-browser tests first)
TARGETS = {
    "permissions": ("actieplan/permissions.py", ["tests/security/test_service_permissions.py",
                                                 "tests/security/test_permission_matrix.py"]),
    "lifecycle": ("actieplan/actions/services.py", ["tests/actions/test_lifecycle_service.py",
                                            "tests/actions/test_edit_service.py"]),
    "timeliness": ("monitoring/timeliness.py", ["tests/monitoring/test_date_rules.py",
                                                "tests/monitoring/test_monitoring_scale.py"]),
    "reminders": ("monitoring/reminders.py", ["tests/reminders/test_reminders_engine.py",
                                              "tests/reminders/test_reminders_concurrency.py"]),
    "spreadsheet": ("common/spreadsheet.py", ["tests/exchange/test_spreadsheet_writer.py",
                                              "tests/security/test_export_formulas.py"]),
    "pdf": ("common/pdf.py", ["tests/exchange/test_pdf_writer.py", "tests/security/test_pdf_exports_safety.py"]),
    "importer": ("actieplan/exchange/importer.py", ["tests/exchange/test_import.py",
                                                    "tests/exchange/test_import_refused.py"]),
}


def _find_test(path: str) -> str | None:
    if (ROOT / path).exists():
        return path
    found = sorted(ROOT.glob(f"tests/**/{Path(path).name}"))
    return found[0].relative_to(ROOT).as_posix() if found else None


def _copy_project(target_dir: Path) -> None:
    target_dir.mkdir(parents=True)
    for entry in ROOT.iterdir():
        if entry.name in (".git", ".venv", "var", "mutants", "bench", "node_modules", ".pytest_cache"):
            continue
        destination = target_dir / entry.name
        if entry.is_dir():
            shutil.copytree(entry, destination, ignore=IGNORE, symlinks=True)
        else:
            shutil.copy2(entry, destination)


def _write_config(copy: Path, module: str, tests: list[str], pytest_args: list[str]) -> None:
    def listing(values):
        return "\n    ".join([""] + values)

    packages = [p for p in PACKAGES if (copy / p).is_dir()]
    (copy / "setup.cfg").write_text(
        "[mutmut]\n"
        f"source_paths ={listing(packages)}\n"
        f"only_mutate ={listing([module])}\n"
        f"also_copy ={listing([p for p in ALSO_COPY if (copy / p).exists()])}\n"
        f"pytest_add_cli_args_test_selection ={listing(tests)}\n"
        f"pytest_add_cli_args ={listing(['-p', 'no:randomly', '-x', '-q', *pytest_args])}\n"
    )


def _results(copy: Path) -> dict[str, list[str]]:
    """``{status: [mutant names]}`` from ``mutmut results --all true``."""
    out = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=copy,
                         capture_output=True, text=True).stdout
    by_status: dict[str, list[str]] = {}
    for line in out.splitlines():
        match = re.match(r"\s*(\S+): (.+)$", line)
        if match:
            by_status.setdefault(match.group(2).strip(), []).append(match.group(1))
    return by_status


def _diff(copy: Path, name: str) -> str:
    return subprocess.run([sys.executable, "-m", "mutmut", "show", name], cwd=copy, capture_output=True,
                          text=True).stdout.strip()


def run_target(name: str, module: str, tests: list[str], *, children: int, keep: bool, pytest_args: list[str],
               timeout: float | None) -> dict:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    copy = WORK / f"{name}-{stamp}"
    _copy_project(copy)
    _write_config(copy, module, tests, pytest_args)
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    started = time.monotonic()
    try:
        process = subprocess.Popen([sys.executable, "-m", "mutmut", "run", "--max-children", str(children)],
                                   cwd=copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                   start_new_session=True)
        try:
            output, _ignored = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:  # a partial run: report what was tested so far
            os.killpg(process.pid, signal.SIGTERM)
            output, _ignored = process.communicate()
        run = subprocess.CompletedProcess(process.args, process.returncode, output or "", "")
        statuses = _results(copy)
        survivors = statuses.get("survived", [])
        diffs = {s: _diff(copy, s) for s in survivors}
        log_tail = (run.stdout + run.stderr)[-3000:]
    finally:
        if not keep:
            shutil.rmtree(copy, ignore_errors=True)
    killed = len(statuses.get("killed", []))
    counted = killed + len(survivors)
    return {
        "name": name, "module": module, "tests": tests, "seconds": round(time.monotonic() - started),
        "statuses": {k: len(v) for k, v in statuses.items()}, "killed": killed, "survivors": diffs,
        "score": round(100 * killed / counted, 1) if counted else None, "returncode": run.returncode,
        "log": log_tail if not statuses else "",
    }


def report(results: list[dict], path: Path) -> None:
    lines = [f"# Mutation testing, {dt.date.today().isoformat()}", "",
             "mutmut over the modules that guard the process; score = killed / (killed + survived). "
             "Target: ≥ 90 %. Not a CI gate. Mutants not yet tested (a run cut short by --timeout) are listed as "
             "'not checked'; 'no tests' means no selected test runs the mutated function.", "",
             "| target | module | tests | score | killed | survived | other | time |",
             "| --- | --- | --- | ---: | ---: | ---: | --- | ---: |"]
    for r in results:
        other = ", ".join(f"{k} {v}" for k, v in sorted(r["statuses"].items()) if k not in ("killed", "survived"))
        score = "—" if r["score"] is None else f"{r['score']} %"
        lines.append(f"| {r['name']} | `{r['module']}` | {', '.join(Path(t).name for t in r['tests'])} | {score} | "
                     f"{r['killed']} | {len(r['survivors'])} | {other or '—'} | {r['seconds']} s |")
    for r in results:
        lines += ["", f"## {r['name']}: surviving mutants ({len(r['survivors'])})", ""]
        if r["log"]:
            lines += ["mutmut did not report results; the end of its output:", "", "```", r["log"], "```"]
        for mutant, diff in r["survivors"].items():
            lines += [f"### `{mutant}`", "", "```diff", diff, "```", ""]
        if not r["survivors"] and not r["log"]:
            lines.append("None.")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", default=[], help="run the targets whose name contains this")
    parser.add_argument("--children", type=int, default=2, help="mutants tested at once (default 2)")
    parser.add_argument("--keep", action="store_true", help="keep the copy under var/mutation/")
    parser.add_argument("--timeout", type=float, default=None,
                        help="seconds per target; then the mutants tested so far are reported")
    parser.add_argument("--pytest-arg", action="append", default=[], help="extra pytest argument (e.g. -k ...)")
    args = parser.parse_args(argv)
    chosen = {n: t for n, t in TARGETS.items() if not args.only or any(o in n for o in args.only)}
    results = []
    for name, (module, tests) in chosen.items():
        found = [t for t in (_find_test(p) for p in tests) if t]
        print(f"[mutation] {name}: {module} against {', '.join(found)}", flush=True)
        results.append(run_target(name, module, found, children=args.children, keep=args.keep,
                                  pytest_args=args.pytest_arg, timeout=args.timeout))
        print(f"[mutation] {name}: score {results[-1]['score']} %, {len(results[-1]['survivors'])} survived",
              flush=True)
    path = RESULTS / f"mutation-{dt.date.today().isoformat()}.md"
    report(results, path)
    print(f"[mutation] report: {path.relative_to(ROOT)}")
    if not args.keep:
        shutil.rmtree(WORK, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
