
from django.db import migrations, models


def everyone_dutch(apps, schema_editor):
    """The application offers Dutch only (issue 16, defect 12): earlier choices of English go back to nl-be."""
    apps.get_model("werkgroepen", "Profile").objects.exclude(language="nl-be").update(language="nl-be")


class Migration(migrations.Migration):

    dependencies = [
        ('werkgroepen', '0002_history'),
    ]

    operations = [
        migrations.RunPython(everyone_dutch, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='profile',
            name='language',
            field=models.CharField(choices=[('nl-be', 'Nederlands')], default='nl-be', max_length=10, verbose_name='taal'),
        ),
    ]
