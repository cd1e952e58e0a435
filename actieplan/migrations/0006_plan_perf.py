import django.db.models.deletion
from django.db import migrations, models


def unpack_versions(apps, schema_editor):
    """Unpack the versions frozen before this migration (later ones are unpacked when frozen)."""
    from actieplan.plan.selectors import unpack_snapshot

    PlanVersion = apps.get_model("actieplan", "PlanVersion")
    PlanVersionContents = apps.get_model("actieplan", "PlanVersionContents")
    PlanVersionAction = apps.get_model("actieplan", "PlanVersionAction")
    for pk in PlanVersion.objects.order_by("pk").values_list("pk", flat=True):
        snapshot = PlanVersion.objects.values_list("snapshot", flat=True).get(pk=pk)
        outline, rows = unpack_snapshot(snapshot)
        PlanVersionContents.objects.create(version_id=pk, outline=outline, action_count=len(rows))
        PlanVersionAction.objects.bulk_create([PlanVersionAction(version_id=pk, **row) for row in rows], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('actieplan', '0005_list_indexes'),
    ]

    operations = [
        migrations.CreateModel(
            name='PlanVersionContents',
            fields=[
                ('version', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='contents', serialize=False, to='actieplan.planversion')),
                ('outline', models.JSONField()),
                ('action_count', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.CreateModel(
            name='PlanVersionAction',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField()),
                ('action_pk', models.BigIntegerField()),
                ('chapter_pk', models.BigIntegerField()),
                ('code', models.CharField(max_length=50)),
                ('lead_pk', models.BigIntegerField(null=True)),
                ('lead_name', models.CharField(blank=True, max_length=300)),
                ('first_date', models.DateField(null=True)),
                ('last_date', models.DateField(null=True)),
                ('fingerprint', models.CharField(max_length=32)),
                ('data', models.JSONField()),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='action_rows', to='actieplan.planversion')),
            ],
            options={
                'ordering': ['version', 'position'],
                'constraints': [models.UniqueConstraint(fields=('version', 'position'), name='unique_version_position'), models.UniqueConstraint(fields=('version', 'action_pk'), name='unique_version_action')],
            },
        ),
        migrations.RunPython(unpack_versions, migrations.RunPython.noop),
    ]
