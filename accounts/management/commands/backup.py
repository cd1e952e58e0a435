"""``manage.py backup [--output PATH]``: one archive with the database and the uploaded files
(accounts/backup.py). Without --output it goes to var/backups/actieplan-<date-time>.tar.gz."""

from django.core.management.base import BaseCommand, CommandError

from accounts.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump or SQLite's backup API) and the uploaded files into one archive."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="path of the archive (.tar.gz)")

    def handle(self, *args, output=None, **options):
        try:
            path = backup(output)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Back-up geschreven: {path}")
