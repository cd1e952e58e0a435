"""Celery tasks of monitoring: thin wrappers around the reminder engine (``monitoring.reminders.engine``).

``send_reminders`` is what beat runs (the schedule is in ``monitoring.reminders.schedule``); it decides
what is due and queues one ``deliver_batch`` per recipient, which sends that recipient's one
e-mail and is retried with exponential backoff while the mail server fails.
"""

from __future__ import annotations

from datetime import date

from celery import shared_task
from django.utils import timezone

from monitoring.reminders import engine as reminders


@shared_task(name="monitoring.tasks.send_reminders", bind=True, ignore_result=True)
def send_reminders(self, today: str | None = None, kinds: list[str] | None = None) -> dict:
    """Run the reminders for ``today`` (ISO date; default: today in Europe/Brussels).

    The deliveries go to the queue this run came from, so a run routed to a dedicated
    queue keeps its e-mails there too.
    """
    day = date.fromisoformat(today) if today else timezone.localdate()
    queue = (self.request.delivery_info or {}).get("routing_key") or None

    def queue_delivery(batch: str, recipient_id: int) -> None:
        deliver_batch.apply_async((batch, recipient_id), queue=queue)

    result = reminders.run(today=day, kinds=kinds, queue=queue_delivery)
    return {"today": day.isoformat(), "reminders": len(result.reminders), "recipients": result.recipients,
            "emails_queued": result.queued, "retried": result.retried}


@shared_task(
    name="monitoring.tasks.deliver_batch",
    bind=True,
    ignore_result=True,
    acks_late=True,
    autoretry_for=(reminders.DeliveryFailed,),
    retry_backoff=60,  # 1, 2, 4, 8 ... minutes
    retry_backoff_max=3600,
    retry_jitter=True,
    max_retries=10,
)
def deliver_batch(self, batch: str, recipient_id: int) -> int:
    """Send the e-mail of one run for one recipient (no-op when it was sent already)."""
    return reminders.deliver(batch=batch, recipient_id=recipient_id)


@shared_task(name="monitoring.tasks.notify_decision", ignore_result=True)
def notify_decision(change_id: int) -> int:
    """The notifications of a decision on an action (``monitoring.notifications``)."""
    from monitoring import notifications

    return len(notifications.notify_decision(change_id))


@shared_task(name="monitoring.tasks.notify_signoff_reset", ignore_result=True)
def notify_signoff_reset(signoff_id: int) -> int:
    """The notice to a domain's contacts that their sign-off must be given again."""
    from monitoring import notifications

    return len(notifications.notify_signoff_reset(signoff_id))
