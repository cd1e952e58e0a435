"""Issue 20, factual fixes to the indicators of existing databases.

The 80% employment target holds during this legislature (by 2029, not 2030), and the
indicator "zoekend/beschikbaar" is not linked to the barrier "Gebrek aan oriëntatie", which
the note leaves to Work. Only rows that still hold the old values are changed.
"""

from django.db import migrations

RATE = "werkzaamheidsgraad-20-64"
OLD_DEFINITION = ("Aandeel werkenden in de bevolking van 20 tot 64 jaar in het Vlaams Gewest. De Vlaamse Regering "
                  "streeft naar een werkzaamheidsgraad van 80%.")
NEW_DEFINITION = ("Aandeel werkenden in de bevolking van 20 tot 64 jaar in het Vlaams Gewest. De Vlaamse Regering "
                  "streeft naar een werkzaamheidsgraad van 80% tijdens deze legislatuur (tegen 2029).")


def forwards(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    Barrier = apps.get_model("actieplan", "Barrier")
    Indicator.objects.filter(slug=RATE, target_year=2030).update(target_year=2029)
    Indicator.objects.filter(slug=RATE, definition=OLD_DEFINITION).update(definition=NEW_DEFINITION)
    searching = Indicator.objects.filter(slug="zoekend-beschikbaar-20-64").first()
    orientation = Barrier.objects.filter(slug="orientatie").first()
    if searching and orientation:
        searching.barriers.remove(orientation)


def backwards(apps, schema_editor):
    Indicator = apps.get_model("monitoring", "Indicator")
    Indicator.objects.filter(slug=RATE, target_year=2029).update(target_year=2030)
    Indicator.objects.filter(slug=RATE, definition=NEW_DEFINITION).update(definition=OLD_DEFINITION)


class Migration(migrations.Migration):
    dependencies = [("monitoring", "0006_event_notifications"), ("actieplan", "0012_reference_facts")]
    operations = [migrations.RunPython(forwards, backwards)]
