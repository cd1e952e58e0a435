"""Celery tasks of accounts (thin: they call a service)."""

from celery import shared_task


@shared_task
def purge_audit_log() -> int:
    """Nightly (monitoring/schedule.py): delete audit entries older than AUDIT_RETENTION_DAYS."""
    from accounts.audit import purge

    return purge()


@shared_task
def backup() -> str:
    """A backup archive under var/backups/ (for a periodic task in Celery beat)."""
    from accounts.backup import backup as make_backup

    return str(make_backup())
