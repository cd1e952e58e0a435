"""API tokens get one lifecycle: a kind, an expiry and the reason of a revocation.

The login tokens that DRF's ``authtoken`` app kept (in plain text, one per user, without
expiry) become ``ApiToken`` rows of the kind ``login``, stored as the hash of the same key,
so clients that hold one keep working until it expires; the plain keys are then deleted.
Existing tokens expire ``API_TOKEN_TTL_DAYS`` after this migration (not after they were
made: that would cut off long-running integrations the moment this is deployed).
"""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

import actieplan.models

DRF_TABLE = "authtoken_token"


def forwards(apps, schema_editor):
    ApiToken = apps.get_model("actieplan", "ApiToken")
    expires = timezone.now() + timedelta(days=getattr(settings, "API_TOKEN_TTL_DAYS", 90))
    ApiToken.objects.filter(expires_at__isnull=True).update(expires_at=expires)
    ApiToken.objects.filter(revoked_at__isnull=False, revoked_reason="").update(revoked_reason="by_user")

    connection = schema_editor.connection
    if DRF_TABLE not in connection.introspection.table_names():
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT key, user_id, created FROM {DRF_TABLE}")
        rows = cursor.fetchall()
    for key, user_id, created in rows:
        token = ApiToken.objects.create(
            user_id=user_id, kind="login", name="Aanmelding via de API",
            key_hash=hashlib.sha256(key.encode("utf-8")).hexdigest(), prefix=key[:8], expires_at=expires,
        )
        ApiToken.objects.filter(pk=token.pk).update(created_at=created)  # auto_now_add ignores a given value
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {DRF_TABLE}")
        if connection.vendor == "postgresql":
            # Check the new rows' foreign keys now: ALTER TABLE below refuses to run on a
            # table with deferred checks still pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ('actieplan', '0010_import_job_creator_protected'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='apitoken',
            options={'ordering': ['-created_at'], 'verbose_name': 'API-token', 'verbose_name_plural': 'API-tokens'},
        ),
        migrations.AddField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(null=True, verbose_name='vervalt op'),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='kind',
            field=models.CharField(choices=[('read_only', 'alleen lezen'), ('login', 'aanmelding via de API')], default='read_only', max_length=20, verbose_name='soort'),
        ),
        migrations.AddField(
            model_name='apitoken',
            name='revoked_reason',
            field=models.CharField(blank=True, choices=[('by_user', 'ingetrokken'), ('password_changed', 'wachtwoord gewijzigd'), ('deactivated', 'gebruiker gedeactiveerd'), ('replaced', 'vervangen door een nieuwer token')], max_length=20, verbose_name='reden van intrekking'),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='apitoken',
            name='expires_at',
            field=models.DateTimeField(default=actieplan.models.api_token_expiry, verbose_name='vervalt op'),
        ),
    ]
