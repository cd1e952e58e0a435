"""``manage.py send_reminders [--dry-run] [--kind KIND ...] [--today YYYY-MM-DD]``

Runs the same engine as the scheduled task, in this process (the e-mails go through the
configured EMAIL_BACKEND). Prints one line per reminder and ends with
``sent N reminders to M recipients`` (``would send …`` with ``--dry-run``).
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from monitoring.reminders import engine as reminders
from monitoring.models import EVENT_KINDS, ReminderKind


class Command(BaseCommand):
    help = "Send the reminders that are due (the same logic as the scheduled Celery task)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="show what would be sent; change nothing")
        parser.add_argument("--kind", action="append", choices=[k.value for k in ReminderKind if k not in EVENT_KINDS], dest="kinds",
                            help="only this kind (repeatable); default: the daily kinds, plus digests on Monday")
        parser.add_argument("--today", help="pretend today is this date (YYYY-MM-DD)")

    def handle(self, *args, dry_run, kinds, today, **options):
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError(f"--today must be a date as YYYY-MM-DD, not {today!r}")
        result = reminders.run(today=day, kinds=kinds, dry_run=dry_run)
        for line in result.lines():
            self.stdout.write(line)
        if result.retried:
            self.stdout.write(f"retried {result.retried} earlier e-mail(s) left pending or failed")
        if result.failed:
            self.stderr.write(f"{result.failed} e-mail(s) failed; they are kept as failed and retried by the next run")
        self.stdout.write(result.summary())
