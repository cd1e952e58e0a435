from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActieplanConfig(AppConfig):
    name = "actieplan"
    verbose_name = _("Actieplan")

    def ready(self):
        from django.contrib.auth import get_user_model
        from django.db.models.signals import post_save

        from actieplan import api_tokens
        from common.api_json import strict_text_fields
        from common import datacache

        from actieplan import signals
        from actieplan.plan import services as plan_services

        # The core tells the phases what happened; the phases listen here.
        signals.action_changed.connect(plan_services.on_action_changed, dispatch_uid="plan-action-changed")

        strict_text_fields()  # {"title": 0} is a 400, not the text "0" (issue 17)
        datacache.connect_signals()
        post_save.connect(api_tokens.revoke_on_credential_change, sender=get_user_model(),
                          dispatch_uid="api_tokens.revoke_on_credential_change")
