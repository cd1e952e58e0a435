"""End to end in headless Chromium: a domain contact posts a progress report, the coordinator
sees it on the dashboard, the cabinet opens its report. Every new page is scanned with
axe-core; a violation of impact serious or critical fails the test. Charts are checked to
render (as images, under the page's strict CSP)."""

import re
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from actieplan.models import Status
from monitoring.models import StatusUpdate
from tests import factories as f
from tests.monitoring_helpers import adopted_action, indicator, milestone

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


def assert_images_render(page):
    for image in page.locator("img").all():
        image.scroll_into_view_if_needed()
        expect(image).to_have_attribute("alt", re.compile(r"\S"))
        # Wait for the image (a server-rendered chart) to finish loading: under load it may still be in flight.
        width = image.evaluate(
            "img => img.complete ? img.naturalWidth : new Promise(done => {"
            " img.addEventListener('load', () => done(img.naturalWidth));"
            " img.addEventListener('error', () => done(-1)); })"
        )
        assert width > 0, image.get_attribute("src")


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(f.PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))


def log_out(page):
    page.get_by_role("button", name="Afmelden").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


@pytest.fixture
def world(transactional_db):
    barrier = f.barrier(name="Mobiliteit", slug="mobiliteit")
    domain = f.policy_domain(name="Mobiliteit en Openbare Werken", abbreviation="MOW")
    other = f.policy_domain(name="Onderwijs en Vorming", abbreviation="OV")
    group = f.working_group(name="Werkgroep Mobiliteit", code_prefix="MOB")
    group.barriers.set([barrier])
    f.phase(1, starts_on=date(2026, 1, 12), deadline=date(2026, 3, 27))
    f.user("coordinator", first_name="Cora", last_name="Coördinator", is_coordinator=True)
    f.user("domeincontact", first_name="Dirk", last_name="Domein", contact_domains=[domain])
    f.user("kabinet", first_name="Karel", last_name="Kabinet", is_cabinet=True, cabinet_domains=[domain])
    action = adopted_action(group=group, barrier=barrier, domain=domain, code="MOB-01", status=Status.ADOPTED,
                            title="Vervoer op maat naar de werkplek", planned_end=date(2027, 6, 30))
    milestone(action, due=date(2026, 10, 1), title="Pilootgemeenten gekozen")
    adopted_action(group=group, barrier=barrier, domain=other, code="MOB-02", title="Actie van een ander domein")
    ind = indicator()
    ind.barriers.set([barrier])
    return {"action": action, "indicator": ind, "domain": domain}


def test_contact_reports_coordinator_sees_it_cabinet_reads_report(page, live_server, world):
    page.set_default_timeout(15_000)
    action = world["action"]

    # The domain contact starts the implementation and posts a progress report.
    log_in(page, live_server, "domeincontact")
    page.goto(live_server.url + reverse("action_progress", args=[action.pk]))
    assert_accessible(page, "voortgang van een actie")
    page.get_by_role("link", name="Uitvoering starten").click()
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.locator(".badge").first).to_contain_text("in uitvoering")
    page.goto(live_server.url + reverse("action_progress", args=[action.pk]))
    page.get_by_label("Vertraagd").check()
    page.get_by_label("Percentage gerealiseerd").fill("35")
    page.get_by_label("Wat werd gedaan").fill("Overleg met de vervoerregio afgerond; aanbesteding loopt.")
    page.get_by_label("Knelpunten").fill("De aanbesteding vraagt meer tijd.")
    page.get_by_role("button", name="Stand van zaken plaatsen").click()
    expect(page.get_by_text("De stand van zaken is geplaatst.")).to_be_visible()
    expect(page.get_by_text("Overleg met de vervoerregio afgerond; aanbesteding loopt.")).to_be_visible()
    page.get_by_label(re.compile(r"Gerealiseerd op\s*:\s*Pilootgemeenten gekozen")).fill("2026-10-03")
    page.get_by_role("button", name=re.compile(r"^Gerealiseerd\s*:\s*Pilootgemeenten gekozen")).click()
    expect(page.get_by_text("Mijlpaal ‘Pilootgemeenten gekozen’ is gerealiseerd.")).to_be_visible()
    assert StatusUpdate.objects.get(action=action).progress_state == "delayed"
    page.goto(live_server.url + reverse("domain_dashboard", args=[world["domain"].pk]))
    assert_accessible(page, "dashboard beleidsdomein")
    log_out(page)

    # The coordinator sees it on the WEWIS dashboard and follows the number to the list.
    log_in(page, live_server, "coordinator")
    page.goto(live_server.url + reverse("dashboard"))
    assert_accessible(page, "WEWIS-dashboard")
    delayed = page.locator(".headline--alert a", has_text="vertraagd")
    expect(delayed).to_contain_text("1")
    delayed.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Voortgang per actie")
    expect(page.get_by_role("row", name=re.compile("MOB-01"))).to_contain_text("vertraagd")
    assert_accessible(page, "voortgang per actie")
    page.goto(live_server.url + reverse("phase_tracker"))
    assert_images_render(page)
    assert_accessible(page, "fasetracker")
    page.goto(live_server.url + reverse("indicator_detail", args=[world["indicator"].pk]))
    page.get_by_label("Jaar").fill("2025")
    page.get_by_label("Waarde").fill("104")
    page.get_by_role("button", name="Meting toevoegen").click()
    expect(page.get_by_role("alert")).to_contain_text("Een percentage ligt tussen 0 en 100")
    page.get_by_label("Waarde").fill("77,4" if page.get_by_label("Waarde").get_attribute("type") == "text" else "77.4")
    page.get_by_role("button", name="Meting toevoegen").click()
    expect(page.get_by_text("De meting is toegevoegd.")).to_be_visible()
    assert_images_render(page)
    assert_accessible(page, "indicator")
    page.goto(live_server.url + reverse("indicator_list"))
    assert_accessible(page, "indicatoren")
    log_out(page)

    # The cabinet opens its report: its own domain only, with the latest report text.
    log_in(page, live_server, "kabinet")
    page.goto(live_server.url + reverse("cabinet_report"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Kabinetsrapport")
    expect(page.locator("#uitzonderingen ~ article, section .exception").first).to_contain_text(
        "De aanbesteding vraagt meer tijd.")
    expect(page.get_by_text("Actie van een ander domein")).to_have_count(0)
    assert_images_render(page)
    assert_accessible(page, "kabinetsrapport")
    # The PDF is made in the background (progress shown); the page then offers the file.
    link = page.get_by_role("link", name="Downloaden als PDF")
    link.click()
    ready = page.locator("a.export-status__file")
    expect(ready).to_have_text(re.compile(r"^kabinetsrapport-.*\.pdf$"), timeout=60_000)
    with page.expect_download() as download:
        ready.click()
    assert download.value.suggested_filename.startswith("kabinetsrapport-")
