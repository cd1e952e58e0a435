"""Cache keyed on the version of the data, so a cached value is never stale.

Every committed write to a model of the project's apps (and to users and API tokens)
moves one counter, the *data version*, kept in the shared cache (Redis in production, a
file cache under ``var/`` in the embedded installation, so the web server and the
Celery worker see the same counter). Values cached with :func:`cached` carry that
version in their key: after a write they are simply not found any more and are
recomputed; old entries expire on their own.

Writes that bypass model signals (``QuerySet.update``, ``bulk_create``, raw SQL) call
:func:`bump` themselves; so do the data-loading commands.

A write in autocommit mode moves the counter at once. A write inside a transaction
moves it once, when the transaction commits (a 5,000-row import: one move, not tens of
thousands); until then the writing transaction itself reads past the cache, so it never
sees a value computed before its own writes, and other requests keep reading the
committed data they are allowed to cache. A rolled-back transaction moves nothing.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import transaction

logger = logging.getLogger(__name__)

T = TypeVar("T")

VERSION_KEY = "datacache:version"
TRACKED_APPS = frozenset({"actieplan", "werkgroepen", "monitoring", "auth", "authtoken"})
NO_DELETE_SIGNAL = frozenset({
    "actieplan.TermPosting", "actieplan.ActionTermVector", "actieplan.SimilarityPair", "monitoring.SentReminder",
})
_MISSING = object()


def _cache():
    return caches[getattr(settings, "DATACACHE_ALIAS", "default")]


def enabled() -> bool:
    return getattr(settings, "DATACACHE_ENABLED", True)


class _RequestMemo(threading.local):
    """The version read once per web request (request_started/finished), never outside one."""

    active = False
    value = None


_memo = _RequestMemo()


def _request_started(**kwargs):
    _memo.active, _memo.value = True, None


def _request_finished(**kwargs):
    _memo.active, _memo.value = False, None


def version() -> int:
    """The current data version; read from the cache once per request."""
    if _memo.active and _memo.value is not None:
        return _memo.value
    value = _read_version()
    if _memo.active:
        _memo.value = value
    return value


def _read_version() -> int:
    value = _cache().get(VERSION_KEY)
    if value is None:
        # First use, or the cache was emptied: start from a fresh number so keys made
        # before the cache was emptied can never match again.
        value = int(time.time() * 1000)
        _cache().add(VERSION_KEY, value, timeout=None)
        value = _cache().get(VERSION_KEY, value)
    return value


def _increment() -> None:
    _memo.value = None  # this request's next read sees its own write
    cache = _cache()
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # no version yet
        version()
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            logger.warning("could not move the data version")


def _in_transaction(conn) -> bool:
    """In a transaction that will commit. A test that runs inside Django's test transaction
    never commits: its writes behave as in autocommit mode (the version moves at once)."""
    return conn.in_atomic_block and not getattr(conn.atomic_blocks[0], "_from_testcase", False)


def _pending(conn) -> bool:
    """Whether the current transaction has written and will move the version when it commits."""
    return any(func is _increment for _sids, func, _robust in conn.run_on_commit)


def bump(using: str | None = None) -> None:
    """Mark all cached values as out of date: now, or when the current transaction commits."""
    conn = transaction.get_connection(using)
    if not _in_transaction(conn):
        _increment()
    elif not _pending(conn):
        transaction.on_commit(_increment, using=using)


def make_key(name: str, *parts: Any) -> str:
    raw = "|".join(repr(p) for p in parts)
    digest = hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
    return f"datacache:{name}:{version()}:{digest}"


def cached(name: str, *parts: Any, compute: Callable[[], T], timeout: int | None = None) -> T:
    """``compute()``, cached under ``name``, ``parts`` and the data version.

    ``parts`` must name everything the value depends on besides the stored data: the
    user or their visibility scope, filters, and today's date where it matters.
    """
    if not enabled():
        return compute()
    conn = transaction.get_connection()
    if _in_transaction(conn) and _pending(conn):
        return compute()  # this transaction has written: its own reads bypass the cache
    cache = _cache()
    key = make_key(name, *parts)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout if timeout is not None else settings.DATACACHE_TIMEOUT)
    return value


# --------------------------------------------------------------------------- signals
def _is_tracked(sender) -> bool:
    meta = getattr(sender, "_meta", None)
    if meta is None:
        return False
    return meta.app_label in TRACKED_APPS


# Saves that change nothing any cached value shows: the login time Django writes at every
# login would otherwise empty the cache for everybody each time someone signs in.
IGNORED_SAVES = {("auth.User", frozenset({"last_login"}))}


def _on_write(sender, using=None, update_fields=None, **kwargs):
    if not _is_tracked(sender):
        return
    if update_fields is not None and (sender._meta.label, frozenset(update_fields)) in IGNORED_SAVES:
        return
    bump(using)


def _on_m2m(sender, action, using=None, **kwargs):
    if action.startswith("post_") and (_is_tracked(sender) or _is_tracked(kwargs.get("model"))):
        bump(using)


def _on_migrate(sender, using=None, **kwargs):
    if sender.label in TRACKED_APPS:
        _increment()


def connect_signals() -> None:
    """Called once from an AppConfig.ready()."""
    from django.core.signals import request_finished, request_started
    from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

    request_started.connect(_request_started, dispatch_uid="datacache-request-started")
    request_finished.connect(_request_finished, dispatch_uid="datacache-request-finished")

    # Per model, not for every sender: a delete receiver on a model turns Django's one-statement
    # "fast delete" into fetching and signalling every row, so the large derived tables (the
    # overlap index, the reminder log) and the history tables get none; the code that empties
    # them in bulk calls bump() itself, and deleting an action signals through the action.
    for model in apps.get_models():
        label = model._meta.label
        if model._meta.app_label not in TRACKED_APPS or model.__name__.startswith("Historical"):
            continue
        post_save.connect(_on_write, sender=model, dispatch_uid=f"datacache-save-{label}")
        if label not in NO_DELETE_SIGNAL:
            post_delete.connect(_on_write, sender=model, dispatch_uid=f"datacache-delete-{label}")
    m2m_changed.connect(_on_m2m, dispatch_uid="datacache-m2m")
    post_migrate.connect(_on_migrate, dispatch_uid="datacache-migrate")


__all__ = ["bump", "cached", "connect_signals", "enabled", "make_key", "version"]


def replace(name: str, *parts: Any, value: Any, timeout: int | None = None) -> None:
    """Put a newer ``value`` where :func:`cached` keeps it (e.g. after a write that moves no
    version on purpose, such as a token's last use). Skipped where :func:`cached` would not cache."""
    if not enabled():
        return
    conn = transaction.get_connection()
    if _in_transaction(conn) and _pending(conn):
        return
    _cache().set(make_key(name, *parts), value, timeout if timeout is not None else settings.DATACACHE_TIMEOUT)
