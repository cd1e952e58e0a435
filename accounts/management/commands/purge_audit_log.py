"""``manage.py purge_audit_log``: delete audit entries older than AUDIT_RETENTION_DAYS (default 2 years).

Also runs every night as a periodic task (``manage.py setup_schedule``).
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from accounts.audit import purge


class Command(BaseCommand):
    help = "Delete audit entries older than AUDIT_RETENTION_DAYS."

    def handle(self, *args, **options):
        count = purge()
        self.stdout.write(f"{count} auditregels ouder dan {settings.AUDIT_RETENTION_DAYS} dagen gewist.")
