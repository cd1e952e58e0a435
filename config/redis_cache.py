"""Django's Redis cache, made for a service that must keep working when Redis is away.

* One Redis client per connection pool instead of one per call
  (``RedisCacheClient.get_client`` builds a new ``redis.Redis`` for every operation in
  Django's version; with two or three cache reads per API request that was measurable).
* **Redis down is a miss, not an error.** Every operation that cannot reach Redis answers
  as if the key were absent (``get`` → default, ``add``/``set``/``delete`` → ``False``,
  ``incr`` → ``ValueError`` as for a missing key), so pages, the API (token endpoint and
  throttling included) and management commands go on from the database, slower. The
  failure is logged once per minute, not per request. Connect and read time-outs are
  short, so an unreachable host costs at most half a second per request.
* After an outage the first successful operation forgets the data version
  (``common.datacache``): writes made while Redis was away could not move it, so values
  cached before the outage must never be served again.
"""

from __future__ import annotations

import functools
import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("config.cache")

#: Errors that mean "Redis is not there" (refused, reset, time-out, DNS), not a programming error.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError, OSError)
LOG_INTERVAL = 60.0
TIMEOUT_SECONDS = 0.5


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, servers, **options):
        options.setdefault("socket_connect_timeout", TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", TIMEOUT_SECONDS)
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class _Outage:
    """Whether Redis failed since the last success, and when that was last logged (per process)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.down = False
        self.logged_at = 0.0

    def failed(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        with self.lock:
            self.down = True
            if now - self.logged_at < LOG_INTERVAL:
                return
            self.logged_at = now
        logger.warning("Cache (Redis) unreachable during %s: %s; answering from the database", operation, error)

    def recovered(self) -> bool:
        """True once, for the first success after a failure."""
        if not self.down:
            return False
        with self.lock:
            was_down, self.down = self.down, False
        if was_down:
            logger.warning("Cache (Redis) reachable again")
        return was_down


def _tolerant(miss):
    """Run the cache operation; when Redis is unreachable, log (rate-limited) and return ``miss()``."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                result = method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                self._outage.failed(method.__name__, error)
                return miss()
            if self._outage.recovered():
                self._forget_data_version()
            return result

        return wrapper

    return decorate


def _raise_missing():
    raise ValueError("cache unavailable")


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._outage = _Outage()

    def _forget_data_version(self) -> None:
        from common import datacache

        try:
            super().delete(datacache.VERSION_KEY)
        except UNAVAILABLE as error:  # gone again: the next success tries once more
            self._outage.failed("delete", error)

    def get(self, key, default=None, version=None):
        try:
            result = super().get(key, default, version)
        except UNAVAILABLE as error:
            self._outage.failed("get", error)
            return default
        if self._outage.recovered():
            self._forget_data_version()
        return result

    add = _tolerant(lambda: False)(DjangoRedisCache.add)
    set = _tolerant(lambda: False)(DjangoRedisCache.set)
    touch = _tolerant(lambda: False)(DjangoRedisCache.touch)
    delete = _tolerant(lambda: False)(DjangoRedisCache.delete)
    has_key = _tolerant(lambda: False)(DjangoRedisCache.has_key)
    get_many = _tolerant(dict)(DjangoRedisCache.get_many)
    set_many = _tolerant(list)(DjangoRedisCache.set_many)
    delete_many = _tolerant(lambda: None)(DjangoRedisCache.delete_many)
    clear = _tolerant(lambda: False)(DjangoRedisCache.clear)
    incr = _tolerant(_raise_missing)(DjangoRedisCache.incr)
