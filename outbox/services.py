"""Hand work to Celery without ever losing it when the broker is away.

``enqueue`` writes an :class:`OutboxEntry` in the caller's transaction; when that commits,
the entry is handed to the broker at once (``relay``). When the broker is unreachable the
request is not held up (no retries, short time-outs, and for 30 seconds after a failure no
new attempt from requests at all): the entry stays pending and the relay (Celery beat every
minute, or ``manage.py relay_outbox``) hands it over once the broker is back. Each entry is
handed over once: it is locked (``SELECT … FOR UPDATE SKIP LOCKED`` on PostgreSQL) and marked
in the same transaction; the key doubles as the Celery task id.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid

from django.db import connection, transaction
from django.utils import timezone

from outbox.models import OutboxEntry

log = logging.getLogger(__name__)

#: After a failed hand-over, requests do not try again for this long (the relay does).
PAUSE_AFTER_FAILURE = 30.0

_state = threading.local()
_paused_until = 0.0
_lock = threading.Lock()


def enqueue(task: str, *args, key: str | None = None, queue: str = "", **kwargs) -> OutboxEntry:
    """Record that ``task(*args, **kwargs)`` must run; hand it over when the transaction commits."""
    entry, _created = OutboxEntry.objects.get_or_create(
        key=key or f"{task}:{uuid.uuid4().hex}",
        defaults={"task": task, "args": list(args), "kwargs": kwargs, "queue": queue},
    )
    transaction.on_commit(lambda: relay_soon(entry.pk))
    return entry


def relay_soon(pk: int) -> None:
    """On commit: try to hand the entry over now, unless the broker failed moments ago."""
    if time.monotonic() < _paused_until:
        return
    try:
        relay(ids=[pk])
    except Exception:  # never let a broker problem reach the user who made the change
        log.exception("Outbox: hand-over of entry %s failed; the relay retries", pk)


def pending_count() -> int:
    return OutboxEntry.objects.filter(sent_at__isnull=True).count()


def relay(*, ids: list[int] | None = None, limit: int = 500) -> int:
    """Hand pending entries to the broker, oldest first; return how many were handed over."""
    global _paused_until
    from celery import current_app

    sent = 0
    with transaction.atomic():
        entries = OutboxEntry.objects.filter(sent_at__isnull=True).order_by("pk")
        if ids is not None:
            entries = entries.filter(pk__in=ids)
        if connection.features.has_select_for_update_skip_locked:
            entries = entries.select_for_update(skip_locked=True)
        for entry in list(entries[:limit]):
            task = current_app.tasks.get(entry.task)
            try:
                options = {"task_id": entry.key, "retry": False}
                if entry.queue:
                    options["queue"] = entry.queue
                if task is not None:
                    task.apply_async(args=entry.args, kwargs=entry.kwargs, **options)
                else:
                    current_app.send_task(entry.task, args=entry.args, kwargs=entry.kwargs, **options)
            except Exception as error:  # broker unreachable: stop, keep the rest pending
                with _lock:
                    _paused_until = time.monotonic() + PAUSE_AFTER_FAILURE
                OutboxEntry.objects.filter(pk=entry.pk).update(
                    attempts=entry.attempts + 1, last_error=str(error)[:500])
                log.warning("Outbox: broker unreachable (%s); %s stays pending", error, entry.task)
                break
            OutboxEntry.objects.filter(pk=entry.pk).update(sent_at=timezone.now(), attempts=entry.attempts + 1,
                                                           last_error="")
            sent += 1
    if sent:
        with _lock:
            _paused_until = 0.0
    return sent
