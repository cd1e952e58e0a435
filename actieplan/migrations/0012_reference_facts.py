"""Issue 20, factual fixes to the reference data of existing databases.

Each row is only corrected where it still holds the old (wrong) value, so edits that
WEWIS staff made in the admin survive. ``load_reference`` writes the same values for new
databases (``actieplan.seed.reference``).
"""

from django.db import migrations

DOMAIN_OLD = ("CJSM", "Cultuur, Jeugd, Sport en Media")
DOMAIN_NEW = ("CJM", "Cultuur, Jeugd en Media")

BARRIER_WORDING = ("armoede", "Ik leef in armoede en sociale uitsluiting", "Ik leef in armoede & sociale uitsluiting")

TARGET_GROUPS = [
    ("jongeren-neet",
     "Jongeren die niet werken en geen onderwijs of opleiding volgen. De NEET-ratio bij 15-29-jarigen bedroeg 7,3% "
     "in 2024.",
     "Jongeren die niet werken en geen onderwijs of opleiding volgen (NEET). De standaarddefinitie meet de NEET-ratio "
     "bij 15-29-jarigen: 7,3% in 2024. De afbakening op 20-24 jaar volgt de nota, die jongeren van 20-24 jaar als "
     "doelgroep noemt; het is een werkdefinitie van het departement."),
    ("kortgeschoolden-25-64",
     "Personen van 25 tot 64 jaar zonder diploma secundair onderwijs.",
     "Personen van 25 tot 64 jaar zonder diploma hoger secundair onderwijs (standaarddefinitie: hoogstens lager "
     "secundair onderwijs)."),
]

PLAN = ("Actieplan Vlaanderen Werkt!",
        "Actieplan van VDAB, goedgekeurd door de Vlaamse Regering op 14 juli 2025.",
        "Actieplan van de Vlaamse Regering, op voorstel van de Vlaamse minister van Werk; VDAB is een van de "
        "uitvoerders.")


def forwards(apps, schema_editor):
    PolicyDomain = apps.get_model("actieplan", "PolicyDomain")
    Barrier = apps.get_model("actieplan", "Barrier")
    TargetGroup = apps.get_model("actieplan", "TargetGroup")
    LinkedPlan = apps.get_model("actieplan", "LinkedPlan")
    if not PolicyDomain.objects.filter(abbreviation=DOMAIN_NEW[0]).exists():
        PolicyDomain.objects.filter(abbreviation=DOMAIN_OLD[0], name=DOMAIN_OLD[1]).update(
            abbreviation=DOMAIN_NEW[0], name=DOMAIN_NEW[1])
    Barrier.objects.filter(slug=BARRIER_WORDING[0], citizen_wording=BARRIER_WORDING[1]).update(
        citizen_wording=BARRIER_WORDING[2])
    for slug, old, new in TARGET_GROUPS:
        TargetGroup.objects.filter(slug=slug, description=old).update(description=new)
    LinkedPlan.objects.filter(name=PLAN[0], description=PLAN[1]).update(description=PLAN[2])


def backwards(apps, schema_editor):
    PolicyDomain = apps.get_model("actieplan", "PolicyDomain")
    Barrier = apps.get_model("actieplan", "Barrier")
    TargetGroup = apps.get_model("actieplan", "TargetGroup")
    LinkedPlan = apps.get_model("actieplan", "LinkedPlan")
    PolicyDomain.objects.filter(abbreviation=DOMAIN_NEW[0], name=DOMAIN_NEW[1]).update(
        abbreviation=DOMAIN_OLD[0], name=DOMAIN_OLD[1])
    Barrier.objects.filter(slug=BARRIER_WORDING[0], citizen_wording=BARRIER_WORDING[2]).update(
        citizen_wording=BARRIER_WORDING[1])
    for slug, old, new in TARGET_GROUPS:
        TargetGroup.objects.filter(slug=slug, description=new).update(description=old)
    LinkedPlan.objects.filter(name=PLAN[0], description=PLAN[2]).update(description=PLAN[1])


class Migration(migrations.Migration):
    dependencies = [("actieplan", "0011_api_token_lifecycle")]
    operations = [migrations.RunPython(forwards, backwards)]
