"""Load the reference data of the concept note (idempotent)."""

from django.core.management.base import BaseCommand

from actieplan.seed.reference import load_reference


class Command(BaseCommand):
    help = "Laadt de referentiegegevens uit de conceptnota (drempels, doelgroepen, beleidsdomeinen, ...)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help="Zet ook bestaande rijen terug naar de waarden uit de conceptnota (overschrijft wijzigingen in de admin).",
        )

    def handle(self, *args, **options):
        report = load_reference(update=options["update"])
        if not report.changed:
            self.stdout.write("Referentiegegevens: alles was al up-to-date.")
            return
        for kind, label in (("created", "aangemaakt"), ("updated", "bijgewerkt")):
            for name, count in sorted(getattr(report, kind).items()):
                self.stdout.write(f"  {name}: {count} {label}")
        self.stdout.write(self.style.SUCCESS("Referentiegegevens geladen."))
