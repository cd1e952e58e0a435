# Joins the two independent migrations of the performance work (the unpacked plan versions,
# and the stored overlap pairs with the alignment indexes); no operations of its own.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("actieplan", "0006_plan_perf"),
        ("actieplan", "0007_alignment_perf"),
    ]

    operations = []
