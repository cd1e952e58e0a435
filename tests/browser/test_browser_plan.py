"""End to end in headless Chromium: a domain contact accepts an assignment and signs off the plan.

The new pages of the plan are scanned with axe-core on the way (coordinator and contact);
a violation of impact serious or critical fails the test.
"""

import re
from datetime import date

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import expect

from actieplan.plan import services as svc
from actieplan.models import Action, Assignment, SignOff, SignOffState
from actieplan.actions.services import action_update
from tests import factories as f
from tests.plan_factories import make_plan, retained_action

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SERIOUS = {"serious", "critical"}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE"}


def assert_accessible(page, name):
    violations = Axe().run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in violations if v.get("impact") in SERIOUS
    ]
    assert not serious, f"axe violations on {name} ({page.url}):\n" + "\n".join(serious)


def log_in(page, live_server, username):
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(f.PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


@pytest.fixture
def world(transactional_db):
    mob = f.barrier(name="Mobiliteit", slug="mobiliteit")
    zorg = f.barrier(name="Zorgtaken", slug="zorgtaken")
    mow = f.policy_domain(name="Mobiliteit en Openbare Werken", abbreviation="MOW")
    wvg = f.policy_domain(name="Welzijn, Volksgezondheid en Gezin", abbreviation="WVG")
    group = f.working_group(name="Werkgroep Mobiliteit", code_prefix="MOB")
    coordinator = f.user("coordinator", first_name="Cora", last_name="Coördinator", is_coordinator=True)
    f.user("domeincontact", first_name="Dirk", last_name="Domein", contact_domains=[mow])
    a1 = retained_action(working_group=group, primary_barrier=mob, lead_domain=mow, code="MOB-10",
                         partner_domains=[wvg], title="Jobbus naar bedrijventerreinen")
    a2 = retained_action(working_group=group, primary_barrier=zorg, lead_domain=wvg, code="MOB-11",
                         title="Opvang tijdens opleidingsuren", complete=False)
    plan = make_plan(coordinator, [a1, a2])
    svc.plan_consult(plan=plan, user=coordinator)
    svc.plan_finalise(plan=plan, user=coordinator, vr_reference="VR 2026 0307 MED.0123/1", vr_date=date(2026, 7, 3),
                      override_reason="Politiek akkoord.")
    a1 = Action.objects.get(pk=a1.pk)
    action_update(action=a1, user=coordinator, data={"title": "Jobbus en deelfietsen"}, m2m={},
                  expected_version=a1.version)
    svc.plan_consult(plan=plan, user=coordinator)
    return {"plan": plan, "a1": a1, "mow": mow}


def test_domain_contact_accepts_and_signs_off(page, live_server, world):
    page.set_default_timeout(10_000)
    plan, mow = world["plan"], world["mow"]

    # ---- the domain contact answers the "Ter bevestiging" question
    log_in(page, live_server, "domeincontact")
    page.goto(live_server.url + reverse("assignment_list"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Ter bevestiging")
    expect(page.get_by_text("1 open vraag")).to_be_visible()
    assert_accessible(page, "ter bevestiging")

    page.get_by_role("link", name="Antwoorden MOB-10").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("MOB-10 Jobbus en deelfietsen")
    assert_accessible(page, "assignment respond")
    # "accept with remark" without a remark is refused with a Dutch message tied to the field
    page.get_by_label("Akkoord met opmerking").check()
    page.get_by_role("button", name="Antwoord bewaren").click()
    expect(page.get_by_text("Schrijf uw opmerking.").first).to_be_visible()
    assert_accessible(page, "assignment respond with errors")
    page.get_by_label("Opmerking of reden").fill("Akkoord als De Lijn de ritten inlegt.")
    page.get_by_role("button", name="Antwoord bewaren").click()
    expect(page.get_by_text("Uw antwoord voor MOB-10 is bewaard.")).to_be_visible()
    expect(page.get_by_text("0 open vragen")).to_be_visible()
    assert Assignment.objects.get(action=world["a1"], domain=mow).state == "accepted_with_remark"

    # ---- and signs off the actions the domain leads
    page.goto(live_server.url + reverse("plan_detail", args=[plan.pk]))
    assert_accessible(page, "plan page (contact)")
    page.get_by_role("link", name="Mobiliteit en Openbare Werken").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ondertekening Mobiliteit en Openbare Werken")
    assert_accessible(page, "sign-off page")
    page.get_by_label("Opmerking (niet verplicht)").fill("Goedgekeurd door de administrateur-generaal.")
    page.get_by_role("button", name="Ondertekenen voor Mobiliteit en Openbare Werken").click()
    expect(page.get_by_text("Mobiliteit en Openbare Werken heeft het actieplan ondertekend.")).to_be_visible()
    assert SignOff.objects.get(plan=plan, domain=mow).state == SignOffState.SIGNED
    page.get_by_role("button", name="Afmelden").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    # ---- the coordinator's pages
    log_in(page, live_server, "coordinator")
    page.goto(live_server.url + reverse("plan_detail", args=[plan.pk]))
    expect(page.get_by_text("MOB-11 mist: mijlpalen, geplande start, gepland einde.")).to_be_visible()
    assert_accessible(page, "plan page (coordinator)")
    for name, args in [
        ("plan_list", []), ("plan_create", []), ("plan_edit", [plan.pk]), ("plan_chapter_create", [plan.pk]),
        ("plan_signoffs", [plan.pk]), ("plan_action_trajectory", [plan.pk, world["a1"].pk]),
        ("plan_finalise", [plan.pk]), ("plan_reopen", [plan.pk]), ("plan_versions", [plan.pk]),
        ("plan_version", [plan.pk, 1]), ("plan_diff", [plan.pk]), ("plan_timeline", [plan.pk]),
        ("assignment_list", []),
    ]:
        page.goto(live_server.url + reverse(name, args=args))
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page, name)

    # the diff shows the change made after version 1
    page.goto(live_server.url + reverse("plan_diff", args=[plan.pk]))
    expect(page.locator("ins", has_text="Jobbus en deelfietsen").first).to_be_visible()
