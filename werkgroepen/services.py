"""Services of the base app: changes to users and their roles that other code calls."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from werkgroepen.signals import user_deactivated

SESSION_USER_KEY = "_auth_user_id"


def user_deactivate(*, user, by=None) -> bool:
    """Deactivate ``user`` instead of deleting them; returns False when they already were.

    Everything the person wrote (actions, comments, status changes, decisions, imports,
    history) keeps them as its author; pages show them as "Naam (gedeactiveerd)". They can
    no longer sign in, their open sessions end, and ``user_deactivated`` lets the other
    apps end the rest of their access.
    """
    with transaction.atomic():
        locked = get_user_model().objects.select_for_update().get(pk=user.pk)
        if not locked.is_active:
            return False
        locked.is_active = False
        locked.save(update_fields=["is_active"])
        user.is_active = False
        end_sessions(user=locked)
        user_deactivated.send(sender=type(locked), user=locked, by=by)
    return True


def end_sessions(*, user) -> int:
    """Delete every stored session of ``user``; returns how many.

    Works for the database session engines (``db``, ``cached_db``), whose sessions can be
    listed. Other engines cannot be searched by user; there Django's authentication backend
    already refuses the sessions of an inactive user on their next request.
    """
    engine = import_module(settings.SESSION_ENGINE)
    store_class = engine.SessionStore
    if not hasattr(store_class, "get_model_class"):
        return 0
    model = store_class.get_model_class()
    wanted = str(user.pk)
    ended = []
    sessions = model.objects.filter(expire_date__gt=timezone.now()).only("session_key", "session_data")
    for session in sessions.iterator():
        if str(session.get_decoded().get(SESSION_USER_KEY)) == wanted:
            ended.append(session.session_key)
    for key in ended:
        store_class(session_key=key).delete()  # also clears the cached copy with cached_db
    return len(ended)
