#!/usr/bin/env bash
# Run the whole suite. DATABASE_URL selects PostgreSQL, CELERY_BROKER_URL a real broker.
set -uo pipefail
PY=${PY:-.venv/bin/python}
if [ -n "${DATABASE_URL:-}" ]; then echo "Database: ${DATABASE_URL%%@*}@…"; else echo "Database: embedded SQLite"; fi
if [ -n "${CELERY_BROKER_URL:-}" ]; then echo "Celery broker: ${CELERY_BROKER_URL}"; else echo "Celery broker: none (integration tests skipped)"; fi
if [ ! -x /usr/bin/chromium ] && [ "${CI:-}" != "true" ]; then
    echo "Browser tests: skipped (Chromium not installed; apt-get install chromium)"
fi
"$PY" -m pytest ${PYTEST_ARGS:-} "$@"
rc=$?
if [ $rc -eq 5 ]; then
    echo "pytest collected no tests: that is a failure" >&2
    exit 1
fi
exit $rc
