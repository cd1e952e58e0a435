"""Single sign-on through OpenID Connect (mozilla-django-oidc), configured by the environment.

``OIDC_ISSUER`` (the provider's discovery document is read on first use) or the explicit
endpoints, ``OIDC_CLIENT_ID``, ``OIDC_CLIENT_SECRET``, ``OIDC_SCOPES`` and ``OIDC_EMAIL_CLAIM``
(see config/settings.py). A person who signs in is matched to one existing, active user by
their *verified* e-mail address; nobody is created: an unknown person gets the page "Je hebt
nog geen toegang". Signing out also ends the provider's session when it offers an
``end_session_endpoint`` (RP-initiated logout).
"""

from __future__ import annotations

import logging
import threading
from urllib.parse import urlencode

import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts import audit
from accounts.models import AuditEntry

logger = logging.getLogger(__name__)

# mozilla-django-oidc's setting → the key of the provider's discovery document
DISCOVERED = {
    "OIDC_OP_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "OIDC_OP_TOKEN_ENDPOINT": "token_endpoint",
    "OIDC_OP_USER_ENDPOINT": "userinfo_endpoint",
    "OIDC_OP_JWKS_ENDPOINT": "jwks_uri",
    "OIDC_OP_END_SESSION_ENDPOINT": "end_session_endpoint",
}
_discovery: dict[str, dict] = {}
_lock = threading.Lock()


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", "")) and bool(
        getattr(settings, "OIDC_ISSUER", "") or getattr(settings, "OIDC_OP_AUTHORIZATION_ENDPOINT", "")
    )


def discover(issuer: str) -> dict:
    """The provider's ``/.well-known/openid-configuration``, read once per process."""
    with _lock:
        if issuer not in _discovery:
            url = issuer.rstrip("/") + "/.well-known/openid-configuration"
            response = requests.get(url, timeout=10, verify=settings.OIDC_VERIFY_SSL)
            response.raise_for_status()
            _discovery[issuer] = response.json()
        return _discovery[issuer]


def setting(attr, *args):
    """mozilla-django-oidc's settings, with the endpoints from discovery when not set explicitly."""
    explicit = getattr(settings, attr, None)
    if explicit:
        return explicit
    issuer = getattr(settings, "OIDC_ISSUER", "")
    if attr in DISCOVERED and issuer:
        value = discover(issuer).get(DISCOVERED[attr])
        if value:
            return value
        if args:
            return args[0]
    return import_from_settings(attr, *args)


def _not_configured(request):
    """Without a provider the library's URLs lead back to the login page, saying why."""
    messages.error(request, _("Aanmelden met een overheidsaccount is niet ingesteld."))
    return redirect(settings.LOGIN_URL)


class OIDCBackend(OIDCAuthenticationBackend):
    get_settings = staticmethod(setting)

    def __init__(self, *args, **kwargs):
        self.UserModel = get_user_model()
        if enabled():
            super().__init__(*args, **kwargs)

    def authenticate(self, request, **kwargs):
        if not enabled() or request is None or "nonce" not in kwargs:
            return None  # only the OIDC callback signs in through this backend
        return super().authenticate(request, **kwargs)

    @staticmethod
    def email_of(claims) -> str:
        return (claims.get(settings.OIDC_EMAIL_CLAIM) or "").strip()

    def verify_claims(self, claims):
        """An address is only trusted when the provider says it verified it."""
        if not self.email_of(claims):
            return False
        return claims.get("email_verified") is True or settings.OIDC_EMAIL_CLAIM != "email"

    def filter_users_by_claims(self, claims):
        email = self.email_of(claims)
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is None:
            info = self.get_userinfo(access_token, id_token, payload)
            self.request._oidc_unknown_email = self.email_of(info) or "?"
        return user

    def create_user(self, claims):  # never reached: OIDC_CREATE_USER is False
        return None


class AuthenticateView(OIDCAuthenticationRequestView):
    get_settings = staticmethod(setting)

    def dispatch(self, request, *args, **kwargs):
        if not enabled():
            return _not_configured(request)
        return super().dispatch(request, *args, **kwargs)

    def __init__(self, *args, **kwargs):
        if enabled():
            super().__init__(*args, **kwargs)


class CallbackView(OIDCAuthenticationCallbackView):
    get_settings = staticmethod(setting)

    def dispatch(self, request, *args, **kwargs):
        if not enabled():
            return _not_configured(request)
        return super().dispatch(request, *args, **kwargs)

    def login_failure(self):
        email = getattr(self.request, "_oidc_unknown_email", None)
        if email:
            audit.record(AuditEntry.Event.LOGIN_FAILED, username=email, request=self.request,
                         detail=_("Overheidsaccount zonder toegang"))
            return render(self.request, "accounts/oidc_no_access.html", {"email": email}, status=403)
        return render(self.request, "accounts/oidc_failed.html", status=400)


def logout_url(request) -> str | None:
    """The provider's end-session URL for a user who signed in through OIDC, else None."""
    id_token = request.session.get("oidc_id_token")
    if not id_token or not enabled():
        return None
    try:
        endpoint = setting("OIDC_OP_END_SESSION_ENDPOINT", None)
    except (ImproperlyConfigured, requests.RequestException):
        logger.warning("OIDC: the provider's end-session endpoint could not be read")
        return None
    if not endpoint:
        return None
    query = urlencode({"id_token_hint": id_token, "client_id": settings.OIDC_RP_CLIENT_ID,
                       "post_logout_redirect_uri": request.build_absolute_uri(reverse(settings.LOGOUT_REDIRECT_URL))})
    return f"{endpoint}?{query}"


def provider_logout(request) -> str:
    """``OIDC_OP_LOGOUT_URL_METHOD`` for the library's own /oidc/logout/."""
    return logout_url(request) or reverse(settings.LOGOUT_REDIRECT_URL)

