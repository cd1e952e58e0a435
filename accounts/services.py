"""Changes to accounts: invite, accept, change rights, deactivate and reactivate, anonymise.

Each service checks nothing about who may call it (the views and the API do, through
``actieplan.permissions``), changes the data and writes the audit entry.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import audit, oidc, roles
from accounts.models import AuditEntry, Invitation
from werkgroepen.services import user_deactivate

Event = AuditEntry.Event
User = get_user_model()


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


# --------------------------------------------------------------------------- status
def user_status(user) -> str:
    """"gedeactiveerd", "uitgenodigd" (never signed in, an invitation open) or "actief"."""
    if not user.is_active:
        return "deactivated"
    if user.last_login is None and any(i.status == Invitation.Status.PENDING for i in user.invitations.all()):
        return "invited"
    return "active"


STATUS_LABELS = {"active": _("actief"), "invited": _("uitgenodigd"), "deactivated": _("gedeactiveerd")}


# --------------------------------------------------------------------------- invitations
def email_taken(email: str, *, exclude=None) -> bool:
    qs = User.objects.filter(email__iexact=email.strip())
    if exclude is not None:
        qs = qs.exclude(pk=exclude.pk)
    return qs.exists()


def user_create(*, by, username: str = "", first_name: str, last_name: str, email: str, role: str,
                memberships: dict, policy_domains, request=None):
    """A new account with these rights and no password yet (it comes with the invitation)."""
    email = email.strip()
    username = (username or email).strip().lower()
    if email_taken(email):
        raise ValidationError({"email": _("Er bestaat al een gebruiker met dit e-mailadres.")})
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Deze gebruikersnaam bestaat al.")})
    with transaction.atomic():
        user = User(username=username, first_name=first_name.strip(), last_name=last_name.strip(), email=email)
        user.set_unusable_password()
        user.full_clean(exclude=["password"])
        user.save()
        roles.apply(user=user, role=role, memberships=memberships, policy_domains=policy_domains)
        audit.record(Event.ROLES_CHANGED, actor=by, subject=user, request=request,
                     before=None, after=roles.snapshot(user), detail=_("Account aangemaakt"))
    return user


def user_invite(*, by, request=None, **fields):
    """Create the account and send the invitation: returns the user."""
    with transaction.atomic():
        user = user_create(by=by, request=request, **fields)
        invitation_send(user=user, by=by, request=request)
    return user


def invitation_send(*, user, by, request=None) -> Invitation:
    """A new one-time link for ``user`` by e-mail; an open earlier one stops working (resend)."""
    if not user.is_active:
        raise ValidationError(_("Een gedeactiveerde gebruiker kan niet worden uitgenodigd."))
    key = secrets.token_urlsafe(32)
    now = timezone.now()
    with transaction.atomic():
        Invitation.objects.filter(user=user, accepted_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
        invitation = Invitation.objects.create(
            user=user, key_hash=hash_key(key), invited_by=by if getattr(by, "is_authenticated", False) else None,
            created_at=now, expires_at=now + timedelta(days=settings.INVITATION_TTL_DAYS),
        )
        audit.record(Event.INVITATION_SENT, actor=by, subject=user, request=request,
                     detail=_("Geldig tot %(date)s") % {"date": timezone.localtime(invitation.expires_at).strftime("%d/%m/%Y %H:%M")})
        transaction.on_commit(lambda: _send_invitation_mail(invitation, key))
    invitation.key = key  # only in memory, for the caller that sends it some other way (tests)
    return invitation


def _send_invitation_mail(invitation: Invitation, key: str) -> None:
    user = invitation.user
    context = {
        "user": user,
        "invited_by": invitation.invited_by,
        "link": settings.SITE_URL.rstrip("/") + reverse("invitation_accept", kwargs={"key": key}),
        "expires_at": invitation.expires_at,
        "oidc_enabled": oidc.enabled(),
        "local_login": settings.LOCAL_LOGIN,
    }
    subject = " ".join(render_to_string("emails/invitation_subject.txt", context).split())
    text = render_to_string("emails/invitation.txt", context)
    html = render_to_string("emails/invitation.html", context)
    message = EmailMultiAlternatives(subject, text, None, [user.email])
    message.attach_alternative(html, "text/html")
    message.send()


def invitation_for_key(key: str) -> Invitation | None:
    """The invitation of this link, whatever its state (None: no such link)."""
    return Invitation.objects.select_related("user").filter(key_hash=hash_key(key or "")).first()


def invitation_usable(invitation: Invitation | None) -> bool:
    return invitation is not None and invitation.status == Invitation.Status.PENDING and invitation.user.is_active


def invitation_revoke(*, invitation: Invitation, by, request=None) -> bool:
    if invitation.status != Invitation.Status.PENDING:
        return False
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit.record(Event.INVITATION_REVOKED, actor=by, subject=invitation.user, request=request)
    return True


def invitation_accept(*, invitation: Invitation, password: str | None = None, request=None) -> None:
    """Use the link once: set the password (local login) and close every open invitation."""
    with transaction.atomic():
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation_usable(locked):
            raise ValidationError(_("Deze uitnodiging is niet meer geldig."))
        user = locked.user
        if password is not None:
            user.set_password(password)
            user.save(update_fields=["password"])
        now = timezone.now()
        Invitation.objects.filter(user=user, accepted_at__isnull=True, revoked_at__isnull=True).update(accepted_at=now)
        audit.record(Event.INVITATION_ACCEPTED, actor=user, subject=user, request=request)


def invitations_accept_on_login(*, user, request=None) -> None:
    """A first sign-in (e.g. through OIDC) accepts the open invitation of that person."""
    now = timezone.now()
    count = Invitation.objects.filter(user=user, accepted_at__isnull=True, revoked_at__isnull=True,
                                      expires_at__gt=now).update(accepted_at=now)
    if count:
        audit.record(Event.INVITATION_ACCEPTED, actor=user, subject=user, request=request,
                     detail=_("Bij de eerste aanmelding"))


# --------------------------------------------------------------------------- rights
def user_set_roles(*, user, by, role: str, memberships: dict, policy_domains, request=None) -> bool:
    """Give ``user`` these rights; the audit log keeps before → after. False: nothing changed."""
    with transaction.atomic():
        before = roles.snapshot(user)
        roles.apply(user=user, role=role, memberships=memberships, policy_domains=policy_domains)
        after = roles.snapshot(user)
        if before == after:
            return False
        audit.record(Event.ROLES_CHANGED, actor=by, subject=user, request=request, before=before, after=after)
    return True


def user_update_details(*, user, by, first_name=None, last_name=None, email=None, request=None) -> None:
    changes = {}
    if email is not None and email.strip() != user.email:
        if email_taken(email, exclude=user):
            raise ValidationError({"email": _("Er bestaat al een gebruiker met dit e-mailadres.")})
        changes["email"] = (user.email, email.strip())
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if value is not None and value.strip() != getattr(user, field):
            changes[field] = (getattr(user, field), value.strip())
    if not changes:
        return
    for field, (_old, new) in changes.items():
        setattr(user, field, new)
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(changes))
    if "email" in changes:  # the address decides who an OIDC sign-in is: keep who changed it
        audit.record(Event.ROLES_CHANGED, actor=by, subject=user, request=request,
                     before={"email": changes["email"][0]}, after={"email": changes["email"][1]},
                     detail=_("E-mailadres gewijzigd"))


def account_deactivate(*, user, by, request=None) -> bool:
    """Deactivate (never delete): sessions and API tokens end at once. The audit entry is
    written by the receiver of ``user_deactivated`` (also for the admin's action)."""
    if by is not None and by.pk == user.pk:
        raise ValidationError(_("U kunt uzelf niet deactiveren."))
    return user_deactivate(user=user, by=by)


def account_reactivate(*, user, by, request=None) -> bool:
    if user.is_active:
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit.record(Event.REACTIVATED, actor=by, subject=user, request=request)
    return True


# --------------------------------------------------------------------------- personal data
def user_anonymise(*, user, by=None) -> None:
    """Erase the name, e-mail and phone of a deactivated person (GDPR request); the records
    of the process (actions, comments, decisions, audit) stay, naming "Geanonimiseerde gebruiker"."""
    if user.is_active:
        raise ValidationError(_("Alleen een gedeactiveerde gebruiker kan worden geanonimiseerd."))
    with transaction.atomic():
        old_username = user.username
        user.username = f"geanonimiseerd-{user.pk}"
        user.first_name = _("Geanonimiseerde")
        user.last_name = _("gebruiker")
        user.email = ""
        user.set_unusable_password()
        user.save()
        from werkgroepen.models import Profile

        Profile.objects.filter(user=user).update(function_title="")
        AuditEntry.objects.filter(username__iexact=old_username).update(username=user.username)
        Invitation.objects.filter(user=user).delete()
        audit.record(Event.ANONYMISED, actor=by, subject=user)
