"""Redis (the shared cache) goes away: pages, the API and management commands keep working from
the database, the failure is logged once per minute, and after Redis is back nothing cached
before the outage is served again (issue 21, property 3). A real Redis process is killed."""

import logging
import shutil

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings
from rest_framework.test import APIClient

from common import datacache
from tests import factories as f
from tests.faults.redis_process import RedisProcess

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")


@pytest.fixture
def redis_cache():
    server = RedisProcess().start()
    caches = {"default": {"BACKEND": "config.redis_cache.RedisCache", "LOCATION": server.url,
                          "KEY_PREFIX": "faults"}}
    with override_settings(CACHES=caches):
        yield server
    server.cleanup()


def _warnings(caplog):
    return [r for r in caplog.records if r.name == "config.cache" and "unreachable" in r.getMessage()]


def test_pages_api_and_commands_work_while_redis_is_down(redis_cache, coordinator, member, caplog):
    cache.set("probe", 1)
    assert cache.get("probe") == 1
    redis_cache.kill()

    caplog.set_level(logging.WARNING, logger="config.cache")
    from django.test import Client

    page = Client()
    page.force_login(coordinator)
    for url in ("/", "/acties/", "/voortgang/"):
        assert page.get(url).status_code == 200, url

    token = APIClient().post("/api/v1/auth/token/", {"username": member.username, "password": f.PASSWORD},
                             format="json")
    assert token.status_code == 200
    api = APIClient(HTTP_AUTHORIZATION=f"Token {token.json()['token']}")
    assert api.get("/api/v1/actions/").status_code == 200
    assert api.get("/api/v1/actions/").status_code == 200  # throttling lets it through, uncounted

    call_command("load_reference", verbosity=0)  # bumps the data version: no crash
    assert cache.get("probe", "miss") == "miss"
    assert len(_warnings(caplog)) == 1  # logged once per minute, not per request


def test_after_the_outage_nothing_cached_before_it_is_served(redis_cache, coordinator, barrier):
    before = datacache.version()
    assert cache.get(datacache.VERSION_KEY) == before
    redis_cache.kill()
    datacache.bump()  # a write during the outage cannot move the version
    restarted = RedisProcess(port=redis_cache.port)
    try:
        restarted.start()
        # Redis kept its data in a real partition; simulate that by writing the old version back.
        cache.set(datacache.VERSION_KEY, before)
        assert datacache.version() != before
    finally:
        restarted.cleanup()


def test_a_redis_that_hangs_costs_at_most_half_a_second_per_operation(coordinator):
    """A listening socket that never answers: the connection opens, the reply never comes."""
    import socket
    import time

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)
    caches = {"default": {"BACKEND": "config.redis_cache.RedisCache",
                          "LOCATION": f"redis://127.0.0.1:{silent.getsockname()[1]}/0", "KEY_PREFIX": "faults"}}
    try:
        with override_settings(CACHES=caches):
            started = time.monotonic()
            assert cache.get("anything", "miss") == "miss"
            assert time.monotonic() - started < 1.5
    finally:
        silent.close()
