"""Cache keyed on the version of the data, so a cached value is never stale.

Every committed write to a model of the project's apps (and to users and API tokens)
moves one counter, the *data version*, kept in the shared cache (Redis in production, a
file cache under ``var/`` in the embedded installation, so the web server and the
Celery worker see the same counter). Values cached with :func:`cached` carry that
version in their key: after a write they are simply not found any more and are
recomputed; old entries expire on their own.

Writes that bypass model signals (``QuerySet.update``, ``bulk_create``, raw SQL) call
:func:`bump` themselves; so do the data-loading commands.

**Topics.** Besides that one counter (the *epoch*, moved by :func:`bump` without topics:
everything out of date), every kind of data has its own counter, a *topic* (:data:`TOPICS`,
:data:`MODEL_TOPICS`): a committed write moves only its model's topic. A value cached with
``topics=`` carries only those topics' counters in its key, so a comment or a membership
change leaves the dashboards and the cabinet report cached, while a status update or a
transition refreshes them. Without ``topics=`` a value depends on every topic (the safe
default). All counters are read in one round trip, once per request.

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

VERSION_KEY = "datacache:version"  # the epoch: every key holds it
TOPIC_KEY = "datacache:version:{}"
#: The kinds of data a cached value can depend on; a model's writes move one of them.
TOPICS = ("actions", "comments", "overlap", "plan", "monitoring", "indicators", "memberships", "users", "tokens",
          "imports", "other")
MODEL_TOPICS = {
    "actieplan.Comment": "comments",
    "actieplan.TermPosting": "overlap", "actieplan.ActionTermVector": "overlap", "actieplan.SimilarityPair": "overlap",
    **{f"actieplan.{m}": "plan" for m in ("Plan", "Chapter", "PlanItem", "PlanVersion", "PlanVersionContents",
                                           "PlanVersionAction", "Milestone", "Assignment", "SignOff")},
    "actieplan.ImportJob": "imports",
    "actieplan.ApiToken": "tokens",
    **{f"monitoring.{m}": "monitoring" for m in ("StatusUpdate", "ActionBaseline", "MonitoringSettings",
                                                  "ReminderPreference", "SentReminder")},
    "monitoring.Indicator": "indicators", "monitoring.Measurement": "indicators",
    "werkgroepen.Membership": "memberships", "auth.Group": "memberships", "auth.Permission": "memberships",
    "auth.User": "users", "werkgroepen.Profile": "users",
}
APP_TOPICS = {"actieplan": "actions", "werkgroepen": "actions", "monitoring": "monitoring", "authtoken": "tokens"}
#: What the monitoring pages show (dashboards, cabinet report, charts): the actions and their
#: vocabulary, the plan, progress reports, indicators and people's names and portfolios; not
#: comments, memberships, the overlap index, imports or tokens.
MONITORING_TOPICS = ("actions", "plan", "monitoring", "indicators", "users")


def user_scoped_topics(sees_everything: bool, topics=MONITORING_TOPICS) -> tuple:
    """``topics`` for a value computed from what one user may see: who sees every action (a
    coordinator) depends on ``topics`` only, anybody else also on memberships (a group's drafts)."""
    return tuple(topics) if sees_everything else (*topics, "memberships")
TRACKED_APPS = frozenset({"actieplan", "werkgroepen", "monitoring", "auth", "authtoken"})
NO_DELETE_SIGNAL = frozenset({
    "actieplan.TermPosting", "actieplan.ActionTermVector", "actieplan.SimilarityPair", "monitoring.SentReminder",
})
_MISSING = object()


def _cache():
    return caches[getattr(settings, "DATACACHE_ALIAS", "default")]


def enabled() -> bool:
    return getattr(settings, "DATACACHE_ENABLED", True)


def topic_of(model) -> str:
    """The topic a write to ``model`` moves."""
    meta = model._meta
    return MODEL_TOPICS.get(meta.label) or APP_TOPICS.get(meta.app_label, "other")


class _RequestMemo(threading.local):
    """The versions read once per web request (request_started/finished), never outside one."""

    active = False
    value = None


_memo = _RequestMemo()


def _request_started(**kwargs):
    _memo.active, _memo.value = True, None


def _request_finished(**kwargs):
    _memo.active, _memo.value = False, None


def version(topic: str | None = None) -> int:
    """The epoch (no topic) or one topic's version; read from the cache once per request."""
    return _versions()[topic or VERSION_KEY]


def _versions() -> dict:
    if _memo.active and _memo.value is not None:
        return _memo.value
    value = _read_versions()
    if _memo.active:
        _memo.value = value
    return value


def _keys() -> dict:
    return {VERSION_KEY: VERSION_KEY, **{topic: TOPIC_KEY.format(topic) for topic in TOPICS}}


def _read_versions() -> dict:
    cache = _cache()
    keys = _keys()
    found = cache.get_many(list(keys.values()))
    result = {}
    for name, key in keys.items():
        value = found.get(key)
        if value is None:
            # First use, or the cache was emptied: start from a fresh number so keys made
            # before the cache was emptied can never match again.
            value = int(time.time() * 1000)
            cache.add(key, value, timeout=None)
            value = cache.get(key, value)
        result[name] = value
    return result


def _read_version() -> int:
    return _read_versions()[VERSION_KEY]


def _increment(topics=None) -> None:
    """Move the epoch (``topics`` None: everything) or the given topics' versions."""
    _memo.value = None  # this request's next read sees its own write
    cache = _cache()
    keys = [VERSION_KEY] if topics is None else [TOPIC_KEY.format(t) for t in sorted(topics)]
    for key in keys:
        try:
            cache.incr(key)
        except ValueError:  # no version yet
            _read_versions()
            try:
                cache.incr(key)
            except ValueError:
                logger.warning("could not move the data version %s", key)


class _Pending:
    """The on-commit move of a transaction that has written: the topics it touched (None: all)."""

    def __init__(self):
        self.topics: set | None = set()

    def add(self, topics) -> None:
        if topics is None or self.topics is None:
            self.topics = None
        else:
            self.topics.update(topics)

    def __call__(self):
        _increment(self.topics)


def _in_transaction(conn) -> bool:
    """In a transaction that will commit. A test that runs inside Django's test transaction
    never commits: its writes behave as in autocommit mode (the version moves at once)."""
    return conn.in_atomic_block and not getattr(conn.atomic_blocks[0], "_from_testcase", False)


def _pending(conn) -> _Pending | None:
    """The current transaction's on-commit move, if it has written."""
    return next((func for _sids, func, _robust in conn.run_on_commit if isinstance(func, _Pending)), None)


def bump(using: str | None = None, topics=None) -> None:
    """Mark cached values as out of date, now or when the current transaction commits:
    all of them (no ``topics``), or those that depend on one of ``topics``."""
    if topics is not None:
        topics = {topics} if isinstance(topics, str) else set(topics)
    conn = transaction.get_connection(using)
    if not _in_transaction(conn):
        _increment(topics)
        return
    pending = _pending(conn)
    if pending is None:
        pending = _Pending()
        transaction.on_commit(pending, using=using)
    pending.add(topics)


def make_key(name: str, *parts: Any, topics=None) -> str:
    raw = "|".join(repr(p) for p in parts)
    digest = hashlib.blake2b(raw.encode(), digest_size=16).hexdigest()
    versions = _versions()
    chosen = TOPICS if topics is None else sorted(topics)
    stamp = ".".join(str(versions[t]) for t in chosen)
    return f"datacache:{name}:{versions[VERSION_KEY]}:{stamp}:{digest}"


def cached(name: str, *parts: Any, compute: Callable[[], T], timeout: int | None = None, topics=None) -> T:
    """``compute()``, cached under ``name``, ``parts`` and the data version.

    ``parts`` must name everything the value depends on besides the stored data: the
    user or their visibility scope, filters, and today's date where it matters.
    ``topics``: the kinds of stored data the value shows (:data:`TOPICS`); writes to
    other kinds leave it cached. Default: all of them.
    """
    if not enabled():
        return compute()
    conn = transaction.get_connection()
    if _in_transaction(conn) and _pending(conn):
        return compute()  # this transaction has written: its own reads bypass the cache
    cache = _cache()
    key = make_key(name, *parts, topics=topics)
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
    bump(using, topics=topic_of(sender))


def _on_m2m(sender, action, using=None, instance=None, model=None, **kwargs):
    if not action.startswith("post_"):
        return
    # The through table's topic, and those of both ends (an action's barriers: "actions").
    topics = {topic_of(m) for m in (sender, type(instance), model) if m is not None and _is_tracked(m)}
    if topics:
        bump(using, topics=topics)


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


__all__ = ["MONITORING_TOPICS", "TOPICS", "bump", "cached", "connect_signals", "enabled", "make_key", "topic_of",
           "version"]


def replace(name: str, *parts: Any, value: Any, timeout: int | None = None, topics=None) -> None:
    """Put a newer ``value`` where :func:`cached` keeps it (e.g. after a write that moves no
    version on purpose, such as a token's last use). Skipped where :func:`cached` would not cache."""
    if not enabled():
        return
    conn = transaction.get_connection()
    if _in_transaction(conn) and _pending(conn):
        return
    _cache().set(make_key(name, *parts, topics=topics), value, timeout if timeout is not None else settings.DATACACHE_TIMEOUT)
