"""Half-yearly reporting periods of this legislature (data: WEWIS adds or changes them in the admin)."""

from datetime import date

from django.db import migrations


def add_periods(apps, schema_editor):
    ReportingPeriod = apps.get_model("reporting", "ReportingPeriod")
    for year in range(2025, 2030):
        ReportingPeriod.objects.get_or_create(
            name=f"{year} – eerste semester", defaults={"starts_on": date(year, 1, 1), "ends_on": date(year, 6, 30)})
        ReportingPeriod.objects.get_or_create(
            name=f"{year} – tweede semester", defaults={"starts_on": date(year, 7, 1), "ends_on": date(year, 12, 31)})


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]
    operations = [migrations.RunPython(add_periods, migrations.RunPython.noop)]
