"""Load the demo data (development only, idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from actieplan.demo_data import load_demo


class Command(BaseCommand):
    help = "Laadt demogegevens: werkgroepen, gebruikers in alle rollen en een zestigtal acties (alleen met DEBUG)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demogegevens worden alleen geladen met DEBUG=true: de demo-accounts hebben een bekend "
                "wachtwoord en horen niet in productie."
            )
        report = load_demo()
        if not (report.users or report.groups or report.actions):
            self.stdout.write("Demogegevens: alles was al aanwezig.")
            return
        self.stdout.write(
            f"  werkgroepen: {report.groups} aangemaakt\n"
            f"  gebruikers: {report.users} aangemaakt ({report.memberships} lidmaatschappen)\n"
            f"  acties: {report.actions} aangemaakt, {report.skipped_actions} bestonden al"
        )
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
