"""After a failed submit, focus lands on the error summary (keyboard and screen-reader users are told
what went wrong, even when the form sits far down a long page, at a 900 px high window)."""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import factories as f
from tests import monitoring_helpers as mh

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE", "viewport": {"width": 1280, "height": 900}}


def test_a_failed_status_update_puts_focus_on_the_error_summary(page, live_server, transactional_db):
    barrier = f.barrier(name="Mobiliteit", slug="mobiliteit")
    domain = f.policy_domain(name="Mobiliteit en Openbare Werken", abbreviation="MOW")
    group = f.working_group(name="Werkgroep Mobiliteit", code_prefix="MOB")
    f.user("domeincontact", contact_domains=[domain])
    action = mh.adopted_action(group=group, barrier=barrier, domain=domain, adopted_on=date(2026, 7, 3), code="MOB-03")
    for n in range(6):  # a long page: the form sits below earlier reports
        mh.report(action, day=date(2026, 7, 10 + n), done="Overleg met de partners en de VDAB. " * 8)
    page.set_default_timeout(15_000)
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Gebruikersnaam").fill("domeincontact")
    page.get_by_label("Wachtwoord").fill(f.PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.goto(live_server.url + reverse("action_progress", args=[action.pk]))
    page.get_by_label("percentage gerealiseerd", exact=False).fill("140")
    page.get_by_role("button", name="Stand van zaken plaatsen").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("Er is iets mis met uw invoer")
