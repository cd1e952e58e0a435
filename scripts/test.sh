#!/usr/bin/env bash
# Run the whole suite. DATABASE_URL selects PostgreSQL, CELERY_BROKER_URL a real broker.
set -uo pipefail
PY=${PY:-.venv/bin/python}
if [ -n "${DATABASE_URL:-}" ]; then echo "Database: ${DATABASE_URL%%@*}@…"; else echo "Database: embedded SQLite"; fi
if [ -n "${CELERY_BROKER_URL:-}" ]; then echo "Celery broker: ${CELERY_BROKER_URL}"; else echo "Celery broker: none (integration tests skipped)"; fi
if [ ! -x /usr/bin/chromium ] && [ "${CI:-}" != "true" ]; then
    echo "Browser tests: skipped (Chromium not installed; apt-get install chromium)"
fi

# pytest's exit code 5 (no tests collected) is a failure too.
run_pytest() {
    "$PY" -m pytest "$@"
    local rc=$?
    if [ $rc -eq 5 ]; then echo "pytest collected no tests: that is a failure" >&2; return 1; fi
    return $rc
}

if [ $# -gt 0 ] || [ -n "${PYTEST_ARGS:-}" ]; then
    run_pytest ${PYTEST_ARGS:-} "$@"
    exit $?
fi

# The whole suite in two parts. First everything but the browser tests, spread over TEST_WORKERS
# processes (pytest-xdist; a file stays in one process, so its module fixtures are built once; each
# process has its own test database, and the Celery integration tests use private queues). Then the
# browser tests, one at a time: Chromium and the live server need the machine to themselves to keep
# their timings.
workers=${TEST_WORKERS:-2}
echo "Tests without a browser: $workers processes"
run_pytest -n "$workers" --dist loadfile -m "not browser"
rc_main=$?
echo "Browser tests"
run_pytest -m browser
rc_browser=$?
if [ $rc_main -ne 0 ] || [ $rc_browser -ne 0 ]; then
    echo "Failed: tests without a browser (exit $rc_main), browser tests (exit $rc_browser)" >&2
    exit 1
fi
exit 0
