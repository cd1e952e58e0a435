"""Authentication by API token: ``Authorization: Token …`` (or ``Bearer …``).

Both kinds of ``ApiToken`` (``actieplan/api_tokens.py``) are looked up by the SHA-256 hash
of the key; only the hash is stored.

- Read-only tokens (``dnw_…``, ``ReadOnlyTokenAuthentication``) read what their user may
  read; any write (POST, PUT, PATCH, DELETE) is refused with 403.
- Login tokens of ``POST /api/v1/auth/token/`` (40 hex characters, as DRF's tokens were,
  ``CachedTokenAuthentication``) act with the user's full rights. An API client sends the
  same token with every request, so this look-up is cached under the data version.

A revoked token, or one whose user is inactive, answers 401 at once (revoking moves the data
version); an expired one answers 401 with its expiry date.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.utils import timezone
from django.utils.formats import date_format
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


def new_login_key() -> str:
    return secrets.token_hex(20)


def check_token(token) -> None:
    """Refuse a missing, revoked or expired token, or one of an inactive user (401, in Dutch)."""
    if token is None or token.revoked_at is not None or not token.user.is_active:
        raise exceptions.AuthenticationFailed(_("Dit API-token is ongeldig of ingetrokken."))
    if token.is_expired():
        raise exceptions.AuthenticationFailed(
            _("Dit API-token is verlopen op %(date)s. Vraag een nieuw token aan.")
            % {"date": date_format(timezone.localtime(token.expires_at), "j F Y H:i")}
        )


def touch(token) -> bool:
    """Record the last use, at most once a minute per token (no write per request)."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return False
    from actieplan.models import ApiToken

    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
    return True


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
            .filter(key_hash=hash_key(key), kind=ApiToken.Kind.READ_ONLY)
            .first()
        )
        check_token(token)
        if request.method not in SAFE_METHODS:
            raise exceptions.PermissionDenied(
                _("Dit API-token geeft enkel leestoegang: wijzigen, aanmaken of verwijderen kan er niet mee.")
            )
        touch(token)
        return token.user, token

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
    """The login tokens of ``POST /api/v1/auth/token/``, with the look-up kept in the data cache.

    An API client sends the same token with every request; the look-up is cached under
    the data version (common/datacache.py), so revoking a token or deactivating its user
    takes effect at once, and the expiry is checked on every request. The cached user
    leaves out the password hash (deferred), and the token's key itself is not stored: the
    cache key is a hash of it. When the last use is recorded (once a minute), the cached
    token is updated too, so a cache hit does not write again.
    """

    def authenticate_credentials(self, key):
        from common import datacache

        token = datacache.cached(CACHE_NAME, key, compute=lambda: _login_token(key), topics=TOKEN_TOPICS)
        check_token(token)
        if touch(token):
            datacache.replace(CACHE_NAME, key, value=token, topics=TOKEN_TOPICS)
        return token.user, token


CACHE_NAME = "api-login-token"
TOKEN_TOPICS = ("tokens", "users")  # the token row and its user: other writes leave the look-up cached


def _login_token(key: str):
    from actieplan.models import ApiToken

    return (
        ApiToken.objects.select_related("user").defer("user__password")
        .filter(key_hash=hash_key(key), kind=ApiToken.Kind.LOGIN)
        .first()
    )
