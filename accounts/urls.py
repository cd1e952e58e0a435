"""Pages of accounts. Sign-in and sign-out keep their paths under /accounts/."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from accounts import views
from common import ids  # noqa: F401  (registers the <id:…> path converter)

urlpatterns = [
    path("accounts/login/", views.LoginView.as_view(), name="login"),
    path("accounts/logout/", views.LogoutView.as_view(), name="logout"),
    path("oidc/", include("mozilla_django_oidc.urls")),
    path("gebruikers/", views.user_list, name="user_list"),
    path("gebruikers/uitnodigen/", views.user_invite, name="user_invite"),
    path("gebruikers/<id:pk>/", views.user_edit, name="user_edit"),
    path("gebruikers/<id:pk>/deactiveren/", views.user_deactivate, name="user_deactivate"),
    path("gebruikers/<id:pk>/heractiveren/", views.user_reactivate, name="user_reactivate"),
    path("gebruikers/<id:pk>/uitnodiging/", views.user_invitation_send, name="user_invitation_send"),
    path("gebruikers/<id:pk>/uitnodiging/intrekken/", views.user_invitation_revoke, name="user_invitation_revoke"),
    path("account/uitnodiging/<str:key>/", views.invitation_accept, name="invitation_accept"),
    path("account/wachtwoord/", views.PasswordChangeView.as_view(), name="password_change"),
    path("account/wachtwoord/gewijzigd/", auth_views.PasswordChangeDoneView.as_view(
        template_name="accounts/password_change_done.html"), name="password_change_done"),
    path("account/wachtwoord-vergeten/", views.PasswordResetView.as_view(), name="password_reset"),
    path("account/wachtwoord-vergeten/verstuurd/", auth_views.PasswordResetDoneView.as_view(
        template_name="accounts/password_reset_done.html"), name="password_reset_done"),
    path("account/wachtwoord-vergeten/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("account/wachtwoord-vergeten/klaar/", auth_views.PasswordResetCompleteView.as_view(
        template_name="accounts/password_reset_complete.html"), name="password_reset_complete"),
    path("audit/", views.audit_list, name="audit_list"),
]
