"""Seed the thesaurus with the domain's common synonyms (actieplan/data/thesaurus_seed.json)."""

import json
from pathlib import Path

from django.db import migrations

SEED = Path(__file__).resolve().parents[2] / "actieplan" / "data" / "thesaurus_seed.json"


def seed(apps, schema_editor):
    SynonymSet = apps.get_model("overlap", "SynonymSet")
    if SynonymSet.objects.exists():
        return
    sets = json.loads(SEED.read_text())["sets"]
    SynonymSet.objects.bulk_create([SynonymSet(terms="\n".join(terms)) for terms in sets])


def unseed(apps, schema_editor):
    apps.get_model("overlap", "SynonymSet").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("overlap", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
