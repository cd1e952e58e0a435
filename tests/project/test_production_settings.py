"""Production defaults (DEBUG off): HTTPS redirect, HSTS and secure cookies, each switchable by
the environment; the proxy's https header trusted only when configured; ``check --deploy``
clean; no caching of a signed-in user's pages; ``make run`` (DEBUG on) keeps serving http."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from rest_framework.test import APIClient

from tests import factories as f
from tests.settings_helpers import HOST, manage, run_with_settings

SETTINGS = """
import json
from django.conf import settings as s
print(json.dumps({name: getattr(s, name) for name in (
    "SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_PROXY_SSL_HEADER", "EMAIL_BACKEND", "EMAIL_HOST")}))
"""


def settings_of(**env) -> dict:
    result = run_with_settings(SETTINGS, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


# --------------------------------------------------------------------------- check --deploy
def test_check_deploy_finds_nothing_with_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


# --------------------------------------------------------------------------- the defaults
def test_production_defaults_to_https_hsts_and_secure_cookies():
    s = settings_of()
    assert s["SECURE_SSL_REDIRECT"] is True
    assert s["SESSION_COOKIE_SECURE"] is True and s["CSRF_COOKIE_SECURE"] is True
    assert s["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert s["SECURE_PROXY_SSL_HEADER"] is None


def test_each_can_be_switched_off_for_a_deployment_behind_a_tls_proxy():
    s = settings_of(SECURE_SSL_REDIRECT="false", SECURE_COOKIES="false", SECURE_HSTS_SECONDS="0",
                    SECURE_HSTS_INCLUDE_SUBDOMAINS="false")
    assert s["SECURE_SSL_REDIRECT"] is False
    assert s["SESSION_COOKIE_SECURE"] is False and s["CSRF_COOKIE_SECURE"] is False
    assert s["SECURE_HSTS_SECONDS"] == 0 and s["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False


def test_the_proxy_header_is_trusted_when_configured():
    assert settings_of(SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")["SECURE_PROXY_SSL_HEADER"] == [
        "HTTP_X_FORWARDED_PROTO", "https"]


@pytest.mark.parametrize("value,expected", [
    ("X-Forwarded-Proto", ("HTTP_X_FORWARDED_PROTO", "https")),
    ("true", ("HTTP_X_FORWARDED_PROTO", "https")),
    ("X-Forwarded-Ssl-Proto", ("HTTP_X_FORWARDED_SSL_PROTO", "https")),
    ("", None),
    (None, None),
    ("false", None),
])
def test_how_the_proxy_header_setting_is_read(value, expected):
    from config.settings import _proxy_ssl_header

    assert _proxy_ssl_header(value) == expected


def test_a_malformed_proxy_header_is_refused():
    from config.settings import _proxy_ssl_header

    with pytest.raises(ImproperlyConfigured, match="SECURE_PROXY_SSL_HEADER must be a header name"):
        _proxy_ssl_header("X-Forwarded-Proto: https")


def test_debug_turns_none_of_them_on():
    s = settings_of(DEBUG="true")
    assert s["SECURE_SSL_REDIRECT"] is False and s["SESSION_COOKIE_SECURE"] is False
    assert s["SECURE_HSTS_SECONDS"] == 0


def test_mail_goes_to_the_smtp_relay_only_when_one_is_named():
    assert settings_of()["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    s = settings_of(EMAIL_HOST="smtp.example.be")
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend" and s["EMAIL_HOST"] == "smtp.example.be"


# --------------------------------------------------------------------------- as a client sees it
REQUEST = """
from django.test import Client
r = Client().get("/api/v1/barriers/", HTTP_HOST="{host}", **{extra})
print(r.status_code, r.get("Location", "-"), r.get("Strict-Transport-Security", "-"))
"""


def _request(extra: dict, **env) -> str:
    result = run_with_settings(REQUEST.format(host=HOST, extra=extra), **env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_plain_http_is_redirected_even_if_the_client_claims_https():
    """Without SECURE_PROXY_SSL_HEADER a client's own X-Forwarded-Proto means nothing."""
    assert _request({}) == f"301 https://{HOST}/api/v1/barriers/ -"
    assert _request({"HTTP_X_FORWARDED_PROTO": "https"}) == f"301 https://{HOST}/api/v1/barriers/ -"


def test_behind_a_configured_proxy_https_requests_get_hsts():
    line = _request({"HTTP_X_FORWARDED_PROTO": "https"}, SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto")
    assert line == "401 - max-age=31536000; includeSubDomains"


def test_the_health_probe_answers_over_plain_http():
    result = run_with_settings('from django.test import Client\n'
                        f'print(Client().get("/health/", HTTP_HOST="{HOST}").status_code)')
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] in ("200", "503")  # not a redirect to https


def test_make_run_keeps_serving_plain_http(client, member):
    """The test settings are ``make run``'s (DEBUG on): no redirect, cookies without Secure."""
    response = client.post("/accounts/login/", {"username": "lid", "password": f.PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    assert not response.cookies["sessionid"]["secure"]
    assert client.get("/").status_code == 200


# --------------------------------------------------------------------------- Cache-Control
def test_pages_of_a_signed_in_user_are_private_and_not_stored(client, member):
    client.force_login(member)
    for url in ("/", "/acties/", "/api-tokens/", "/api/v1/actions/"):
        assert client.get(url)["Cache-Control"] == "private, no-store", url


def test_api_answers_to_a_token_are_private_and_not_stored(member):
    key = APIClient().post("/api/v1/auth/token/", {"username": "lid", "password": f.PASSWORD},
                           format="json").json()["token"]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/barriers/")["Cache-Control"] == "private, no-store"


def test_the_api_with_a_forced_user_is_private_too(member):
    api = APIClient()
    api.force_authenticate(member)
    assert api.get("/api/v1/barriers/")["Cache-Control"] == "private, no-store"


def test_static_files_stay_cacheable(client, member):
    client.force_login(member)
    static = client.get("/static/css/app.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")
