"""Read-only API tokens: make (the key is returned once), list, revoke.

Every signed-in user may make tokens for themselves; the owner and coordinators revoke
them; coordinators see everybody's tokens. Only the SHA-256 hash of a key is stored.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from actieplan.api.token_auth import hash_key, new_key
from actieplan.models import ApiToken
from actieplan.permissions import perms_for

MAX_ACTIVE_TOKENS = 20


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
    if ApiToken.objects.filter(user=user, revoked_at__isnull=True).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError({"name": _("U hebt al %(n)s actieve tokens. Trek er eerst een in.") % {"n": MAX_ACTIVE_TOKENS}})
    key = new_key()
    token = ApiToken(user=user, name=name, key_hash=hash_key(key), prefix=key[:8])
    token.full_clean(exclude=["last_used_at", "revoked_at", "revoked_by"])
    token.save()
    return token, key


def api_token_revoke(*, token: ApiToken, user) -> ApiToken:
    if not can_revoke(user, token):
        raise PermissionDenied(_("U mag dit token niet intrekken."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.revoked_by = user
        token.save(update_fields=["revoked_at", "revoked_by"])
    return token
