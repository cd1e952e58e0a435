from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self):
        from actieplan.signals import action_transitioned, plan_finalised, signoff_reset
        from monitoring import notifications
        from monitoring.services import on_plan_finalised

        plan_finalised.connect(on_plan_finalised, dispatch_uid="monitoring-baselines")

        action_transitioned.connect(notifications.on_action_transitioned, dispatch_uid="monitoring-decision")
        signoff_reset.connect(notifications.on_signoff_reset, dispatch_uid="monitoring-signoff-reset")
