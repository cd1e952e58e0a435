"""Load the key figures of the concept note as indicators (idempotent)."""

from django.core.management.base import BaseCommand

from monitoring.reference_data import load_indicators


class Command(BaseCommand):
    help = "Laadt de kerncijfers van de conceptnota als indicatoren met bron, basiswaarde en streefwaarde."

    def handle(self, *args, **options):
        report = load_indicators()
        if report.missing_barriers:
            self.stdout.write(self.style.WARNING(
                "Drempels niet gevonden (eerst load_reference draaien): " + ", ".join(sorted(set(report.missing_barriers)))
            ))
        if not report.changed:
            self.stdout.write("Indicatoren: alles was al aanwezig.")
            return
        self.stdout.write(
            f"  indicatoren: {report.created} aangemaakt, {report.updated} bijgewerkt; "
            f"metingen: {report.measurements} aangemaakt"
        )
        self.stdout.write(self.style.SUCCESS("Indicatoren geladen."))
