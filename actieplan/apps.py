from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActieplanConfig(AppConfig):
    name = "actieplan"
    verbose_name = _("Actieplan")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from actieplan import api_tokens
        from common import datacache

        datacache.connect_signals()
        post_save.connect(api_tokens.revoke_on_credential_change, sender=get_user_model(),
                          dispatch_uid="api_tokens.revoke_on_credential_change")
