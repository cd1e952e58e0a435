#!/usr/bin/env bash
# External contract test of the API: Schemathesis (CLI, every check) against a live gunicorn on
# loopback with a throwaway PostgreSQL database filled with the demo data, once per role:
# coordinator (login token), member (login token) and a read-only token.
#
#   scripts/api_fuzz.sh                 # FUZZ_EXAMPLES=15 (what .ci/run uses)
#   FUZZ_EXAMPLES=50 scripts/api_fuzz.sh   # the acceptance setting (`make fuzz`)
#
# Environment: FUZZ_EXAMPLES (per operation), FUZZ_SEED, FUZZ_PORT, FUZZ_ROLES ("coordinator member
# readonly"), PGHOST/PGUSER, FUZZ_REPORT_DIR (JUnit + summary per role), FUZZ_KEEP_DB=1.
# Exit status: 0 when every role had zero failures, 1 otherwise.
set -uo pipefail
cd "$(dirname "$0")/.."

PY=${PY:-.venv/bin/python}
EXAMPLES=${FUZZ_EXAMPLES:-15}
SEED=${FUZZ_SEED:-17}
PORT=${FUZZ_PORT:-8611}
ROLES=${FUZZ_ROLES:-coordinator member readonly}
PGHOST=${PGHOST:-127.0.0.1}
PGUSER=${PGUSER:-postgres}
DB="actieplan_fuzz_$$"
REPORT_DIR=${FUZZ_REPORT_DIR:-var/fuzz}
BASE="http://127.0.0.1:${PORT}"
ST=${ST:-$(dirname "$PY")/schemathesis}

log() { echo "[fuzz] $*"; }
started=$(date +%s)
mkdir -p "$REPORT_DIR" var

gunicorn_pid=""
cleanup() {
    if [ -n "$gunicorn_pid" ]; then kill -TERM "$gunicorn_pid" 2>/dev/null; wait "$gunicorn_pid" 2>/dev/null; fi
    rm -rf "$VAR_DIR"
    if [ "${FUZZ_KEEP_DB:-}" != "1" ]; then
        psql -h "$PGHOST" -U "$PGUSER" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1
    fi
}
trap cleanup EXIT

export DATABASE_URL="postgres://${PGUSER}@${PGHOST}:5432/${DB}"
export SITE_URL="http://127.0.0.1:${PORT}"
export DEBUG=false SECRET_KEY="fuzz-only-$(date +%s%N)" ALLOWED_HOSTS=127.0.0.1,localhost
export SECURE_SSL_REDIRECT=false SECURE_COOKIES=false SECURE_HSTS_SECONDS=0
export CELERY_TASK_ALWAYS_EAGER=true CELERY_BROKER_URL="memory://"
export EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
# Throttling is documented (429) but must not cut the run short.
export API_THROTTLE_USER=1000000/minute API_THROTTLE_ANON=1000000/minute API_THROTTLE_SIMILAR_TO=1000000/minute
export LOGIN_FAILURE_LIMIT=1000000
export CACHE_URL=${FUZZ_CACHE_URL:-}  # local memory: nothing shared with other runs
export VAR_DIR="$PWD/var/fuzz-var-$$"
mkdir -p "$VAR_DIR"

log "database $DB"
psql -h "$PGHOST" -U "$PGUSER" -qc "CREATE DATABASE $DB" || exit 1
"$PY" manage.py migrate --noinput -v0 || exit 1
"$PY" manage.py load_reference >/dev/null || exit 1
"$PY" manage.py load_indicators >/dev/null || exit 1
DEBUG=true "$PY" manage.py load_demo >/dev/null || exit 1
# A token per role, issued right before that role's run: the coordinator's run may revoke tokens
# (DELETE /api/v1/api-tokens/{id}/), including those of the other roles.
issue_token() {
    "$PY" manage.py shell -c "
from django.contrib.auth import get_user_model
from actieplan.api_tokens import api_token_create, login_token_issue
User = get_user_model()
role = '$1'
user = User.objects.get(username='lid' if role == 'member' else 'coordinator')
user.is_active = True
user.save(update_fields=['is_active'])
issued = api_token_create(user=user, name='Fuzz') if role == 'readonly' else login_token_issue(user=user)
print(issued[1])
"
}
log "demo data loaded ($(( $(date +%s) - started )) s)"

"$PY" -m gunicorn config.wsgi:application --bind "127.0.0.1:${PORT}" --workers 2 --timeout 60 \
    --limit-request-line 0 --access-logfile /dev/null --error-logfile "$REPORT_DIR/gunicorn.log" &
gunicorn_pid=$!
for _ in $(seq 1 60); do
    curl -fsS -o /dev/null "$BASE/api/schema/?format=json" 2>/dev/null && break
    sleep 0.5
done
curl -fsS -o "$REPORT_DIR/schema.json" "$BASE/api/schema/?format=json" || { log "server did not start"; exit 1; }

status=0
summary="$REPORT_DIR/summary.txt"
: >"$summary"
for role in $ROLES; do
    token=$(issue_token "$role" | tail -n1) || { status=1; continue; }
    t0=$(date +%s)
    log "role $role: $EXAMPLES examples per operation, seed $SEED, every check"
    "$ST" --config-file scripts/schemathesis.toml run "$BASE/api/schema/?format=json" \
        --header "Authorization: Token $token" \
        --checks all --max-response-time 60 --max-examples "$EXAMPLES" --seed "$SEED" --workers 2 \
        --phases examples,coverage,fuzzing --no-shrink \
        --request-timeout 60 --suppress-health-check all --warnings off \
        --report junit --report-junit-path "$REPORT_DIR/junit-$role.xml" \
        >"$REPORT_DIR/$role.log" 2>&1
    rc=$?
    failures=$(grep -oE '[0-9]+ failures?' "$REPORT_DIR/$role.log" | tail -n1 | grep -oE '^[0-9]+' || true)
    failures=${failures:-0}
    [ $rc -ne 0 ] && [ "$failures" = 0 ] && failures="?"
    line="role $role: failures $failures, exit $rc, $(( $(date +%s) - t0 )) s"
    log "$line"
    echo "$line" >>"$summary"
    if [ $rc -ne 0 ]; then status=1; tail -n 60 "$REPORT_DIR/$role.log"; fi
done
log "total $(( $(date +%s) - started )) s; logs in $REPORT_DIR/"
exit $status
