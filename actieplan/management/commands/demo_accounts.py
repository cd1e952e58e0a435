"""Print the demo accounts: username, password, role and what they can do."""

from django.core.management.base import BaseCommand

from actieplan.seed.demo import DEMO_ACCOUNTS, DEMO_PASSWORD


class Command(BaseCommand):
    help = "Toont de demo-accounts met hun wachtwoord, rol en mogelijkheden."

    def handle(self, *args, **options):
        rows = [("Gebruikersnaam", "Wachtwoord", "Rol", "Kan")]
        rows += [(a["username"], DEMO_PASSWORD, a["role"], a["can"]) for a in DEMO_ACCOUNTS]
        widths = [max(len(r[i]) for r in rows) for i in range(3)]

        def line(row):
            return "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3]

        self.stdout.write("Demo-accounts")
        self.stdout.write(line(rows[0]))
        self.stdout.write("  ".join("-" * w for w in widths) + "  " + "-" * 3)
        for row in rows[1:]:
            self.stdout.write(line(row))
