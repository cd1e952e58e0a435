"""End to end in headless Chromium: a coordinator aligns two overlapping demo proposals.

Opens the board, compares two overlapping demo actions, merges them and sees the
lineage; every new page is scanned with axe-core (no serious or critical violation).
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from actieplan.seed import demo_alignment
from actieplan.seed.demo import DEMO_PASSWORD, load_demo
from actieplan.models import Action, Status

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE"}


def assert_accessible(page, name):
    violations = Axe().run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v.get("impact") in SERIOUS
    ]
    assert not serious, f"axe violations on {name} ({page.url}):\n" + "\n".join(serious)


@pytest.fixture
def demo(transactional_db):
    load_demo()
    demo_alignment.load()
    proposal = Action.objects.get(title=demo_alignment.PROPOSALS[0]["title"])
    overlapped = Action.objects.get(code=demo_alignment.PROPOSALS[0]["overlaps"])
    return proposal, overlapped


def test_coordinator_compares_merges_and_sees_the_lineage(page, live_server, demo):
    proposal, overlapped = demo
    page.set_default_timeout(15_000)
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Gebruikersnaam").fill("coordinator")
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    # The board: submitted actions grouped by barrier, with overlap suggestions.
    page.goto(live_server.url + reverse("alignment_board"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Afstemmingsbord")
    assert_accessible(page, "afstemmingsbord")
    row = page.get_by_role("row").filter(has_text=proposal.code)
    expect(row.get_by_role("cell").nth(3)).not_to_have_text("geen")
    row.get_by_role("link", name=f"Vergelijk {proposal.code} met de beste suggestie").click()

    # Compare side by side, then merge the proposal into the older action.
    expect(page.get_by_role("heading", level=1)).to_contain_text(overlapped.code)
    expect(page.get_by_text("Gedeelde woorden:")).to_be_visible()
    assert_accessible(page, "vergelijken")
    page.get_by_label(f"{overlapped.code} blijft bestaan; {proposal.code} wordt erin samengevoegd").check()
    expect(page.get_by_label("Opmerkingen")).to_be_checked()
    page.get_by_label("Reden").fill("Beide vragen een abonnement aan sociaal tarief in het eerste werkjaar.")
    page.get_by_role("button", name="Samenvoegen").click()

    # The merge goes on to the next open suggestion (or back to the board), with the confirmation.
    expect(page).to_have_url(re.compile(r"/afstemming/"))
    expect(page.get_by_text(f"{proposal.code} is samengevoegd in {overlapped.code}.")).to_be_visible()

    # The surviving action shows where it came from.
    page.goto(live_server.url + reverse("action_detail", args=[overlapped.pk]))
    lineage = page.locator("section", has=page.get_by_role("heading", name="Herkomst"))
    expect(lineage).to_contain_text("Ontstaan uit")
    expect(lineage).to_contain_text(proposal.working_group.name)
    assert_accessible(page, "actie met herkomst")

    # The merged proposal stays readable, with a banner linking to the survivor.
    lineage.get_by_role("link", name=proposal.code).click()
    expect(page.get_by_role("note")).to_contain_text(f"Samengevoegd in {overlapped.code}")
    assert_accessible(page, "samengevoegde actie")
    page.get_by_role("link", name="Samenvoeging ongedaan maken").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Samenvoeging ongedaan maken")
    assert_accessible(page, "samenvoeging ongedaan maken")

    proposal.refresh_from_db()
    assert proposal.status == Status.MERGED and proposal.merged_into_id == overlapped.pk

    # The other new pages.
    other = Action.objects.filter(status=Status.SUBMITTED).exclude(pk=overlapped.pk).first()
    for name, url in [
        ("samenvoegen", reverse("alignment_merge", args=[other.pk])),
        ("beslissingen", reverse("decision_log") + "?type=merged"),
        ("dekkingsmatrix", reverse("coverage_matrix")),
    ]:
        page.goto(live_server.url + url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page, name)
    expect(page.get_by_role("cell", name="leemte").first).to_be_visible()
