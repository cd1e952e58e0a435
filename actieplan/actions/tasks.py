from celery import shared_task


@shared_task(name="actieplan.tasks.notify_status_change", ignore_result=True)
def notify_status_change(status_change_id: int) -> int:
    """Kept for messages queued before notifications moved to monitoring: hands the event on."""
    from actieplan.actions.notifications import status_changed

    status_changed(status_change_id)
    return 0
