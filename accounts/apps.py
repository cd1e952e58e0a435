from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Accounts of a department: invitations, roles managed in the app, single sign-on (OIDC),
    password change and reset, deactivation and the audit log of access.

    This app sits on top of the others (like ``monitoring``): it may import ``werkgroepen``
    and ``actieplan``; neither imports it. It learns what happened elsewhere through signals
    connected here.
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from accounts import receivers

        receivers.connect()
