from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self):
        from actieplan.plan.services import on_plan_finalised
        from monitoring.services import capture_baselines

        on_plan_finalised(capture_baselines)

        from actieplan.signals import action_transitioned, signoff_reset
        from monitoring import notifications

        action_transitioned.connect(notifications.on_action_transitioned, dispatch_uid="monitoring-decision")
        signoff_reset.connect(notifications.on_signoff_reset, dispatch_uid="monitoring-signoff-reset")
