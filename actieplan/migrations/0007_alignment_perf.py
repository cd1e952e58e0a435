import django.db.models.deletion
from django.db import migrations, models


def build_pairs(apps, schema_editor):
    """Store the similar pairs of the existing index (later kept current by actieplan.similarity).

    Uses the similarity module itself: the pairs must be scored exactly as the
    suggestions are. It reads only the postings, the columns and many-to-many tables the
    boost looks at, and writes SimilarityPair.
    """
    TermPosting = apps.get_model("actieplan", "TermPosting")
    if not TermPosting.objects.using(schema_editor.connection.alias).exists():
        return
    from actieplan.alignment import similarity

    similarity.rebuild_pairs()


class Migration(migrations.Migration):

    dependencies = [
        ("actieplan", "0005_list_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="SimilarityPair",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("score", models.FloatField()),
                ("text", models.FloatField()),
                ("action", models.ForeignKey(db_constraint=False, db_index=False,
                                             on_delete=django.db.models.deletion.CASCADE, related_name="+",
                                             to="actieplan.action")),
                ("other", models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.CASCADE,
                                            related_name="+", to="actieplan.action")),
            ],
            options={
                "indexes": [models.Index(fields=["action", "-score", "-text", "other"], name="similarity_pair_rank")],
            },
        ),
        migrations.AddIndex(
            model_name="statuschange",
            index=models.Index(
                condition=models.Q(
                    models.Q(("from_status", "submitted"), ("to_status", "retained")),
                    models.Q(("from_status", "submitted"), ("to_status", "rejected")),
                    models.Q(("from_status", "submitted"), ("to_status", "merged")),
                    models.Q(("from_status", "submitted"), ("to_status", "draft")),
                    models.Q(("from_status", "merged"), ("to_status", "submitted")),
                    _connector="OR",
                ),
                fields=["-at", "-id"],
                name="statuschange_decisions",
            ),
        ),
        migrations.AddIndex(
            model_name="action",
            index=models.Index(fields=["status", "working_group", "proposing_domain"], name="action_status_proposer",
                               include=["id", "primary_barrier", "lead_domain"]),
        ),
        migrations.AddIndex(
            model_name="actionlink",
            index=models.Index(fields=["-created_at", "-id"], name="action_link_newest"),
        ),
        migrations.RunPython(build_pairs, migrations.RunPython.noop),
    ]
