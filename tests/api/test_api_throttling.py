"""The API's rate limits: per signed-in user and per address of anonymous callers, answered
with 429, ``Retry-After`` and a Dutch ``detail``; the rates come from the environment."""

from contextlib import contextmanager

import pytest
import time_machine
from django.conf import settings
from django.test import override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from tests import factories as f
from tests.settings_helpers import run_with_settings


@contextmanager
def rates(user="3/minute", anon="2/minute"):
    """These rates, at a frozen moment in the middle of a minute (the counts are per minute)."""
    now = timezone.now().replace(second=30)
    with time_machine.travel(now, tick=False), override_settings(
            REST_FRAMEWORK={**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"user": user, "anon": anon}}):
        yield


def token_client(user) -> APIClient:
    key = APIClient().post("/api/v1/auth/token/", {"username": user.username, "password": f.PASSWORD},
                           format="json").json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _assert_throttled(response):
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    assert response["Retry-After"] == "30"  # the rest of the minute
    assert response.json()["detail"] == "Te veel aanvragen. Probeer het opnieuw over 30 seconden."


def test_a_user_gets_429_with_retry_after_past_the_rate(member, coordinator):
    client = token_client(member)
    with rates(user="3/minute"):
        assert [client.get("/api/v1/barriers/").status_code for _ in range(3)] == [200] * 3
        _assert_throttled(client.get("/api/v1/barriers/"))
        _assert_throttled(client.get("/api/v1/actions/"))  # every endpoint counts for the same user
        # another user is not affected
        assert token_client(coordinator).get("/api/v1/barriers/").status_code == 200


def test_a_signed_in_browser_session_is_limited_too(client, member):
    client.force_login(member)
    with rates(user="2/minute"):
        assert client.get("/api/v1/barriers/").status_code == 200
        assert client.get("/api/v1/barriers/").status_code == 200
        _assert_throttled(client.get("/api/v1/barriers/"))


def test_anonymous_callers_are_limited_by_address(member):
    api = APIClient()
    body = {"username": "lid", "password": f.PASSWORD}
    with rates(anon="2/minute"):
        assert api.post("/api/v1/auth/token/", body, format="json").status_code == 200
        assert api.post("/api/v1/auth/token/", body, format="json",
                        HTTP_X_FORWARDED_FOR="192.0.2.1").status_code == 200
        # a forwarded-for header of the client's choosing is not a new address
        _assert_throttled(api.post("/api/v1/auth/token/", body, format="json", HTTP_X_FORWARDED_FOR="192.0.2.2"))
        # another address still gets through
        assert APIClient(REMOTE_ADDR="198.51.100.4").post("/api/v1/auth/token/", body,
                                                          format="json").status_code == 200


def test_html_pages_are_not_throttled(client, member):
    client.force_login(member)
    with rates(user="1/minute"):
        assert [client.get("/acties/").status_code for _ in range(3)] == [200] * 3


@pytest.mark.parametrize("rate", ["off", ""])
def test_a_rate_can_be_switched_off(member, rate):
    client = token_client(member)
    with rates(user=rate):
        assert {client.get("/api/v1/barriers/").status_code for _ in range(5)} == {200}


def test_an_unreachable_cache_lets_requests_through(member):
    from common.api.throttling import UserThrottle

    class Broken:
        def add(self, *args, **kwargs):
            raise ConnectionError("cache down")

        incr = set = add

    throttle = UserThrottle()
    throttle.cache = Broken()
    request = type("Request", (), {"user": member, "META": {"REMOTE_ADDR": "127.0.0.1"}})()
    assert throttle.allow_request(request, None) is True


def test_the_rates_come_from_the_environment():
    result = run_with_settings("from rest_framework.settings import api_settings as s\n"
                               "rates = s.DEFAULT_THROTTLE_RATES\n"
                               "print(rates['user'], rates['anon'], s.NUM_PROXIES)",
                               API_THROTTLE_USER="500/hour", API_THROTTLE_ANON="10/minute", TRUSTED_PROXY_COUNT="1")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "500/hour 10/minute 1"


def test_the_schema_documents_429_on_the_token_endpoint(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    assert "429" in schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]
