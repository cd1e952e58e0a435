from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActieplanConfig(AppConfig):
    name = "actieplan"
    verbose_name = _("Actieplan")

    def ready(self):
        from config import datacache

        datacache.connect_signals()
