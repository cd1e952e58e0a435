"""Notifications queued after a committed state change.

Phase 1 tells the proposing group's chairs and members when an action they work on
is sent back; later issues route reminders and digests through Celery from here.
"""

import logging

log = logging.getLogger(__name__)


def status_changed(status_change_id: int) -> None:
    from actieplan.actions.tasks import notify_status_change

    try:
        notify_status_change.delay(status_change_id)
    except Exception:  # the broker being down must never undo a committed decision
        log.exception("Could not queue notification for status change %s", status_change_id)
