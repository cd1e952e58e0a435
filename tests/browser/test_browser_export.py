"""A slow export shows progress: the plan page's PDF link says the file is being made, then offers it."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests import factories as f
from tests.plan_factories import make_plan, retained_action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE"}


def test_the_plan_pdf_export_shows_progress_and_offers_the_file(page, live_server, transactional_db):
    coordinator = f.user("coordinator", is_coordinator=True)
    barrier = f.barrier(name="Mobiliteit", slug="mobiliteit")
    domain = f.policy_domain(name="Mobiliteit en Openbare Werken", abbreviation="MOW")
    group = f.working_group(name="Werkgroep Mobiliteit", code_prefix="MOB")
    plan = make_plan(coordinator, [retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain)])
    page.set_default_timeout(30_000)
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Gebruikersnaam").fill("coordinator")
    page.get_by_label("Wachtwoord").fill(f.PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.goto(live_server.url + reverse("plan_detail", args=[plan.pk]))
    page.get_by_role("link", name="PDF", exact=True).click()
    status = page.locator("#export-status")
    expect(status).to_contain_text("Het bestand is klaar:")
    ready = status.get_by_role("link")
    expect(ready).to_have_text(re.compile(r"\.pdf$"))
    expect(ready).to_be_focused()
    with page.expect_download() as download:
        ready.click()
    assert download.value.suggested_filename.endswith(".pdf")
