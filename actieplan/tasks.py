from celery import shared_task


@shared_task(ignore_result=True)
def notify_status_change(status_change_id: int) -> int:
    """Kept for messages queued before notifications moved to monitoring: hands the event on."""
    from actieplan.notifications import status_changed

    status_changed(status_change_id)
    return 0


from actieplan.plan_tasks import notify_signoff_reset  # noqa: E402,F401  (Celery autodiscovery)
from actieplan.import_tasks import confirm_import, validate_import  # noqa: E402,F401  (Celery autodiscovery)
