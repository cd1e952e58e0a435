"""Too many wrong passwords lock a username from an address (django-axes), on the login page,
the admin's login and ``POST /api/v1/auth/token/``: the right password is refused too until
the cool-off has passed, with a Dutch message that says from when one may try again."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import SESSION_KEY
from django.test import Client, override_settings
from django.utils import timezone
from rest_framework.test import APIClient

from actieplan.models import ApiToken
from tests import factories as f
from tests.settings_helpers import run_with_settings

LOGIN = "/accounts/login/"
ADMIN_LOGIN = "/admin/login/"
TOKEN = "/api/v1/auth/token/"
WRONG = "niet-het-wachtwoord"
LIMIT = 5  # the default AXES_FAILURE_LIMIT (LOGIN_FAILURE_LIMIT)
COOLOFF = timedelta(minutes=15)  # the default cool-off (LOGIN_COOLOFF_MINUTES)


def _login(client, path, username, password, **extra):
    return client.post(path, {"username": username, "password": password}, **extra)


def _token(api, username, password, **extra):
    return api.post(TOKEN, {"username": username, "password": password}, format="json", **extra)


def _assert_locked_page(response):
    assert response.status_code == 429
    html = response.content.decode()
    assert "Te veel mislukte aanmeldpogingen" in html
    assert re.search(r"opnieuw proberen vanaf \d\d:\d\d \(over 15 minuten\)", html), html
    assert 14 * 60 < int(response["Retry-After"]) <= 15 * 60


# --------------------------------------------------------------------------- the login page
def test_the_login_page_refuses_even_the_right_password_after_five_wrong_ones(member):
    client = Client()
    for _ in range(LIMIT - 1):
        response = _login(client, LOGIN, "lid", WRONG)
        assert response.status_code == 200 and "Voer een juiste" in response.content.decode()
    _assert_locked_page(_login(client, LOGIN, "lid", WRONG))  # the fifth locks
    response = _login(client, LOGIN, "lid", f.PASSWORD)
    _assert_locked_page(response)
    assert SESSION_KEY not in client.session  # not signed in


def test_thirty_wrong_passwords_are_not_all_answered(member):
    client = Client()
    statuses = [_login(client, LOGIN, "lid", WRONG).status_code for _ in range(30)]
    assert statuses[:LIMIT - 1] == [200] * (LIMIT - 1)
    assert set(statuses[LIMIT - 1:]) == {429}


def test_the_lock_is_for_that_username_from_that_address_only(member, coordinator):
    client = Client()
    for _ in range(LIMIT):
        _login(client, LOGIN, "lid", WRONG)
    # another user from the same address, and the same user from another address, sign in
    assert _login(Client(), LOGIN, "coordinator", f.PASSWORD).status_code == 302
    assert _login(Client(REMOTE_ADDR="198.51.100.20"), LOGIN, "lid", f.PASSWORD).status_code == 302


def test_a_forwarded_for_header_does_not_buy_new_attempts(member):
    """Without TRUSTED_PROXY_COUNT the client's own X-Forwarded-For is not its address."""
    client = Client()
    for n in range(LIMIT):
        _login(client, LOGIN, "lid", WRONG, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")
    _assert_locked_page(_login(client, LOGIN, "lid", f.PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.99"))


def test_after_the_cool_off_the_right_password_works_again(member):
    client = Client()
    for _ in range(LIMIT):
        _login(client, LOGIN, "lid", WRONG)
    with time_machine.travel(timezone.now() + timedelta(minutes=14)):
        _assert_locked_page(_login(client, LOGIN, "lid", f.PASSWORD))
    # a try during the lock starts the cool-off again
    with time_machine.travel(timezone.now() + timedelta(minutes=14) + COOLOFF + timedelta(seconds=5)):
        assert _login(client, LOGIN, "lid", f.PASSWORD).status_code == 302


def test_a_successful_login_forgets_earlier_failures(member):
    client = Client()
    for _ in range(LIMIT - 1):
        _login(client, LOGIN, "lid", WRONG)
    assert _login(client, LOGIN, "lid", f.PASSWORD).status_code == 302
    client.logout()
    for _ in range(LIMIT - 1):
        assert _login(client, LOGIN, "lid", WRONG).status_code == 200


@override_settings(AXES_FAILURE_LIMIT=2, AXES_COOLOFF_TIME=timedelta(minutes=30))
def test_limit_and_cool_off_follow_the_settings(member):
    client = Client()
    assert _login(client, LOGIN, "lid", WRONG).status_code == 200
    response = _login(client, LOGIN, "lid", WRONG)
    assert response.status_code == 429 and "(over 30 minuten)" in response.content.decode()


def test_limit_and_cool_off_come_from_the_environment():
    result = run_with_settings("from django.conf import settings as s\n"
                               "print(s.AXES_FAILURE_LIMIT, s.AXES_COOLOFF_TIME, s.AXES_LOCKOUT_PARAMETERS)",
                               LOGIN_FAILURE_LIMIT="3", LOGIN_COOLOFF_MINUTES="45")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "3 0:45:00 [['username', 'ip_address']]"


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                       "LOCATION": "redis://127.0.0.1:9/0"}})
def test_the_lock_holds_when_the_cache_is_unreachable(member):
    """Attempts are kept in the database, and the API's throttle lets requests through."""
    client, api = Client(), APIClient()
    for _ in range(LIMIT):
        _login(client, LOGIN, "lid", WRONG)
    _assert_locked_page(_login(client, LOGIN, "lid", f.PASSWORD))
    assert _token(api, "lid", f.PASSWORD).status_code == 429


# --------------------------------------------------------------------------- the admin's login
def test_the_admin_login_locks_too(db):
    admin = f.user("beheerder")
    admin.is_staff = admin.is_superuser = True
    admin.save()
    client = Client()
    for _ in range(LIMIT):
        _login(client, ADMIN_LOGIN, "beheerder", WRONG)
    response = _login(client, ADMIN_LOGIN, "beheerder", f.PASSWORD)
    _assert_locked_page(response)
    assert client.get("/admin/").status_code == 302  # still not signed in


# --------------------------------------------------------------------------- the API's token
def test_the_token_endpoint_locks_with_a_dutch_json_detail_and_retry_after(member):
    api = APIClient()
    for _ in range(LIMIT - 1):
        assert _token(api, "lid", WRONG).status_code == 400
    assert _token(api, "lid", WRONG).status_code == 429
    response = _token(api, "lid", f.PASSWORD)
    assert response.status_code == 429
    assert response["Content-Type"] == "application/json"
    detail = response.json()["detail"]
    assert re.search(r"Te veel mislukte aanmeldpogingen\. U kunt opnieuw proberen vanaf \d\d:\d\d", detail)
    assert 14 * 60 < int(response["Retry-After"]) <= 15 * 60
    assert not ApiToken.objects.exists()


def test_failures_on_the_page_and_in_the_api_count_together(member):
    client, api = Client(), APIClient()
    for _ in range(3):
        _login(client, LOGIN, "lid", WRONG)
    for _ in range(2):
        _token(api, "lid", WRONG)
    _assert_locked_page(_login(client, LOGIN, "lid", f.PASSWORD))


@pytest.mark.parametrize("body", [{"username": "lid"}, {"username": "", "password": ""}, {"password": "x"}])
def test_incomplete_requests_are_field_errors_and_count_as_no_attempt(member, body):
    api = APIClient()
    for _ in range(LIMIT + 1):
        assert api.post(TOKEN, body, format="json").status_code == 400
    assert _token(api, "lid", f.PASSWORD).status_code == 200
