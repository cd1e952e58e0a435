from celery import shared_task


@shared_task(name="outbox.tasks.relay_outbox", ignore_result=True)
def relay_outbox() -> int:
    """Celery beat, every minute: hand over what stayed pending while the broker was away."""
    from outbox.services import relay

    total = 0
    while (sent := relay()) > 0:
        total += sent
    return total
