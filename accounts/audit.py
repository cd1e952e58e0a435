"""Writing and reading the audit log of access (one place for both)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEntry

Event = AuditEntry.Event


def _ip(request) -> str | None:
    if request is None:
        return None
    from werkgroepen.lockout import client_ip

    try:
        return client_ip(request) or None
    except Exception:  # a request without META (a test's fake request)
        return None


def record(event: str, *, actor=None, subject=None, username: str = "", request=None,
           before=None, after=None, detail: str = "") -> AuditEntry:
    """Write one audit entry. ``actor`` did it, ``subject`` is whose access or rights it is about."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if not username and subject is not None:
        username = subject.get_username()
    return AuditEntry.objects.create(
        event=event, actor=actor, subject=subject, username=(username or "")[:254], ip_address=_ip(request),
        before=before, after=after, detail=(detail or "")[:300],
    )


def describe(data) -> str:
    """A snapshot of rights (``accounts.roles.snapshot``) or changed fields as one Dutch line."""
    if not data:
        return ""
    from accounts.roles import Role

    parts = []
    if "role" in data:
        try:
            parts.append(_("rol: %(role)s") % {"role": Role(data["role"]).label})
        except ValueError:
            parts.append(_("rol: %(role)s") % {"role": data["role"]})
    if "memberships" in data:
        groups = ", ".join(f"{m.get('name', m.get('working_group'))} ({_role_label(m.get('role'))})"
                           for m in data["memberships"]) or "—"
        parts.append(_("werkgroepen: %(groups)s") % {"groups": groups})
    if data.get("policy_domain_names"):
        parts.append(_("beleidsdomeinen: %(domains)s") % {"domains": ", ".join(data["policy_domain_names"])})
    for key, label in (("email", _("e-mailadres")), ("is_active", _("actief"))):
        if key in data:
            parts.append(f"{label}: {data[key]}")
    return "; ".join(parts)


def _role_label(role) -> str:
    from werkgroepen.models import Membership

    try:
        return str(Membership.Role(role).label)
    except ValueError:
        return str(role)


def entries(*, event: str = "", person: str = "", date_from=None, date_to=None):
    """The log, newest first, filtered as on the page /audit/ and in its export."""
    qs = AuditEntry.objects.select_related("actor", "subject")
    if event:
        qs = qs.filter(event=event)
    if person:
        qs = qs.filter(
            Q(username__icontains=person) | Q(subject__username__icontains=person)
            | Q(subject__last_name__icontains=person) | Q(subject__first_name__icontains=person)
            | Q(actor__username__icontains=person) | Q(actor__last_name__icontains=person)
        )
    if date_from:
        qs = qs.filter(created_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(created_at__date__lte=date_to)
    return qs


def purge(*, now=None) -> int:
    """Delete the entries older than ``AUDIT_RETENTION_DAYS``; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AUDIT_RETENTION_DAYS)
    deleted, _ = AuditEntry.objects.filter(created_at__lt=cutoff).delete()
    return deleted
