"""Read-only API tokens: ``Authorization: Token dnw_…`` (or ``Bearer dnw_…``).

Only a SHA-256 hash of the key is stored; the key is shown once when it is made. A token
reads what its user may read; any write (POST, PUT, PATCH, DELETE) is refused with 403.
Keys of DRF's own tokens (40 hex characters, no ``dnw_`` prefix) are left to
``TokenAuthentication``, so this class goes first in ``DEFAULT_AUTHENTICATION_CLASSES``.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, TokenAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS

KEY_PREFIX = "dnw_"
KEYWORDS = (b"token", b"bearer")
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def new_key() -> str:
    return KEY_PREFIX + secrets.token_urlsafe(32)


class ReadOnlyTokenAuthentication(BaseAuthentication):
    keyword = "Token"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if len(parts) != 2 or parts[0].lower() not in KEYWORDS:
            return None
        try:
            key = parts[1].decode("ascii")
        except UnicodeError:
            return None
        if not key.startswith(KEY_PREFIX):
            return None  # a DRF token: TokenAuthentication's turn
        from actieplan.models import ApiToken

        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_key(key), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Dit API-token is ongeldig of ingetrokken."))
        if request.method not in SAFE_METHODS:
            raise exceptions.PermissionDenied(
                _("Dit API-token geeft enkel leestoegang: wijzigen, aanmaken of verwijderen kan er niet mee.")
            )
        self._touch(token)
        return token.user, token

    @staticmethod
    def _touch(token) -> None:
        """Record the last use, at most once a minute per token (no write per request)."""
        now = timezone.now()
        if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
            return
        from actieplan.models import ApiToken

        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now

    def authenticate_header(self, request):
        return self.keyword


class ReadOnlyTokenScheme(OpenApiAuthenticationExtension):
    target_class = "actieplan.api.token_auth.ReadOnlyTokenAuthentication"
    name = "readOnlyTokenAuth"
    priority = 1

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": str(
                _("Alleen-lezen API-token, te maken op de pagina API-tokens: `Token dnw_…`. Schrijven geeft 403.")
            ),
        }


class CachedTokenAuthentication(TokenAuthentication):
    """DRF's token authentication with the token → user look-up kept in the data cache.

    An API client sends the same token with every request; the look-up is cached under
    the data version (config/datacache.py), so deleting a token or deactivating its user
    takes effect at once. The cached user leaves out the password hash (deferred), and
    the token's key itself is not stored: the cache key is a hash of it.
    """

    def authenticate_credentials(self, key):
        from config import datacache

        def lookup():
            return get_user_model().objects.defer("password").filter(auth_token__key=key).first()

        user = datacache.cached("drf-token-user", key, compute=lookup)
        if user is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        if not user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        return user, self.get_model()(key=key, user=user)
