"""Logins locked after too many wrong passwords (django-axes, werkgroepen/lockout.py):
the current lockouts, and unlocking one. Coordinators do this on
``/beveiliging/vergrendelingen/``.

A lockout is a username and address pair whose failures within the cool-off reach
``AXES_FAILURE_LIMIT``; it ends a cool-off after its last attempt, or when unlocked.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from actieplan.permissions import perms_for

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Lockout:
    attempt_id: int  # the latest attempt of the pair: what the unlock URL names
    username: str | None
    ip_address: str | None
    failures: int
    last_attempt: datetime
    until: datetime


def current_lockouts() -> list[Lockout]:
    """The locked pairs, the most recent first (one query)."""
    cool_off = get_cool_off()
    rows = (
        AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - cool_off)
        .values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"), attempt_id=Max("id"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("-last_attempt", "username")
    )
    return [
        Lockout(attempt_id=r["attempt_id"], username=r["username"], ip_address=r["ip_address"],
                failures=r["failures"], last_attempt=r["last_attempt"], until=r["last_attempt"] + cool_off)
        for r in rows
    ]


def lockout_for(attempt_id: int) -> Lockout | None:
    return next((lockout for lockout in current_lockouts() if lockout.attempt_id == attempt_id), None)


def lockout_release(*, lockout: Lockout, user) -> int:
    """Unlock the pair: forget its failed attempts. Returns how many records were removed.

    Only who may manage lockouts (coordinators) unlocks; the service refuses anyone else itself.
    """
    if not perms_for(user).can_manage_lockouts:
        raise PermissionDenied(_("Alleen een coördinator ontgrendelt aanmeldingen."))
    count, _per_model = AccessAttempt.objects.filter(username=lockout.username, ip_address=lockout.ip_address).delete()
    logger.warning("login of %r from %s unlocked by %s", lockout.username, lockout.ip_address, user.get_username())
    return count
