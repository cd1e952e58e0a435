"""End to end in headless Chromium: a member proposes an action, the chair submits it.

Every page built for phase 1 is scanned with axe-core on the way; a violation of
impact serious or critical fails the test.
"""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from actieplan.models import Action, Status
from tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE"}


@pytest.fixture
def axe():
    return Axe()


def assert_accessible(axe, page, name):
    violations = axe.run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v.get("impact") in SERIOUS
    ]
    assert not serious, f"axe violations on {name} ({page.url}):\n" + "\n".join(serious)


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(f.PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def log_out(page):
    page.get_by_role("button", name="Afmelden").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))


@pytest.fixture
def world(transactional_db):
    barrier = f.barrier(name="Mobiliteit", slug="mobiliteit")
    f.barrier(name="Zorgtaken", slug="zorgtaken")
    f.target_group(name="Kortgeschoolden 25-64", slug="kortgeschoolden")
    domain = f.policy_domain(name="Mobiliteit en Openbare Werken", abbreviation="MOW")
    f.organisation(name="VDAB")
    f.linked_plan(name="Actieplan Vlaanderen Werkt!")
    group = f.working_group(name="Werkgroep Mobiliteit", code_prefix="MOB", description="Vervoer naar werk.")
    group.barriers.set([barrier])
    chair = f.user("voorzitter", first_name="Vera", last_name="Voorzitter")
    member = f.user("lid", first_name="Lotte", last_name="Lid")
    f.membership(chair, group, role="chair", policy_domain=domain)
    f.membership(member, group, role="member")
    f.user("kandidaat", first_name="Koen", last_name="Kandidaat")
    coordinator = f.user("coordinator", first_name="Cora", last_name="Coördinator", is_coordinator=True)
    f.user("kabinet", first_name="Karel", last_name="Kabinet", is_cabinet=True, cabinet_all_domains=True)
    f.user("domeincontact", first_name="Dirk", last_name="Domein", contact_domains=[domain])
    return {"group": group, "barrier": barrier, "domain": domain, "coordinator": coordinator}


def test_member_proposes_and_chair_submits(page, live_server, world, axe):
    group = world["group"]
    page.set_default_timeout(10_000)

    # Anonymous visitors land on the login page.
    page.goto(live_server.url + reverse("home"))
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/"))
    assert_accessible(axe, page, "login")

    # ---- the member proposes an action
    log_in(page, live_server, "lid")
    assert_accessible(axe, page, "home (member)")
    page.get_by_role("link", name="Werkgroep Mobiliteit").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Werkgroep Mobiliteit")
    assert_accessible(axe, page, "group detail")

    page.get_by_role("link", name="Actie voorstellen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nieuwe actie")
    assert_accessible(axe, page, "action create")

    # Submitting an empty form shows Dutch errors tied to the fields.
    page.get_by_role("button", name="Actie aanmaken").click()
    expect(page.get_by_text("Geef de actie een titel.").first).to_be_visible()
    assert_accessible(axe, page, "action create with errors")

    page.get_by_label("Titel").fill("Jobbus naar bedrijventerreinen")
    page.get_by_label("Beschrijving", exact=False).first.fill("Een busverbinding op maat voor ploegenwerk.")
    page.get_by_label("Drempel (verplicht)", exact=True).select_option(label="Mobiliteit")
    page.get_by_label("Kortgeschoolden 25-64").check()
    page.get_by_label("Geplande start").fill("2026-10-01")
    page.get_by_role("button", name="Actie aanmaken").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("MOB-01 Jobbus naar bedrijventerreinen")
    expect(page.get_by_text("2026 K4 (01/10/2026)")).to_be_visible()
    assert_accessible(axe, page, "action detail")

    page.get_by_label("Uw opmerking").fill("Afstemmen met De Lijn.")
    page.get_by_role("button", name="Opmerking plaatsen").click()
    expect(page.get_by_text("Afstemmen met De Lijn.")).to_be_visible()

    page.get_by_role("link", name="Bewerken").click()
    assert_accessible(axe, page, "action edit")
    page.get_by_role("link", name="Annuleren").click()

    page.get_by_role("link", name="Acties", exact=True).click()
    row = page.get_by_role("row").filter(has_text="Jobbus naar bedrijventerreinen")
    expect(row).to_contain_text("concept")
    assert_accessible(axe, page, "action list")
    page.get_by_label("Zoeken").fill("jobbus")
    page.get_by_role("button", name="Filteren").click()
    expect(page.get_by_text("1 actie gevonden")).to_be_visible()
    assert_accessible(axe, page, "action list filtered")

    page.get_by_role("link", name="Nieuwe actie").click()
    assert_accessible(axe, page, "choose proposer")

    page.goto(live_server.url + reverse("group_members", args=[group.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")
    assert_accessible(axe, page, "403")
    page.goto(live_server.url + "/acties/999999/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pagina niet gevonden")
    assert_accessible(axe, page, "404")
    log_out(page)

    # ---- the chair submits it for alignment, with a confirmation step
    log_in(page, live_server, "voorzitter")
    assert_accessible(axe, page, "home (chair)")
    page.get_by_role("link", name="Indienen voor afstemming").first.click()
    assert_accessible(axe, page, "group submit")
    page.get_by_label("MOB-01 – Jobbus naar bedrijventerreinen").check()
    page.get_by_role("button", name="Verder").click()
    expect(page.get_by_text("Bent u zeker dat u deze actie wilt indienen voor afstemming?")).to_be_visible()
    assert_accessible(axe, page, "group submit confirmation")
    page.get_by_role("button", name="Ja, indienen").click()
    expect(page.get_by_text("1 actie ingediend voor afstemming: MOB-01.")).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Jobbus")).to_contain_text("ingediend")
    assert Action.objects.get(code="MOB-01").status == Status.SUBMITTED

    # Membership management pages of the chair.
    page.get_by_role("link", name="Leden beheren").click()
    assert_accessible(axe, page, "group members")
    page.get_by_label("Gebruikersnaam").fill("onbekend")
    page.get_by_role("button", name="Lid toevoegen").click()
    expect(page.get_by_text("Er is geen actieve gebruiker met gebruikersnaam ‘onbekend’.").first).to_be_visible()
    assert_accessible(axe, page, "group members with errors")
    page.get_by_label("Gebruikersnaam").fill("kandidaat")
    page.get_by_role("button", name="Lid toevoegen").click()
    expect(page.get_by_text("Koen Kandidaat is toegevoegd als lid.")).to_be_visible()
    page.get_by_role("link", name="Verwijderen Koen Kandidaat").click()
    assert_accessible(axe, page, "membership delete")
    page.get_by_role("button", name="Ja, verwijderen").click()
    expect(page.get_by_text("Koen Kandidaat is geen lid meer")).to_be_visible()

    page.get_by_role("link", name="Werkgroepen", exact=True).click()
    assert_accessible(axe, page, "group list")
    log_out(page)

    # ---- the coordinator sends it back (reason required) and sees the overview
    log_in(page, live_server, "coordinator")
    assert_accessible(axe, page, "home (coordinator)")
    action = Action.objects.get(code="MOB-01")
    page.goto(live_server.url + action.get_absolute_url())
    page.get_by_role("link", name="Terugsturen").click()
    assert_accessible(axe, page, "transition")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("Geef een reden op.").first).to_be_visible()
    assert_accessible(axe, page, "transition with errors")
    page.get_by_label("Reden").fill("Graag een raming toevoegen.")
    page.get_by_role("button", name="Bevestigen").click()
    expect(page.get_by_text("Reden: Graag een raming toevoegen.")).to_be_visible()
    log_out(page)

    # ---- the other roles' home pages
    for username in ("domeincontact", "kabinet"):
        log_in(page, live_server, username)
        assert_accessible(axe, page, f"home ({username})")
        log_out(page)
