"""API of the plan: /api/v1/plans/, chapters, versions, diff, state changes, milestones, sign-offs, assignments."""

from datetime import date

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from actieplan.plan import services as svc
from actieplan.plan import views as plan_views
from actieplan.models import Action, Assignment, Milestone, Plan, PlanItem, PlanStatus, SignOff
from actieplan.actions.services import action_update
from tests.conftest import ROLES
from tests.plan_factories import make_plan, retained_action

SIGNED_IN = [r for r in ROLES if r != "anonymous"]


@pytest.fixture
def api():
    return APIClient()


def as_user(client, user):
    client.logout()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def world(coordinator, group, other_group, barrier, other_barrier, domain, other_domain):
    a1 = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-10",
                         partner_domains=[other_domain], title="Jobbus naar bedrijventerreinen")
    a2 = retained_action(working_group=other_group, primary_barrier=other_barrier, lead_domain=other_domain,
                         code="ZORG-10", title="Flexibele kinderopvang")
    plan = make_plan(coordinator, [a1, a2])
    svc.plan_consult(plan=plan, user=coordinator)
    svc.plan_finalise(plan=plan, user=coordinator, vr_reference="VR 2026 0307 MED.0123/1", vr_date=date(2026, 7, 3),
                      override_reason="Politiek akkoord.")
    a1 = Action.objects.get(pk=a1.pk)
    action_update(action=a1, user=coordinator, data={"title": "Jobbus en deelfietsen"}, m2m={},
                  expected_version=a1.version)
    svc.plan_consult(plan=plan, user=coordinator)
    extra = retained_action(working_group=group, primary_barrier=barrier, code="MOB-50")
    return {
        "plan": Plan.objects.get(pk=plan.pk), "a1": a1, "extra": extra,
        "chapter": plan.chapters.get(title="Mobiliteit"),
        "signoff": SignOff.objects.get(plan=plan, domain=domain),
        "assignment": Assignment.objects.get(action=a1, domain=domain),
        "milestone": Milestone.objects.filter(action=a1).first(),
    }


def u(name, w, **kw):
    p = w["plan"].pk
    urls = {
        "plans": "/api/v1/plans/", "plan": f"/api/v1/plans/{p}/", "chapters": f"/api/v1/plans/{p}/chapters/",
        "items": f"/api/v1/plans/{p}/items/", "versions": f"/api/v1/plans/{p}/versions/",
        "version": f"/api/v1/plans/{p}/versions/1/", "diff": f"/api/v1/plans/{p}/diff/?from=1&to=current",
        "consult": f"/api/v1/plans/{p}/consult/", "finalise": f"/api/v1/plans/{p}/finalise/",
        "reopen": f"/api/v1/plans/{p}/reopen/", "milestones": "/api/v1/milestones/",
        "milestone": f"/api/v1/milestones/{w['milestone'].pk}/", "signoffs": "/api/v1/signoffs/",
        "sign": f"/api/v1/signoffs/{w['signoff'].pk}/sign/", "assignments": "/api/v1/assignments/",
        "accept": f"/api/v1/assignments/{w['assignment'].pk}/accept/",
        "decline": f"/api/v1/assignments/{w['assignment'].pk}/decline/",
    }
    return urls[name]


READS = ["plans", "plan", "chapters", "versions", "version", "diff", "milestones", "milestone"]
# what domains answered: the rule of "Ter bevestiging" and the sign-off pages (can_view_domain_answers)
ANSWER_READS = ["signoffs", "assignments"]


@pytest.mark.parametrize("name", READS)
def test_reads_need_sign_in_and_are_open_to_every_role(api, world, users, name):
    for role in ROLES:
        response = as_user(api, users[role]).get(u(name, world))
        assert response.status_code == (401 if role == "anonymous" else 200), (name, role)


@pytest.mark.parametrize("name", ANSWER_READS)
def test_domain_answers_are_read_by_coordinators_and_domain_contacts_only(api, world, users, name):
    for role in ROLES:
        response = as_user(api, users[role]).get(u(name, world))
        expected = {"anonymous": 401, "coordinator": 200, "domain_contact": 200}.get(role, 403)
        assert response.status_code == expected, (name, role)


def body(name, w):
    return {
        "plans": {"title": "Tweede actieplan"},
        "plan": {"title": "Nieuwe titel"},
        "chapters": {"title": "Transversale acties"},
        "items": {"action": w["extra"].pk, "chapter": w["chapter"].pk},
        "finalise": {"vr_reference": "VR 2026 1810 MED.0400/1", "vr_date": "2026-10-18", "override_reason": "x"},
        "milestones": {"action": w["a1"].pk, "title": "Evaluatie", "due_date": "2027-06-01"},
        "sign": {"remark": "Akkoord"},
        "accept": {"remark": ""},
        "decline": {"reason": "Geen middelen"},
    }.get(name, {})


# (method, endpoint) -> status for the role allowed to do it; others get 403, anonymous 401.
WRITES = [
    ("post", "plans", "coordinator", 201),
    ("patch", "plan", "coordinator", 200),
    ("post", "chapters", "coordinator", 201),
    ("post", "items", "coordinator", 201),
    ("post", "finalise", "coordinator", 201),
    ("post", "reopen", "coordinator", 200),
    ("post", "consult", "coordinator", 409),  # already in consultation
    ("post", "milestones", "coordinator", 201),
    ("patch", "milestone", "coordinator", 200),
    ("delete", "milestone", "coordinator", 204),
    ("post", "sign", "domain_contact", 200),
    ("post", "accept", "domain_contact", 200),
    ("post", "decline", "domain_contact", 200),
]


@pytest.mark.parametrize("method,name,allowed,status", WRITES)
def test_write_permission_matrix(api, world, users, method, name, allowed, status):
    for role in ROLES:
        if role == allowed:
            continue
        response = getattr(as_user(api, users[role]), method)(u(name, world), body(name, world), format="json")
        assert response.status_code == (401 if role == "anonymous" else 403), (name, role, response.content)
    response = getattr(as_user(api, users[allowed]), method)(u(name, world), body(name, world), format="json")
    assert response.status_code == status, response.content


class TestPlans:
    def test_the_list_has_id_title_and_status(self, api, world, member):
        results = as_user(api, member).get("/api/v1/plans/").json()["results"]
        assert results[0]["id"] == world["plan"].pk
        assert results[0]["title"] == "Overkoepelend actieplan drempels naar werk"
        assert results[0]["status"] == "in_consultation"
        assert (results[0]["latest_version"], results[0]["current_version"]) == (1, 2)

    def test_create_makes_priority_chapters_and_keeps_the_markdown(self, api, coordinator, barrier, other_barrier):
        source = "**x**\r\n\r\n<script>alert(1)</script>  "
        response = as_user(api, coordinator).post("/api/v1/plans/", {
            "title": "Nieuw", "introduction": source}, format="json")
        assert response.status_code == 201
        # The Markdown source as written (line ends normalised); raw HTML in it is shown as text, never run.
        assert response.json()["introduction"] == "**x**\n\n<script>alert(1)</script>"
        assert response.json()["status"] == "draft"
        plan = Plan.objects.get(pk=response.json()["id"])
        assert plan.chapters.count() == 2

    def test_status_is_read_only(self, api, world, coordinator):
        as_user(api, coordinator).patch(u("plan", world), {"status": "final"}, format="json")
        assert Plan.objects.get(pk=world["plan"].pk).status == PlanStatus.IN_CONSULTATION

    def test_chapters_list_their_actions_in_order(self, api, world, member):
        chapters = as_user(api, member).get(u("chapters", world)).json()
        assert [c["title"] for c in chapters] == ["Mobiliteit", "Zorgtaken"]
        assert chapters[0]["actions"] == [world["a1"].pk]

    def test_an_action_in_two_chapters_is_refused(self, api, world, coordinator):
        other = world["plan"].chapters.get(title="Zorgtaken")
        response = as_user(api, coordinator).post(u("items", world), {"action": world["a1"].pk, "chapter": other.pk},
                                                  format="json")
        assert response.status_code == 400
        assert "staat al in hoofdstuk" in response.json()["action"][0]

    def test_unknown_ids_are_refused(self, api, world, coordinator):
        as_user(api, coordinator)
        assert api.get("/api/v1/plans/999999/").status_code == 404
        assert api.get(f"/api/v1/plans/{world['plan'].pk}/versions/7/").status_code == 404
        assert api.get(f"/api/v1/plans/{world['plan'].pk}/diff/?from=7").status_code == 404
        assert api.post(u("items", world), {"action": 999999, "chapter": world["chapter"].pk},
                        format="json").status_code == 400
        assert api.post("/api/v1/assignments/999999/accept/", {}, format="json").status_code == 404
        assert api.get("/api/v1/milestones/?action=abc").status_code == 400


class TestVersionsAndDiff:
    def test_versions_list_number_date_and_reference(self, api, world, cabinet):
        versions = as_user(api, cabinet).get(u("versions", world)).json()
        assert [(v["number"], v["vr_reference"]) for v in versions] == [(1, "VR 2026 0307 MED.0123/1")]
        assert versions[0]["finalised_at"]

    def test_a_version_is_the_frozen_snapshot(self, api, world, cabinet):
        data = as_user(api, cabinet).get(u("version", world)).json()
        titles = [a["title"] for c in data["snapshot"]["chapters"] for a in c["actions"]]
        assert "Jobbus naar bedrijventerreinen" in titles and "Jobbus en deelfietsen" not in titles

    def test_the_diff_against_the_current_draft(self, api, world, cabinet):
        data = as_user(api, cabinet).get(u("diff", world)).json()
        assert (data["from_version"], data["to_version"]) == (1, 2)
        change = data["changed"][0]
        assert change["code"] == "MOB-10"
        assert {"field": "title", "label": "Titel", "old": "Jobbus naar bedrijventerreinen",
                "new": "Jobbus en deelfietsen"} in change["changes"]
        # the draft number works like "current"
        again = api.get(f"/api/v1/plans/{world['plan'].pk}/diff/?from=1&to=2").json()
        assert again["changed"] == data["changed"]


class TestStateChanges:
    def test_finalise_without_reason_on_an_incomplete_plan_is_400(self, api, world, coordinator):
        response = as_user(api, coordinator).post(u("finalise", world), {
            "vr_reference": "VR 2026 1810 MED.0400/1", "vr_date": "2026-10-18"}, format="json")
        assert response.status_code == 400
        assert "override_reason" in response.json()

    def test_finalise_adopts_and_freezes(self, api, world, coordinator):
        response = as_user(api, coordinator).post(u("finalise", world), body("finalise", world), format="json")
        assert response.status_code == 201 and response.json()["number"] == 2
        plan = api.get(u("plan", world)).json()
        assert plan["status"] == "final" and plan["current_version"] == 2

    def test_finalise_of_a_draft_is_409(self, api, world, coordinator):
        as_user(api, coordinator).post(u("reopen", world), format="json")
        response = api.post(u("finalise", world), body("finalise", world), format="json")
        assert response.status_code == 409


class TestAcceptanceAndSignOff:
    def test_accept_with_remark(self, api, world, domain_contact):
        response = as_user(api, domain_contact).post(u("accept", world), {"remark": "Mits budget"}, format="json")
        assert response.json()["state"] == "accepted_with_remark"

    def test_decline_needs_a_reason(self, api, world, domain_contact):
        response = as_user(api, domain_contact).post(u("decline", world), {}, format="json")
        assert response.status_code == 400 and "reason" in response.json()
        response = api.post(u("decline", world), {"reason": "Geen middelen"}, format="json")
        assert response.json()["state"] == "declined" and response.json()["remark"] == "Geen middelen"

    def test_assignments_filter_on_mine_and_state(self, api, world, domain_contact, domain):
        data = as_user(api, domain_contact).get("/api/v1/assignments/?mine=true&state=pending").json()
        assert {r["domain"] for r in data["results"]} == {domain.pk}
        assert api.get("/api/v1/assignments/?state=bogus").status_code == 400

    def test_sign_off_sets_signed(self, api, world, domain_contact):
        response = as_user(api, domain_contact).post(u("sign", world), {"remark": "Ok"}, format="json")
        assert response.json()["state"] == "signed" and response.json()["signed_by"]

    def test_signoffs_filter_by_plan(self, api, world, coordinator):
        data = as_user(api, coordinator).get(f"/api/v1/signoffs/?plan={world['plan'].pk}").json()
        assert len(data["results"]) == 2

    def test_a_domain_contact_lists_the_sign_offs_and_answers_of_their_domains_only(self, api, world,
                                                                                  domain_contact, domain):
        client = as_user(api, domain_contact)
        signoffs = client.get(f"/api/v1/signoffs/?plan={world['plan'].pk}").json()["results"]
        assignments = client.get(f"/api/v1/assignments/?plan={world['plan'].pk}").json()["results"]
        assert [s["domain"] for s in signoffs] == [domain.pk]
        assert assignments and {a["domain"] for a in assignments} == {domain.pk}


@pytest.mark.parametrize("url, budget", [
    ("/api/v1/plans/", 4),
    # + permissions (profile, memberships, domains): scoped to the domains whose answers the user reads
    ("/api/v1/assignments/", 7), ("/api/v1/signoffs/", 7),
    ("/api/v1/milestones/", 7),  # + permissions (profile, memberships, domains): scoped to visible actions
])
def test_api_lists_keep_their_query_count(api, coordinator, group, barrier, domain, other_domain, url, budget,
                                          django_assert_num_queries):
    def build(n, title):
        actions = [retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain,
                                   partner_domains=[other_domain]) for _ in range(n)]
        return make_plan(coordinator, actions, title=title)

    build(1, "Klein")
    as_user(api, coordinator)
    api.get("/api/v1/plans/")
    with django_assert_num_queries(budget) as small:  # session, user, count, page (with its joins)
        api.get(url)
    build(49, "Groot")
    with django_assert_num_queries(len(small.captured_queries)):
        api.get(url)


@pytest.mark.parametrize("rows", [1, 60])
def test_assignment_page_query_count(client, domain_contact, coordinator, group, barrier, domain, rows,
                                     django_assert_num_queries):
    make_plan(coordinator, [retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain)
                            for _ in range(rows)])
    client.force_login(domain_contact)
    # Queries: session, user, permissions (3); open questions: count, the ids of one page, their rows (with
    # action, domain, decider); answered questions: count (none, so no page to read).
    with django_assert_num_queries(9):
        response = client.get(reverse("assignment_list"))
    assert response.content.decode().count("Antwoorden<span") == min(rows, plan_views.ASSIGNMENT_PAGE_SIZE)


def test_the_assignment_list_is_paged(client, domain_contact, coordinator, group, barrier, domain, monkeypatch):
    monkeypatch.setattr(plan_views, "ASSIGNMENT_PAGE_SIZE", 2)
    actions = [retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code=f"MOB-{n}")
               for n in (91, 92, 93, 94, 95)]
    make_plan(coordinator, actions)
    Assignment.objects.filter(action__in=actions[1:]).update(state="accepted")
    client.force_login(domain_contact)
    html = client.get(reverse("assignment_list")).content.decode()
    assert "1 open vraag" in html and "MOB-91" in html and "MOB-92" in html and "MOB-94" not in html
    assert 'href="?beantwoord=2"' in html
    html = client.get(reverse("assignment_list") + "?beantwoord=2").content.decode()
    assert "MOB-91" in html and "MOB-94" in html and "MOB-95" in html and "MOB-92" not in html
    assert 'href="?beantwoord=1"' in html and "Pagina 2 van 2" in html


@pytest.mark.parametrize("plans", [1, 50])
def test_plan_list_page_query_count(client, coordinator, plans, django_assert_num_queries):
    for n in range(plans):
        svc.plan_create(user=coordinator, title=f"Plan {n}", default_chapters=False)
    client.force_login(coordinator)
    # Queries: session, user, permissions (3), plans with their counts.
    with django_assert_num_queries(6):
        response = client.get(reverse("plan_list"))
    assert response.content.decode().count("plan-state--draft") == plans


def test_milestone_belongs_to_its_action(api, world, coordinator, extra=None):
    response = as_user(api, coordinator).patch(u("milestone", world), {"action": world["extra"].pk}, format="json")
    assert response.status_code == 400
    assert PlanItem.objects.filter(action=world["a1"]).exists()
