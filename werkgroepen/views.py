"""Authentication pages. Login and logout need no permission vocabulary, so they live in
this base app; the working-group pages are in ``actieplan.actions.views`` because they show
actions and ask ``actieplan.permissions`` who may do what (``werkgroepen`` must not
import ``actieplan``)."""

from django.contrib.auth import views as auth_views


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Log out with POST only (Django's LogoutView refuses GET)."""
