"""Helpers shared by the reminder tests (not a test module)."""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

from actieplan.models import Status, StatusChange
from monitoring.models import ProgressState, SentReminder, StatusUpdate
from tests import factories as f


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def monitored_action(*, lead_domain, last_update: date | None = None, adopted: date | None = None, **kw):
    """An action in progress, adopted on ``adopted`` and/or last reported on ``last_update``."""
    action = f.action(status=Status.IN_PROGRESS, lead_domain=lead_domain, **kw)
    if adopted:
        change = StatusChange.objects.create(action=action, from_status=Status.RETAINED, to_status=Status.ADOPTED)
        StatusChange.objects.filter(pk=change.pk).update(at=at(adopted))
    if last_update:
        report(action, last_update)
    return action


def report(action, day: date):
    return StatusUpdate.objects.create(
        action=action, date=day, progress_state=ProgressState.ON_TRACK, percent_complete=40, done="Opgestart."
    )


def log_rows(**filters):
    return list(SentReminder.objects.filter(**filters).order_by("id"))
