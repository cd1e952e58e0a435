"""Notifications queued after a committed state change.

Phase 1 tells the proposing group's chairs and members when an action they work on
is sent back; later issues route reminders and digests through Celery from here.
"""

import logging

log = logging.getLogger(__name__)


def status_changed(status_change_id: int) -> None:
    """Called on commit of a transition: the parts that notify people listen to ``action_transitioned``."""
    from actieplan.signals import action_transitioned

    try:
        action_transitioned.send(sender=None, change_id=status_change_id)
    except Exception:  # the broker being down must never undo a committed decision
        log.exception("Could not queue notification for status change %s", status_change_id)


def signoff_was_reset(signoff_id: int) -> None:
    """Called on commit of a sign-off reset (``plan_services``)."""
    from actieplan.signals import signoff_reset

    try:
        signoff_reset.send(sender=None, signoff_id=signoff_id)
    except Exception:  # the broker being down must never undo a committed change
        log.exception("Could not queue the sign-off reset notice %s", signoff_id)
