"""The coverage matrix fits a 1366 px screen with the demo data: the page does not scroll sideways,
the barrier column stays in view, abbreviations carry their full names (hover and caption)."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from actieplan.seed import demo_alignment
from actieplan.seed.demo import DEMO_PASSWORD, load_demo

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE", "viewport": {"width": 1366, "height": 768}}


def test_the_coverage_matrix_fits_1366_px(page, live_server, transactional_db):
    load_demo()
    demo_alignment.load()
    page.set_default_timeout(15_000)
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Gebruikersnaam").fill("coordinator")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    page.goto(live_server.url + reverse("coverage_matrix"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dekkingsmatrix")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1366, f"the page is {width} px wide"
    matrix = page.get_by_role("region", name="Aantal acties per drempel en doelgroep")
    expect(matrix).to_be_visible()
    assert matrix.evaluate("e => e.scrollWidth <= e.clientWidth"), "the target-group matrix scrolls at 1366 px"
    expect(matrix.locator("caption")).to_contain_text("D1 =")
    expect(matrix.locator("thead abbr").first).to_have_attribute("title", re.compile(r"\w"))
    position = matrix.locator("tbody th").first.evaluate("e => getComputedStyle(e).position")
    assert position == "sticky"
    violations = [v for v in Axe().run(page).response["violations"] if v.get("impact") in ("serious", "critical")]
    assert not violations, [v["id"] for v in violations]
