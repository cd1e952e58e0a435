"""Single sign-on against a real OpenID provider on loopback (node-oidc-provider): a known person
(matched by verified e-mail address) is signed in, an unknown one sees "Je hebt nog geen toegang",
no account is created, and signing out ends the provider's session too."""

import html
import re
from urllib.parse import parse_qs, urljoin, urlparse

import pytest
import requests
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

from accounts import oidc
from accounts.models import AuditEntry
from tests.accounts.oidc_provider import running_provider

APP = "http://testserver"
ACCOUNTS = {
    "lotte": {"email": "LID@example.be", "email_verified": True, "name": "Lotte Lid"},
    "onbekend": {"email": "onbekend@vlaanderen.be", "email_verified": True, "name": "Olaf Onbekend"},
    "onbevestigd": {"email": "lid@example.be", "email_verified": False, "name": "Lotte Lid"},
}


@pytest.fixture(scope="module")
def provider():
    with running_provider(app_url=APP, accounts=ACCOUNTS) as running:
        yield running


@pytest.fixture
def configured(provider):
    oidc._discovery.clear()
    with override_settings(**provider.settings()):
        yield provider


def sign_in_at_provider(client, login: str):
    """Start at our login button, sign in on the provider's own login form, come back to the
    callback; returns our callback's response."""
    start = client.get(reverse("oidc_authentication_init"))
    assert start.status_code == 302
    browser = requests.Session()
    url = start["Location"]
    for _ in range(10):
        if url.startswith(APP):
            parsed = urlparse(url)
            return client.get(parsed.path, parse_qs(parsed.query))
        response = browser.get(url, allow_redirects=False)
        if response.status_code == 200 and 'name="login"' in response.text:  # the provider's login form
            response = browser.post(url, data={"prompt": "login", "login": login, "password": "om-het-even"},
                                    allow_redirects=False)
        url = urljoin(url, response.headers["Location"])
    raise AssertionError("never came back to the application")


def test_the_login_page_offers_the_government_account_first(client, configured):
    page = client.get(reverse("login")).content.decode()
    assert "Aanmelden met je overheidsaccount" in page
    assert page.index("Aanmelden met je overheidsaccount") < page.index('name="password"')


def test_a_known_person_is_signed_in_by_verified_address(client, configured, member):
    response = sign_in_at_provider(client, "lotte")
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).wsgi_request.user == member
    entry = AuditEntry.objects.get(event="login")
    assert (entry.subject, entry.detail) == (member, "OIDC")


def test_an_unknown_person_gets_no_access_and_no_account(client, configured, member):
    users_before = get_user_model().objects.count()
    response = sign_in_at_provider(client, "onbekend")
    assert response.status_code == 403
    assert "Je hebt nog geen toegang; vraag het aan bij WEWIS" in response.content.decode()
    assert get_user_model().objects.count() == users_before
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated
    assert AuditEntry.objects.filter(event="login_failed", username="onbekend@vlaanderen.be").exists()


def test_an_unverified_address_is_not_trusted(client, configured, member):
    response = sign_in_at_provider(client, "onbevestigd")
    assert response.status_code in (400, 403)
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated


def test_a_deactivated_person_is_refused(client, configured, member):
    member.is_active = False
    member.save()
    response = sign_in_at_provider(client, "lotte")
    assert response.status_code == 403


def test_signing_out_ends_the_provider_session_too(client, configured, member):
    sign_in_at_provider(client, "lotte")
    response = client.post(reverse("logout"))
    assert "U bent afgemeld" in response.content.decode()
    link = re.search(r'id="provider-logout"[^>]*href="([^"]+)"', response.content.decode()).group(1)
    location = urlparse(html.unescape(link))
    assert f"{location.scheme}://{location.netloc}{location.path}" == configured.issuer + "/session/end"
    query = parse_qs(location.query)
    assert query["post_logout_redirect_uri"] == [APP + reverse("login")] and query["id_token_hint"]
    assert not client.get(reverse("home")).wsgi_request.user.is_authenticated
    assert AuditEntry.objects.filter(event="logout", subject=member).exists()


def test_local_login_can_be_switched_off(client, configured, member, settings):
    settings.LOCAL_LOGIN = False
    page = client.get(reverse("login")).content.decode()
    assert "Aanmelden met je overheidsaccount" in page and 'name="password"' not in page
    refused = client.post(reverse("login"), {"username": "lid", "password": "test-wachtwoord-123"})
    assert refused.status_code == 403
    token = client.post("/api/v1/auth/token/", {"username": "lid", "password": "test-wachtwoord-123"},
                        content_type="application/json")
    assert token.status_code in (400, 401)


def test_without_configuration_the_oidc_urls_lead_to_the_login_page(client):
    response = client.get(reverse("oidc_authentication_init"), follow=True)
    assert "Aanmelden met een overheidsaccount is niet ingesteld." in response.content.decode()
    assert "Aanmelden met je overheidsaccount" not in client.get(reverse("login")).content.decode()
