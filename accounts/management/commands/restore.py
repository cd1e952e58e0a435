"""``manage.py restore <archive>``: restore a backup (``manage.py backup``) into an empty database
and MEDIA_ROOT. Create the empty database first (PostgreSQL: ``createdb``)."""

from django.core.management.base import BaseCommand, CommandError

from accounts.backup import BackupError, restore


class Command(BaseCommand):
    help = "Restore an archive of manage.py backup into an empty database."

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            manifest = restore(archive)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Hersteld: {manifest['engine']}-database van {manifest['created_at']} en de bestanden.")
