"""``manage.py setup_schedule [--reset]``: create the default periodic tasks (reminders, digests).

Idempotent: existing tasks (possibly edited by WEWIS staff in the admin) are kept unless
``--reset`` is given.
"""

from django.core.management.base import BaseCommand

from monitoring.reminders.schedule import ensure_schedule


class Command(BaseCommand):
    help = "Create the default Celery beat schedule (Europe/Brussels); keeps tasks edited in the admin."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="restore the default times and arguments")

    def handle(self, *args, reset, **options):
        for name, outcome in ensure_schedule(reset=reset).items():
            label = {"created": "aangemaakt", "kept": "ongewijzigd", "reset": "hersteld"}[outcome]
            self.stdout.write(f"{name}: {label}")
