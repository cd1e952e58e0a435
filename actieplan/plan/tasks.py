"""Celery tasks of the plan part: thin, they take ids and read what they need."""

from celery import shared_task


@shared_task(name="actieplan.plan_tasks.notify_signoff_reset", ignore_result=True)
def notify_signoff_reset(signoff_id: int) -> int:
    """Kept for messages queued before notifications moved to monitoring: hands the event on."""
    from actieplan.actions.notifications import signoff_was_reset

    signoff_was_reset(signoff_id)
    return 0
