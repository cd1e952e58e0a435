"""Celery tasks of accounts (thin: they call a service)."""

from celery import shared_task


@shared_task(name="accounts.tasks.purge_audit_log")
def purge_audit_log() -> int:
    """Nightly (monitoring/reminders/schedule.py): delete audit entries older than AUDIT_RETENTION_DAYS."""
    from accounts.audit import purge

    return purge()


@shared_task(name="accounts.tasks.backup")
def backup() -> str:
    """A backup archive under var/backups/ (for a periodic task in Celery beat)."""
    from accounts.backup import backup as make_backup

    return str(make_backup())
