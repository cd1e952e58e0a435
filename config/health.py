"""``GET /health/``: is the database reachable, is the Celery broker reachable."""

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection


def check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        return True
    except Exception:
        return False


def check_broker() -> bool:
    url = settings.CELERY_BROKER_URL
    try:
        if url.startswith("filesystem://"):
            folder = settings.CELERY_BROKER_TRANSPORT_OPTIONS["data_folder_in"]
            from pathlib import Path

            Path(folder).mkdir(parents=True, exist_ok=True)
            return True
        with Connection(url, connect_timeout=2) as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
        return True
    except Exception:
        return False


@never_cache
@require_GET
def health(request):
    checks = {"database": check_database(), "broker": check_broker()}
    body = {"status": "ok" if all(checks.values()) else "error"}
    body.update({name: "ok" if ok else "down" for name, ok in checks.items()})
    if checks["database"]:
        from outbox.services import pending_count

        try:
            body["outbox"] = pending_count()
        except DatabaseError:  # not migrated yet: the probe still answers
            body["outbox"] = None
    return JsonResponse(body, status=200 if all(checks.values()) else 503)
