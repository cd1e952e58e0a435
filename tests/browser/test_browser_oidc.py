"""In headless Chromium against the real OpenID provider on loopback: an invited person follows
the link of the invitation, signs in with the government account and is in; signing out ends the
provider's session too. An unknown person is told to ask WEWIS for access."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from accounts import oidc, services
from accounts.models import Invitation
from tests import factories as f
from tests.accounts.oidc_provider import running_provider

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACCOUNTS = {
    "nina": {"email": "nina.nieuw@vlaanderen.be", "email_verified": True, "name": "Nina Nieuw"},
    "olaf": {"email": "olaf@vlaanderen.be", "email_verified": True, "name": "Olaf Onbekend"},
}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE"}


@pytest.fixture(scope="module")
def provider(live_server):
    with running_provider(app_url=live_server.url, accounts=ACCOUNTS) as running:
        yield running


@pytest.fixture
def configured(provider, settings):
    oidc._discovery.clear()
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    return provider


def sign_in_at_provider(page, login):
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("om-het-even")
    page.locator("button[type=submit]").click()


def test_an_invited_person_signs_in_with_the_government_account_and_out_again(page, live_server, configured):
    group = f.working_group(name="Werkgroep Mobiliteit", code_prefix="MOB")
    coordinator = f.user("coordinator", first_name="Cora", last_name="Coördinator", is_coordinator=True)
    nina = services.user_create(by=coordinator, first_name="Nina", last_name="Nieuw",
                                email="nina.nieuw@vlaanderen.be", role="member", memberships={group: "member"},
                                policy_domains=[])
    key = services.invitation_send(user=nina, by=coordinator).key

    page.goto(f"{live_server.url}/account/uitnodiging/{key}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Welkom, Nina Nieuw")
    page.get_by_role("link", name="Aanmelden met je overheidsaccount").click()
    expect(page).to_have_url(re.compile(re.escape(configured.issuer)))
    sign_in_at_provider(page, "nina")

    expect(page).to_have_url(live_server.url + "/")
    expect(page.locator(".user-menu__name")).to_contain_text("Nina Nieuw")
    assert Invitation.objects.get(user=nina).accepted_at is not None
    assert services.user_status(get_user_model().objects.get(pk=nina.pk)) == "active"

    page.get_by_role("button", name="Afmelden").click()
    expect(page).to_have_url(re.compile(re.escape(configured.issuer) + "/session/end"))
    page.locator("button[name=logout]").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    # the provider's session is over: the next sign-in asks for the login again
    page.get_by_role("link", name="Aanmelden met je overheidsaccount").click()
    expect(page.locator("input[name=login]")).to_be_visible()


def test_an_unknown_person_is_told_to_ask_wewis(page, live_server, configured):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_role("link", name="Aanmelden met je overheidsaccount").click()
    sign_in_at_provider(page, "olaf")
    expect(page.get_by_role("heading", level=1)).to_have_text("Je hebt nog geen toegang; vraag het aan bij WEWIS")
    assert not get_user_model().objects.filter(email__iexact="olaf@vlaanderen.be").exists()
