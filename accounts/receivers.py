"""What the audit log learns from the rest of the application, connected in ``AccountsConfig.ready``."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save, pre_save

from accounts import audit
from accounts.models import AuditEntry
from werkgroepen.signals import user_deactivated

Event = AuditEntry.Event


def on_login(sender, request, user, **kwargs):
    from accounts.services import invitations_accept_on_login

    backend = getattr(user, "backend", "") or ""
    how = "OIDC" if "oidc" in backend.lower() else ""
    audit.record(Event.LOGIN, actor=user, subject=user, request=request, detail=how)
    invitations_accept_on_login(user=user, request=request)


def on_logout(sender, request, user, **kwargs):
    if user is not None and user.is_authenticated:
        audit.record(Event.LOGOUT, actor=user, subject=user, request=request)


def on_login_failed(sender, credentials, request=None, **kwargs):
    username = credentials.get("username") or ""
    if not username:
        return  # an OIDC callback: its view records the outcome (accounts.oidc.CallbackView)
    subject = get_user_model().objects.filter(username=username).first()
    audit.record(Event.LOGIN_FAILED, subject=subject, username=username, request=request)


def on_deactivated(sender, user, by=None, **kwargs):
    audit.record(Event.DEACTIVATED, actor=by, subject=user)


def remember_revocation(sender, instance, **kwargs):
    """``pre_save`` of an API token: was it revoked before this save?"""
    if instance.pk:
        instance._was_revoked = type(instance).objects.filter(pk=instance.pk, revoked_at__isnull=False).exists()


def on_token_saved(sender, instance, created, **kwargs):
    if created:
        audit.record(Event.TOKEN_CREATED, actor=instance.user, subject=instance.user, detail=instance.name)
    elif instance.revoked_at and not getattr(instance, "_was_revoked", True):
        audit.record(Event.TOKEN_REVOKED, actor=instance.revoked_by, subject=instance.user, detail=instance.name)


def on_membership_history(sender, instance, history_instance, **kwargs):
    """A membership added, changed or removed outside the page Gebruikers (a chair on the group
    page, the admin): who changed whose rights, before → after."""
    from accounts import roles

    if roles.applying.get():
        return  # the page Gebruikers / the API write one entry with the whole before → after
    if instance.user_id in _users_being_deleted:
        return  # a user removed from the shell: nothing may point to them any more
    kind = history_instance.history_type  # "+", "~" or "-"
    previous = history_instance.prev_record if kind == "~" else None
    group = {"working_group": instance.working_group_id, "name": str(instance.working_group)}
    before = None if kind == "+" else {"memberships": [{**group, "role": (previous or instance).role}]}
    after = None if kind == "-" else {"memberships": [{**group, "role": instance.role}]}
    if before == after:
        return
    audit.record(Event.MEMBERSHIP_CHANGED, actor=history_instance.history_user, subject=instance.user,
                 before=before, after=after)


_users_being_deleted: set = set()


def user_pre_delete(sender, instance, **kwargs):
    _users_being_deleted.add(instance.pk)


def user_post_delete(sender, instance, **kwargs):
    _users_being_deleted.discard(instance.pk)


def connect():
    from django.db.models.signals import post_delete, pre_delete
    from simple_history.signals import post_create_historical_record

    from actieplan.models import ApiToken
    from werkgroepen.models import Membership

    user_model = get_user_model()
    pre_delete.connect(user_pre_delete, sender=user_model, dispatch_uid="accounts_user_pre_delete")
    post_delete.connect(user_post_delete, sender=user_model, dispatch_uid="accounts_user_post_delete")
    post_create_historical_record.connect(on_membership_history, sender=Membership.history.model,
                                          dispatch_uid="accounts_membership_history")

    user_logged_in.connect(on_login, dispatch_uid="accounts_login")
    user_logged_out.connect(on_logout, dispatch_uid="accounts_logout")
    user_login_failed.connect(on_login_failed, dispatch_uid="accounts_login_failed")
    user_deactivated.connect(on_deactivated, dispatch_uid="accounts_deactivated")
    pre_save.connect(remember_revocation, sender=ApiToken, dispatch_uid="accounts_token_pre")
    post_save.connect(on_token_saved, sender=ApiToken, dispatch_uid="accounts_token_post")
