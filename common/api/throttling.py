"""Rate limits of the API: per signed-in user and per address of anonymous callers.

DRF's throttles keep a list of every request's time per client in the cache, which at a
limit of a thousand requests a minute means reading and writing a list of a thousand
numbers on every request. These count per fixed window instead (one ``add`` and one
``incr``, atomic on Redis). The rates come from ``REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]``
(``API_THROTTLE_USER``, ``API_THROTTLE_ANON``; ``off`` switches one off), read when the
throttle is made, so a changed setting applies at once. A throttled request gets 429 with
``Retry-After`` and a Dutch ``detail`` (``actieplan.api.errors``).

If the cache cannot be reached the request is let through (and logged): a cache outage must
not take the API down with it.
"""

from __future__ import annotations

import logging

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

logger = logging.getLogger(__name__)

OFF = {"", "off", "none", "0"}


class FixedWindowMixin:
    def get_rate(self):
        rate = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        return None if rate is None or str(rate).strip().lower() in OFF else rate

    def allow_request(self, request, view):
        if self.rate is None:
            return True
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_end = (window + 1) * self.duration
        key = f"{key}_{window}"
        try:
            self.cache.add(key, 0, self.duration + 1)
            try:
                count = self.cache.incr(key)
            except ValueError:  # the entry expired between add and incr
                self.cache.set(key, 1, self.duration + 1)
                count = 1
        except Exception:  # noqa: BLE001 — any cache failure: let the request through
            logger.warning("API throttle: cache unreachable, request not counted", exc_info=True)
            return True
        return count <= self.num_requests

    def wait(self):
        return max(1.0, self.window_end - self.now)


class UserThrottle(FixedWindowMixin, UserRateThrottle):
    """Signed-in users, by user; anonymous callers by address (as DRF's ``UserRateThrottle``)."""


class AnonThrottle(FixedWindowMixin, AnonRateThrottle):
    """Anonymous callers (the token endpoint, the schema), by address."""
