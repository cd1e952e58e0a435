#!/usr/bin/env bash
# Start the web server and a Celery worker with embedded beat; Ctrl-C stops both.
set -euo pipefail
PY=${PY:-.venv/bin/python}
PORT=${PORT:-8000}
export DEBUG=${DEBUG:-true}
# E-mails (sent by the Celery worker) link to the address this run really serves.
export SITE_URL=${SITE_URL:-http://127.0.0.1:${PORT}}
mkdir -p var/celery/queue var/celery/processed var/mail var/log

pids=()
cleanup() {
    trap - INT TERM EXIT
    echo
    echo "Stoppen…"
    for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    echo "Gestopt."
    exit 0
}
trap cleanup INT TERM EXIT

# The demo-account table is made now and printed last, below the server's start-up lines.
accounts=$("$PY" manage.py demo_accounts)

"$PY" -m celery -A config worker -B --pool=solo --loglevel=INFO \
    --schedule=var/celerybeat-schedule >var/log/celery.log 2>&1 &
pids+=($!)
"$PY" manage.py runserver "127.0.0.1:${PORT}" --noreload &
pids+=($!)

# Wait until the server accepts connections (its start-up lines are then written), at most
# RUN_READY_TIMEOUT seconds.
deadline=$((SECONDS + ${RUN_READY_TIMEOUT:-60}))
until (exec 3<>"/dev/tcp/127.0.0.1/${PORT}") 2>/dev/null; do
    [ "$SECONDS" -ge "$deadline" ] && break
    sleep 0.3
done
sleep 0.5
echo
echo "Actieplan Drempels naar Werk draait op http://127.0.0.1:${PORT}/"
echo "Celery worker + beat (embedded filesystem:// broker): log in var/log/celery.log"
echo "E-mails worden als bestanden geschreven in var/mail/ (links naar ${SITE_URL})"
echo
echo "$accounts"
echo
echo "Stoppen met Ctrl-C."
wait -n "${pids[@]}"
