"""Load the demo data (development only, idempotent)."""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from actieplan.seed import demo_alignment, demo_plan
from actieplan.seed.demo import load_demo


def later_app_demos():
    """``<app>.demo.load`` of apps that build on ``actieplan`` (found by name, not imported here)."""
    for config in apps.get_app_configs():
        name = f"{config.name}.demo"
        if config.name != "actieplan" and find_spec(config.name) and find_spec(name):
            yield import_module(name).load


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
        else:
            self.stdout.write(
                f"  werkgroepen: {report.groups} aangemaakt\n"
                f"  gebruikers: {report.users} aangemaakt ({report.memberships} lidmaatschappen)\n"
                f"  acties: {report.actions} aangemaakt, {report.skipped_actions} bestonden al"
            )
        # Phase 2 and 3 demo data, then monitoring (each step is idempotent).
        demo_alignment.load(stdout=self.stdout)
        demo_plan.load(stdout=self.stdout)
        for load in later_app_demos():
            load(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demogegevens geladen."))
