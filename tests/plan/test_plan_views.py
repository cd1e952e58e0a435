"""Pages of the overarching plan: permission matrix, behaviour, bad input, query budgets."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actieplan.plan import selectors as sel
from actieplan.plan import services as svc
from actieplan.plan import urls as urls_plan
from actieplan.models import Action, Assignment, Milestone, PlanItem, PlanStatus, SignOff, SignOffState, Status
from actieplan.actions.services import action_update
from tests import factories as f
from tests.conftest import ROLES, login
from tests.hostile_text import without_isolation
from tests.plan_factories import make_plan, retained_action


@pytest.fixture
def world(coordinator, group, other_group, barrier, other_barrier, domain, other_domain, users):
    """A plan with version 1 final, then back in consultation as version 2 with a change."""
    a1 = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-10",
                         partner_domains=[other_domain], title="Jobbus naar bedrijventerreinen")
    a2 = retained_action(working_group=other_group, primary_barrier=other_barrier, lead_domain=other_domain,
                         code="ZORG-10", title="Flexibele kinderopvang voor ploegenwerk")
    plan = make_plan(coordinator, [a1, a2])
    svc.plan_consult(plan=plan, user=coordinator)
    svc.plan_finalise(plan=plan, user=coordinator, vr_reference="VR 2026 0307 MED.0123/1", vr_date=date(2026, 7, 3),
                      override_reason="Politiek akkoord.")
    a1 = Action.objects.get(pk=a1.pk)
    action_update(action=a1, user=coordinator, data={"title": "Jobbus en deelfietsen"}, m2m={},
                  expected_version=a1.version)
    svc.plan_consult(plan=plan, user=coordinator)
    plan.refresh_from_db()
    return {
        "plan": plan, "a1": a1, "a2": a2,
        "chapter": plan.chapters.get(title="Mobiliteit"),
        "item": PlanItem.objects.get(plan=plan, action=a1),
        "milestone": Milestone.objects.filter(action=a1).first(),
        "signoff": SignOff.objects.get(plan=plan, domain=domain),
        "assignment": Assignment.objects.get(action=a1, domain=domain),
    }


def url_for(name, w):
    p = w["plan"].pk
    args = {
        "plan_list": [], "plan_create": [], "assignment_list": [],
        "assignment_respond": [w["assignment"].pk],
        "plan_chapter_edit": [p, w["chapter"].pk], "plan_chapter_move": [p, w["chapter"].pk],
        "plan_chapter_delete": [p, w["chapter"].pk],
        "plan_item_move": [p, w["item"].pk], "plan_item_remove": [p, w["item"].pk],
        "plan_action_trajectory": [p, w["a1"].pk], "plan_milestone_add": [p, w["a1"].pk],
        "plan_milestone_delete": [p, w["a1"].pk, w["milestone"].pk],
        "plan_signoff": [p, w["signoff"].pk], "plan_version": [p, 1],
    }.get(name, [p])
    return reverse(name, args=args)


EVERYONE = ["coordinator", "chair", "member", "other_member", "domain_contact", "cabinet"]
READ_PAGES = ["plan_list", "plan_detail", "plan_versions", "plan_version", "plan_diff", "plan_timeline"]
COORDINATOR_PAGES = ["plan_create", "plan_edit", "plan_chapter_create", "plan_chapter_edit", "plan_action_trajectory",
                     "plan_consult", "plan_finalise", "plan_reopen", "plan_signoffs"]
COORDINATOR_POSTS = ["plan_chapter_move", "plan_chapter_delete", "plan_item_add", "plan_item_move", "plan_item_remove",
                     "plan_milestone_add", "plan_milestone_delete"]


def expected_get(name, role):
    if role == "anonymous":
        return 302
    if name in READ_PAGES:
        return 200
    if name in COORDINATOR_PAGES:
        return 200 if role == "coordinator" else 403
    if name in COORDINATOR_POSTS:
        return 405
    if name in ("plan_signoff", "assignment_list"):
        return 200 if role in ("coordinator", "domain_contact") else 403
    if name == "assignment_respond":
        return 200 if role == "domain_contact" else 403
    raise AssertionError(f"no rule for {name}")


ALL_NAMES = [p.name for p in urls_plan.urlpatterns]


def test_every_plan_url_has_a_rule():
    for name in ALL_NAMES:
        expected_get(name, "coordinator")


@pytest.mark.parametrize("name", ALL_NAMES)
def test_get_permission_matrix(client, world, users, name):
    """Every page × every role (one world per page; the client logs in as each role in turn)."""
    for role in ROLES:
        client.logout()
        response = login(client, users[role]).get(url_for(name, world))
        assert response.status_code == expected_get(name, role), (name, role)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", COORDINATOR_POSTS + ["plan_consult", "plan_reopen", "plan_finalise", "plan_edit"])
def test_posts_of_coordinator_pages_are_refused_to_others(client, world, users, name):
    before = PlanItem.objects.count(), Milestone.objects.count(), world["plan"].chapters.count()
    for role in ["chair", "member", "other_member", "domain_contact", "cabinet"]:
        client.logout()
        assert login(client, users[role]).post(url_for(name, world), {"direction": "up"}).status_code == 403, role
    assert (PlanItem.objects.count(), Milestone.objects.count(), world["plan"].chapters.count()) == before


def test_anonymous_posts_go_to_the_login_page(client, world):
    for name in COORDINATOR_POSTS:
        response = client.post(url_for(name, world))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


# --------------------------------------------------------------------------- the plan page
class TestPlanPage:
    def test_it_shows_chapters_with_their_actions_and_trajectory(self, client, member, world):
        html = login(client, member).get(url_for("plan_detail", world)).content.decode()
        assert "1. Mobiliteit" in html and "2. Zorgtaken" in html
        assert "Jobbus en deelfietsen" in html and "ZORG-10" in html
        assert "Onderwijs en Vorming" in html  # lead of ZORG-10, partner of MOB-10
        assert "01/09/2026 – 30/06/2027" in html
        assert "Startvergadering met de partners" in html
        assert "In consultatie brengen" not in html and "Uit het plan halen" not in html  # read only

    def test_it_flags_actions_without_lead_or_trajectory(self, client, coordinator, world, group, barrier):
        svc.plan_reopen(plan=world["plan"], user=coordinator)
        bare = retained_action(working_group=group, primary_barrier=barrier, complete=False, code="MOB-12")
        svc.item_add(plan=world["plan"], chapter=world["chapter"], action=bare, user=coordinator)
        html = login(client, coordinator).get(url_for("plan_detail", world)).content.decode()
        assert "Ontbreekt: trekker, mijlpalen, geplande start, gepland einde" in html
        assert "MOB-12 mist: trekker, mijlpalen, geplande start, gepland einde." in html

    def test_declines_are_shown_to_coordinators_at_once(self, client, coordinator, domain_contact, world):
        login(client, domain_contact).post(
            url_for("assignment_respond", world), {"decision": "decline", "remark": "Geen budget in 2027"})
        html = login(client, coordinator).get(url_for("plan_detail", world)).content.decode()
        assert "Niet akkoord" in html and "Geen budget in 2027" in html

    def test_coordinators_see_the_sign_off_table(self, client, coordinator, world):
        html = login(client, coordinator).get(url_for("plan_signoffs", world)).content.decode()
        assert "Mobiliteit en Openbare Werken" in html and "nog niet ondertekend" in html

    def test_a_coordinator_adds_a_retained_action(self, client, coordinator, world, group, barrier):
        extra = retained_action(working_group=group, primary_barrier=barrier, code="MOB-40")
        response = login(client, coordinator).post(
            url_for("plan_item_add", world), {"action": extra.pk, "chapter": world["chapter"].pk})
        assert response.status_code == 302
        assert PlanItem.objects.filter(plan=world["plan"], action=extra, chapter=world["chapter"]).exists()

    def test_adding_an_action_twice_is_refused_with_a_message(self, client, coordinator, world):
        other = world["plan"].chapters.get(title="Zorgtaken")
        response = login(client, coordinator).post(
            url_for("plan_item_add", world), {"action": world["a1"].pk, "chapter": other.pk}, follow=True)
        assert "staat al in hoofdstuk ‘Mobiliteit’" in response.content.decode()
        assert PlanItem.objects.get(action=world["a1"]).chapter == world["chapter"]

    def test_moving_and_removing(self, client, coordinator, world):
        login(client, coordinator)
        other = world["plan"].chapters.get(title="Zorgtaken")
        client.post(url_for("plan_item_move", world), {"chapter": other.pk})
        assert PlanItem.objects.get(pk=world["item"].pk).chapter == other
        client.post(url_for("plan_chapter_move", world), {"direction": "down"})
        assert [c.title for c in world["plan"].chapters.order_by("order")] == ["Zorgtaken", "Mobiliteit"]
        client.post(url_for("plan_item_remove", world))
        assert not PlanItem.objects.filter(pk=world["item"].pk).exists()

    def test_markup_in_the_introduction_is_shown_as_text_never_run(self, client, coordinator, world):
        login(client, coordinator).post(url_for("plan_edit", world), {
            "title": "Actieplan", "introduction": "**Goed**\n\n<script>alert('x')</script><p onclick=\"x()\">Ok</p>",
            "conclusion": ""})
        html = client.get(url_for("plan_detail", world)).content.decode()
        assert "<strong>Goed</strong>" in html and "Ok" in html
        assert "<script>alert(" not in html and "<p onclick" not in html
        assert "&lt;script&gt;" in html  # raw HTML in Markdown is text

    @pytest.mark.parametrize("rows", [1, 30])
    def test_query_count_does_not_grow_with_actions(self, client, coordinator, group, barrier, domain, other_domain,
                                                    target_group, rows, django_assert_num_queries):
        org = f.organisation()
        actions = [retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain,
                                   partner_domains=[other_domain], partner_organisations=[org],
                                   target_groups=[target_group]) for _ in range(rows)]
        plan = make_plan(coordinator, actions)
        login(client, coordinator)
        # Queries: session, user, plan, permissions (3), chapters with their counts, the page's item ids, its
        # items with their actions, partner organisations, partner domains, milestones, assignments, sign-offs,
        # latest version; the problems (incomplete actions and declines: the first rows with the count of
        # all) and the eligible actions (none here, so no chapters for the add form).
        with django_assert_num_queries(18):
            response = client.get(reverse("plan_detail", args=[plan.pk]))
        assert response.content.decode().count('<article class="plan-action') == min(rows, sel.PLAN_PAGE_SIZE)
        # The chapters with their counts, the problems and the eligible actions are cached until the next write.
        with django_assert_num_queries(14):
            client.get(reverse("plan_detail", args=[plan.pk]))

    def test_a_large_plan_is_paged_under_its_chapter_headings(self, client, member, coordinator, group, barrier,
                                                              other_barrier, monkeypatch):
        monkeypatch.setattr(sel, "PLAN_PAGE_SIZE", 2)
        mob = [retained_action(working_group=group, primary_barrier=barrier, code=f"MOB-{n}") for n in (51, 52, 53)]
        zorg = retained_action(working_group=group, primary_barrier=other_barrier, code="MOB-60")
        plan = make_plan(coordinator, [*mob, zorg])
        zorgtaken = plan.chapters.get(title="Zorgtaken")
        login(client, member)
        html = client.get(reverse("plan_detail", args=[plan.pk])).content.decode()
        assert "1. Mobiliteit" in html and "MOB-51" in html and "MOB-52" in html
        assert "MOB-53" not in html and "2. Zorgtaken" not in html
        assert f'href="?page=2#hoofdstuk-{zorgtaken.pk}"' in html  # the table of contents
        assert "Pagina 1 van 2" in html
        html = client.get(reverse("plan_detail", args=[plan.pk]) + "?page=2").content.decode()
        assert "1. Mobiliteit <span class=\"plan-meta\">(vervolg)</span>" in html
        assert "MOB-53" in html and "2. Zorgtaken" in html and "MOB-60" in html and "MOB-51" not in html
        # past the end: the last page; not a number: the first
        assert "MOB-60" in client.get(reverse("plan_detail", args=[plan.pk]) + "?page=9").content.decode()
        assert "MOB-51" in client.get(reverse("plan_detail", args=[plan.pk]) + "?page=x").content.decode()

    def test_after_a_move_the_coordinator_lands_on_the_page_of_the_action(self, client, coordinator, group, barrier,
                                                                          other_barrier, monkeypatch):
        monkeypatch.setattr(sel, "PLAN_PAGE_SIZE", 2)
        mob = [retained_action(working_group=group, primary_barrier=barrier) for _ in range(3)]
        plan = make_plan(coordinator, [*mob, retained_action(working_group=group, primary_barrier=other_barrier)])
        first = PlanItem.objects.get(plan=plan, action=mob[0])
        zorgtaken = plan.chapters.get(title="Zorgtaken")
        response = login(client, coordinator).post(reverse("plan_item_move", args=[plan.pk, first.pk]),
                                                   {"chapter": zorgtaken.pk})
        assert response["Location"] == reverse("plan_detail", args=[plan.pk]) + f"?page=2#item-{first.pk}"
        response = client.post(reverse("plan_chapter_move", args=[plan.pk, zorgtaken.pk]), {"direction": "up"})
        assert response["Location"] == reverse("plan_detail", args=[plan.pk]) + f"#hoofdstuk-{zorgtaken.pk}"

    def test_many_problems_are_counted_not_listed(self, client, coordinator, group, barrier, monkeypatch):
        monkeypatch.setattr(sel, "PROBLEM_LIMIT", 1)
        plan = make_plan(coordinator, [retained_action(working_group=group, primary_barrier=barrier, complete=False,
                                                       code=f"MOB-{n}") for n in (71, 72, 73)])
        html = login(client, coordinator).get(reverse("plan_detail", args=[plan.pk])).content.decode()
        assert "MOB-71 mist: trekker, mijlpalen, geplande start, gepland einde." in html
        assert "MOB-72 mist" not in html
        assert "Nog 2 andere acties zijn onvolledig." in html

    def test_a_decline_is_listed_again_after_a_new_write(self, client, coordinator, domain_contact, world):
        """The problems are cached; any write (here the contact's answer) shows up at once."""
        login(client, coordinator).get(url_for("plan_detail", world))
        login(client, domain_contact).post(url_for("assignment_respond", world),
                                           {"decision": "decline", "remark": "Geen personeel"})
        html = without_isolation(login(client, coordinator).get(url_for("plan_detail", world)).content.decode())
        assert "Geen personeel" in html and "Mobiliteit en Openbare Werken gaat niet akkoord met MOB-10." in html


# --------------------------------------------------------------------------- trajectory
class TestTrajectory:
    def test_coordinator_sets_lead_partners_and_dates(self, client, coordinator, world, domain, other_domain):
        a2 = Action.objects.get(pk=world["a2"].pk)
        response = login(client, coordinator).post(reverse("plan_action_trajectory", args=[world["plan"].pk, a2.pk]), {
            "lead_domain": domain.pk, "partner_domains": [other_domain.pk], "planned_start": "2027-01-01",
            "planned_end": "2027-12-31", "version": a2.version})
        assert response.status_code == 302
        a2.refresh_from_db()
        assert a2.lead_domain == domain and a2.planned_end == date(2027, 12, 31)
        assert set(Assignment.objects.filter(action=a2).values_list("domain_id", "role")) == {
            (domain.pk, "lead"), (other_domain.pk, "partner")}

    def test_lead_is_required_and_not_also_partner(self, client, coordinator, world, domain):
        a2 = Action.objects.get(pk=world["a2"].pk)
        response = login(client, coordinator).post(reverse("plan_action_trajectory", args=[world["plan"].pk, a2.pk]), {
            "lead_domain": "", "planned_start": "2027-01-01", "planned_end": "2026-01-01", "version": a2.version})
        assert response.status_code == 400
        assert "Elke actie in het actieplan heeft één trekker." in response.content.decode()
        response = client.post(reverse("plan_action_trajectory", args=[world["plan"].pk, a2.pk]), {
            "lead_domain": domain.pk, "partner_domains": [domain.pk], "planned_start": "2027-01-01",
            "planned_end": "2026-01-01", "version": a2.version})
        html = response.content.decode()
        assert "De trekker is niet ook partner." in html
        assert "Het geplande einde ligt vóór de geplande start." in html

    def test_milestones_are_added_and_removed(self, client, coordinator, world):
        login(client, coordinator)
        url = reverse("plan_milestone_add", args=[world["plan"].pk, world["a1"].pk])
        assert client.post(url, {"title": "", "due_date": "x"}).status_code == 400
        client.post(url, {"title": "Aanbesteding", "due_date": "2027-02-01"})
        assert Milestone.objects.filter(action=world["a1"], title="Aanbesteding").exists()
        client.post(url_for("plan_milestone_delete", world))
        assert not Milestone.objects.filter(pk=world["milestone"].pk).exists()

    def test_an_action_outside_the_plan_is_404(self, client, coordinator, world, group, barrier):
        other = retained_action(working_group=group, primary_barrier=barrier)
        login(client, coordinator)
        assert client.get(reverse("plan_action_trajectory", args=[world["plan"].pk, other.pk])).status_code == 404


# --------------------------------------------------------------------------- state changes
class TestStateChanges:
    def test_finalising_an_incomplete_plan_without_reason_is_refused(self, client, coordinator, world):
        response = login(client, coordinator).post(url_for("plan_finalise", world), {
            "vr_reference": "VR 2026 1810 MED.0400/1", "vr_date": "2026-10-18"})
        assert response.status_code == 400
        assert "Geef een reden om toch af te ronden" in response.content.decode()
        assert world["plan"].versions.count() == 1

    def test_finalising_with_a_reason_freezes_version_2(self, client, coordinator, world):
        response = login(client, coordinator).post(url_for("plan_finalise", world), {
            "vr_reference": "VR 2026 1810 MED.0400/1", "vr_date": "2026-10-18", "override_reason": "Dringend."})
        assert response.status_code == 302
        version = world["plan"].versions.get(number=2)
        assert version.vr_reference == "VR 2026 1810 MED.0400/1" and version.override_reason == "Dringend."

    def test_finalise_needs_reference_and_date(self, client, coordinator, world):
        response = login(client, coordinator).post(url_for("plan_finalise", world), {"override_reason": "x"})
        html = response.content.decode()
        assert response.status_code == 400
        assert "Geef de referentie van de beslissing van de Vlaamse Regering op." in html

    def test_consult_and_reopen_with_confirmation(self, client, coordinator, world):
        login(client, coordinator)
        assert "Terug naar ontwerp" in client.get(url_for("plan_reopen", world)).content.decode()
        client.post(url_for("plan_reopen", world))
        world["plan"].refresh_from_db()
        assert world["plan"].status == PlanStatus.DRAFT
        client.post(url_for("plan_consult", world))
        world["plan"].refresh_from_db()
        assert world["plan"].status == PlanStatus.IN_CONSULTATION


# --------------------------------------------------------------------------- acceptance and sign-off
class TestAcceptanceAndSignOff:
    def test_the_contact_sees_pending_assignments(self, client, domain_contact, world):
        html = login(client, domain_contact).get(reverse("assignment_list")).content.decode()
        assert "1 open vraag" in html and "Jobbus en deelfietsen" in html

    def test_open_and_answered_questions_page_apart(self, client, domain_contact, domain, group, barrier, world,
                                                    monkeypatch):
        from actieplan.plan import views as plan_views

        monkeypatch.setattr(plan_views, "ASSIGNMENT_PAGE_SIZE", 1)
        # two answered questions on actions of the plan, two open ones on actions added to it
        Assignment.objects.filter(pk=world["assignment"].pk).update(state="accepted")
        Assignment.objects.create(action=world["a2"], domain=domain, role="partner", state="accepted")
        for code in ("MOB-40", "MOB-41"):
            added = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code=code)
            svc.item_add(plan=world["plan"], chapter=world["chapter"], action=added, user=world["plan"].created_by)
        login(client, domain_contact)
        html = client.get(reverse("assignment_list")).content.decode()
        assert 'aria-label="Paginering open vragen"' in html and 'aria-label="Paginering beantwoord"' in html
        assert 'href="?page=2"' in html and 'href="?beantwoord=2"' in html
        second = client.get(reverse("assignment_list"), {"beantwoord": "2"}).content.decode()
        assert "Pagina 2 van 2" in second and 'href="?beantwoord=1"' in second

    def test_accept_with_remark_and_decline_need_text(self, client, domain_contact, world):
        login(client, domain_contact)
        for decision in ("accept_with_remark", "decline"):
            response = client.post(url_for("assignment_respond", world), {"decision": decision, "remark": ""})
            assert response.status_code == 400
        client.post(url_for("assignment_respond", world), {"decision": "accept_with_remark", "remark": "Ok mits budget"})
        world["assignment"].refresh_from_db()
        assert world["assignment"].state == "accepted_with_remark"

    def test_the_contact_signs_off_for_their_domain(self, client, domain_contact, world):
        login(client, domain_contact)
        html = client.get(url_for("plan_signoff", world)).content.decode()
        assert "Jobbus en deelfietsen" in html and "ZORG-10" not in html
        client.post(url_for("plan_signoff", world), {"remark": "Goedgekeurd door de AG."})
        world["signoff"].refresh_from_db()
        assert world["signoff"].state == SignOffState.SIGNED

    def test_a_contact_of_another_domain_cannot_sign(self, client, other_domain, world):
        other_contact = f.user("contact-ov", contact_domains=[other_domain])
        login(client, other_contact)
        assert client.get(url_for("plan_signoff", world)).status_code == 403
        assert client.post(url_for("plan_signoff", world), {"remark": ""}).status_code == 403
        assert SignOff.objects.get(pk=world["signoff"].pk).state == SignOffState.PENDING


# --------------------------------------------------------------------------- versions, diff, timeline
class TestVersionsDiffTimeline:
    def test_versions_list_the_frozen_and_the_draft(self, client, cabinet, world):
        html = without_isolation(login(client, cabinet).get(url_for("plan_versions", world)).content.decode())
        assert "Versie 2 (ontwerp)" in html and "VR 2026 0307 MED.0123/1 (03/07/2026)" in html

    def test_a_frozen_version_shows_its_own_content(self, client, cabinet, world):
        html = login(client, cabinet).get(url_for("plan_version", world)).content.decode()
        assert "Jobbus naar bedrijventerreinen" in html and "Jobbus en deelfietsen" not in html

    def test_the_diff_page_shows_field_changes(self, client, cabinet, world):
        html = without_isolation(
            login(client, cabinet).get(url_for("plan_diff", world) + "?from=1&to=current").content.decode())
        assert "Verschillen tussen versie 1 en versie 2" in html
        assert "<del>Jobbus naar bedrijventerreinen</del>" in html and "<ins>Jobbus en deelfietsen</ins>" in html

    def test_the_timeline_groups_by_domain_or_chapter(self, client, member, world):
        login(client, member)
        html = client.get(url_for("plan_timeline", world)).content.decode()
        assert "2026 K3" in html and "2027 K2" in html and "Mobiliteit en Openbare Werken" in html
        html = client.get(url_for("plan_timeline", world) + "?per=hoofdstuk").content.decode()
        assert "Gegroepeerd per hoofdstuk." in html

    def test_the_timeline_is_paged(self, client, member, coordinator, group, barrier, monkeypatch):
        monkeypatch.setattr(sel, "TIMELINE_PAGE_SIZE", 2)
        plan = make_plan(coordinator, [retained_action(working_group=group, primary_barrier=barrier, code=f"MOB-{n}")
                                       for n in (81, 82, 83)])
        login(client, member)
        html = without_isolation(
            client.get(reverse("plan_timeline", args=[plan.pk]) + "?per=hoofdstuk").content.decode())
        assert "MOB-81" in html and "MOB-82" in html and "MOB-83" not in html
        assert 'href="?per=hoofdstuk&amp;page=2"' in html
        html = without_isolation(
            client.get(reverse("plan_timeline", args=[plan.pk]) + "?per=hoofdstuk&page=2").content.decode())
        assert "MOB-83" in html and "Mobiliteit (vervolg)" in html and "Acties 3 tot 3 van 3." in html

    def test_the_diff_is_paged(self, client, cabinet, world, group, barrier, monkeypatch):
        monkeypatch.setattr(sel, "DIFF_PAGE_SIZE", 1)
        html = without_isolation(
            login(client, cabinet).get(url_for("plan_diff", world) + "?from=1&to=current").content.decode())
        assert "<del>Jobbus naar bedrijventerreinen</del>" in html and "Pagina 1 van 2" in html
        assert "Deze pagina vergelijkt de acties 1 tot 1 van 2." in html
        html = without_isolation(client.get(url_for("plan_diff", world) + "?from=1&to=current&page=2").content.decode())
        assert "Geen verschillen bij de acties op deze pagina." in html
        assert 'href="?from=1&amp;to=current&amp;page=1"' in html

    def test_a_version_is_paged(self, client, cabinet, world, monkeypatch):
        monkeypatch.setattr(sel, "PLAN_PAGE_SIZE", 1)
        html = login(client, cabinet).get(url_for("plan_version", world)).content.decode()
        assert "Jobbus naar bedrijventerreinen" in html and "ZORG-10" not in html and "Pagina 1 van 2" in html
        html = client.get(url_for("plan_version", world) + "?page=2").content.decode()
        assert "ZORG-10" in html and "2. Zorgtaken" in html

    def test_the_pages_keep_their_query_count(self, client, coordinator, group, barrier, domain, other_domain):
        """Versions, diff, timeline and sign-off: the same queries for a plan of 1 and of 30 actions."""
        def build(rows, title):
            actions = [retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain,
                                       partner_domains=[other_domain]) for _ in range(rows)]
            plan = make_plan(coordinator, actions, title=title)
            for reference in ("VR 1", "VR 2"):
                if plan.status == PlanStatus.FINAL:
                    svc.plan_reopen(plan=plan, user=coordinator)
                svc.plan_consult(plan=plan, user=coordinator)
                svc.plan_finalise(plan=plan, user=coordinator, vr_reference=reference, vr_date=date(2026, 7, 3),
                                  override_reason="x")
                plan.refresh_from_db()
            action = Action.objects.get(pk=actions[0].pk)
            action_update(action=action, user=coordinator, data={"title": "Gewijzigd"}, m2m={},
                          expected_version=action.version)
            return plan

        def counts(plan):
            found = {}
            for name, suffix in [("plan_version", ""), ("plan_diff", ""), ("plan_diff", "?from=1&to=2"),
                                 ("plan_timeline", ""), ("plan_timeline", "?versie=1&per=hoofdstuk"),
                                 ("plan_signoffs", ""), ("plan_signoff", ""), ("plan_finalise", "")]:
                extra = {"plan_version": [1], "plan_signoff": [plan.signoffs.get().pk]}.get(name, [])
                url = reverse(name, args=[plan.pk, *extra]) + suffix
                with CaptureQueriesContext(connection) as queries:
                    assert client.get(url).status_code == 200
                found[(name, suffix)] = len(queries)
            return found

        login(client, coordinator)
        small = counts(build(1, "Klein"))
        assert counts(build(30, "Groot")) == small

    @pytest.mark.parametrize("url", [
        "/plannen/999999/", "/plannen/{p}/versies/9/", "/plannen/{p}/verschil/?from=9", "/plannen/{p}/verschil/?from=abc",
        "/plannen/{p}/goedkeuringen/999999/", "/ter-bevestiging/999999/", "/plannen/{p}/tijdlijn/?versie=5",
    ])
    def test_unknown_ids_give_404(self, client, coordinator, world, url):
        assert login(client, coordinator).get(url.format(p=world["plan"].pk)).status_code == 404


def test_adopted_actions_after_finalise_show_the_new_status(world):
    assert Action.objects.get(pk=world["a2"].pk).status == Status.ADOPTED
