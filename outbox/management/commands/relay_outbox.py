from django.core.management.base import BaseCommand

from outbox.services import pending_count, relay


class Command(BaseCommand):
    help = "Geef de uitgaande taken die nog wachten door aan Celery (na een storing van de broker)."

    def handle(self, *args, **options):
        total = 0
        while (sent := relay()) > 0:
            total += sent
        self.stdout.write(f"Doorgegeven: {total}; nog wachtend: {pending_count()}")
