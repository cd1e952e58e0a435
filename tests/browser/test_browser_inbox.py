"""End to end in headless Chromium: each role's "Te doen" from the home page to one task done.

With the demo data: the coordinator decides a submitted action, the chair submits a draft,
the domain contact posts a due status update and the cabinet reads what changed. The new
pages (home with "Te doen", a list, /meldingen/) are scanned with axe-core, and the bell
in the header shows the unread count filled in by static/js/inbox_bell.js.
"""

import re
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth import get_user_model
from django.urls import reverse
from playwright.sync_api import expect

from actieplan.seed.demo import DEMO_PASSWORD, load_demo
from monitoring.models import ReminderKind, SendState, SentReminder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE"}


def assert_accessible(page, name):
    violations = Axe().run(page).response["violations"]
    serious = [f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
               for v in violations if v.get("impact") in SERIOUS]
    assert not serious, f"axe violations on {name} ({page.url}):\n" + "\n".join(serious)


def sign_in(page, live_server, username):
    page.set_default_timeout(15_000)
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def task_count(page, pattern) -> int:
    link = page.get_by_role("region", name="Te doen").get_by_role("link", name=re.compile(pattern))
    if link.count() == 0:
        return 0
    return int(link.locator(".task-list__count").inner_text())


@pytest.fixture
def demo(transactional_db):
    load_demo()


def test_the_coordinator_decides_a_submitted_action_from_te_doen(page, live_server, demo):
    sign_in(page, live_server, "coordinator")
    todo = page.get_by_role("region", name="Te doen")
    expect(todo).to_be_visible()
    assert_accessible(page, "start coördinator")
    before = task_count(page, "wachten? op een beslissing")
    assert before > 0
    todo.get_by_role("link", name=re.compile("op een beslissing")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ingediende acties die op een beslissing wachten")
    assert_accessible(page, "te doen: beslissingen")
    page.get_by_role("table").get_by_role("row").nth(1).get_by_role("link").click()
    page.get_by_role("link", name="Weerhouden", exact=True).click()
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text(re.compile("is nu ‘weerhouden’"))).to_be_visible()
    page.goto(live_server.url + reverse("home"))
    assert task_count(page, "wachten? op een beslissing") == before - 1


def test_the_chair_submits_a_draft_from_te_doen(page, live_server, demo):
    sign_in(page, live_server, "voorzitter")
    before = task_count(page, "om in te dienen")
    assert before > 0
    page.get_by_role("region", name="Te doen").get_by_role("link", name=re.compile("om in te dienen")).click()
    assert_accessible(page, "te doen: in te dienen")
    page.get_by_role("table").get_by_role("row").nth(1).get_by_role("link").click()
    page.get_by_role("link", name="Indienen voor afstemming").first.click()
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text(re.compile("is nu ‘ingediend’"))).to_be_visible()
    page.goto(live_server.url + reverse("home"))
    assert task_count(page, "om in te dienen") == before - 1


def test_the_domain_contact_posts_a_due_status_update_from_te_doen(page, live_server, demo):
    sign_in(page, live_server, "domeincontact")
    before = task_count(page, "stand(en)? van zaken verwacht")
    assert before > 0
    page.get_by_role("region", name="Te doen").get_by_role("link", name=re.compile("verwacht of te laat")).click()
    assert_accessible(page, "te doen: standen verwacht")
    page.get_by_role("table").get_by_role("row").nth(1).get_by_role("link").click()
    page.get_by_label("op schema").check()
    page.get_by_label("percentage gerealiseerd", exact=False).fill("40")
    page.get_by_label("wat werd gedaan", exact=False).fill("De eerste pendelbus rijdt sinds november.")
    page.get_by_role("button", name="Stand van zaken plaatsen").click()
    page.goto(live_server.url + reverse("home"))
    assert task_count(page, "stand(en)? van zaken verwacht") == before - 1


def test_the_cabinet_reads_what_changed_and_the_notifications(page, live_server, demo):
    cabinet = get_user_model().objects.get(username="kabinet")
    SentReminder.objects.create(recipient=cabinet, kind=ReminderKind.PENDING_CONFIRMATION, item_type="action",
                                item_id=1, period="test", reason="Een actie van uw portefeuille werd weerhouden.",
                                url=reverse("action_list"), state=SendState.SENT, batch=uuid.uuid4())
    sign_in(page, live_server, "kabinet")
    assert task_count(page, "sinds uw vorig bezoek") > 0
    bell = page.locator("[data-inbox-bell]")
    expect(bell.locator("[data-inbox-count]")).to_have_text("1")
    expect(bell).to_have_accessible_name("Meldingen, 1 ongelezen")
    page.get_by_role("region", name="Te doen").get_by_role("link", name=re.compile("sinds uw vorig bezoek")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Wat veranderde sinds uw vorig bezoek")
    assert_accessible(page, "te doen: wijzigingen")
    page.goto(live_server.url + reverse("home"))
    assert task_count(page, "sinds uw vorig bezoek") == 0
    bell.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meldingen")
    assert_accessible(page, "meldingen")
    page.get_by_role("link", name=re.compile("werd weerhouden")).click()
    expect(page).to_have_url(re.compile(r"/acties/"))
    expect(page.locator("[data-inbox-bell] [data-inbox-count]")).to_be_hidden()
