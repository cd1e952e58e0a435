from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "monitoring"
    verbose_name = _("Monitoring")

    def ready(self):
        from actieplan.plan.services import on_plan_finalised
        from monitoring.services import capture_baselines

        on_plan_finalised(capture_baselines)
