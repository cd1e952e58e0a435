"""API tokens: make (the key is returned once), list, revoke, expire.

Two kinds share one lifecycle. Read-only tokens (``dnw_…``) are made by a signed-in user
for another system, on the page API-tokens or in the API. Login tokens are handed out by
``POST /api/v1/auth/token/`` for a username and password and act with the user's full
rights. Only the SHA-256 hash of a key is stored. Every token is listed with its last use
(the owner sees theirs, coordinators everybody's), may be revoked by its owner or a
coordinator, is revoked when its user's password changes or the user is deactivated, and
stops working ``API_TOKEN_TTL_DAYS`` after it was made.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from actieplan.api.token_auth import hash_key, new_key, new_login_key
from actieplan.models import ApiToken, api_token_expiry
from actieplan.permissions import perms_for
from common import datacache

MAX_ACTIVE_TOKENS = 20
# Each POST /api/v1/auth/token/ hands out a new token (the key of an earlier one is not
# kept); past this many the oldest of the user's login tokens is revoked as replaced.
MAX_ACTIVE_LOGIN_TOKENS = 10
LOGIN_TOKEN_NAME = "Aanmelding via de API"


def active_tokens():
    return ApiToken.objects.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


def tokens_visible_to(user):
    qs = ApiToken.objects.select_related("user", "revoked_by").order_by("-created_at", "-id")
    return qs if perms_for(user).is_coordinator else qs.filter(user=user)


def can_revoke(user, token: ApiToken) -> bool:
    return token.user_id == user.pk or perms_for(user).is_coordinator


def api_token_create(*, user, name: str) -> tuple[ApiToken, str]:
    """Make a named read-only token for ``user``; returns it and its key (shown only now)."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Geef het token een naam, bv. het systeem dat het gebruikt.")})
    if len(name) > 100:
        raise ValidationError({"name": _("De naam is te lang (maximaal 100 tekens).")})
    if active_tokens().filter(user=user, kind=ApiToken.Kind.READ_ONLY).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError({"name": _("U hebt al %(n)s actieve tokens. Trek er eerst een in.") % {"n": MAX_ACTIVE_TOKENS}})
    return _make(user=user, kind=ApiToken.Kind.READ_ONLY, name=name, key=new_key())


def login_token_issue(*, user) -> tuple[ApiToken, str]:
    """A new login token for ``user`` (who just gave the right password); returns it and its key."""
    token, key = _make(user=user, kind=ApiToken.Kind.LOGIN, name=LOGIN_TOKEN_NAME, key=new_login_key())
    surplus = active_tokens().filter(user=user, kind=ApiToken.Kind.LOGIN).order_by("-created_at", "-id")
    surplus_ids = list(surplus.values_list("pk", flat=True)[MAX_ACTIVE_LOGIN_TOKENS:])
    if surplus_ids:
        _revoke(ApiToken.objects.filter(pk__in=surplus_ids), reason=ApiToken.RevokedReason.REPLACED)
    return token, key


def _make(*, user, kind: str, name: str, key: str) -> tuple[ApiToken, str]:
    token = ApiToken(user=user, kind=kind, name=name, key_hash=hash_key(key), prefix=key[:8],
                     expires_at=api_token_expiry())
    token.full_clean(exclude=["last_used_at", "revoked_at", "revoked_by", "revoked_reason"])
    token.save()
    return token, key


def api_token_revoke(*, token: ApiToken, user) -> ApiToken:
    if not can_revoke(user, token):
        raise PermissionDenied(_("U mag dit token niet intrekken."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = user
        token.revoked_reason = ApiToken.RevokedReason.BY_USER
        token.save(update_fields=["revoked_at", "revoked_by", "revoked_reason"])
    return token


def _revoke(tokens, *, reason: str) -> int:
    count = tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now(), revoked_reason=reason)
    if count:
        datacache.bump(topics="tokens")  # a cached token look-up (actieplan/api/token_auth.py) must not outlive it
    return count


def revoke_on_credential_change(sender, instance, created, **kwargs):
    """``post_save`` of the user model: a new password or a deactivation revokes every token.

    A security rule that must hold however the user was changed (the admin, ``changepassword``,
    a service), hence a signal. ``_password`` is what ``set_password()`` leaves for
    ``AbstractBaseUser.save()`` to announce the change to the password validators.
    """
    if created:
        return
    if not instance.is_active:
        _revoke(ApiToken.objects.filter(user=instance), reason=ApiToken.RevokedReason.DEACTIVATED)
    elif getattr(instance, "_password", None) is not None:
        _revoke(ApiToken.objects.filter(user=instance), reason=ApiToken.RevokedReason.PASSWORD_CHANGED)
