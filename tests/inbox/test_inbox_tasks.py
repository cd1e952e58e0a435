"""The "Te doen" block on the home page and the lists /te-doen/<slug>/: per role, what needs them now."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actieplan.actions import services
from actieplan.models import Action, Assignment, Comment, ImportJob, SignOff, Status
from actieplan.permissions import perms_for
from inbox import selectors
from tests import factories as f
from tests import monitoring_helpers as mh
from tests.conftest import login
from tests.plan_factories import make_plan, retained_action


def _home(client, user) -> str:
    return login(client, user).get(reverse("home")).content.decode()


def _tasks(user) -> dict:
    return {t.kind: t for t in selectors.tasks_for(user)}


# --------------------------------------------------------------------------- coordinator
def test_it_shows_the_coordinator_the_submitted_actions_waiting_for_a_decision(client, coordinator, submitted_action):
    html = _home(client, coordinator)
    assert "Te doen" in html
    assert "1 ingediende actie wacht op een beslissing" in html
    page = client.get(reverse("inbox_tasks", args=["beslissingen"])).content.decode()
    assert "MOB-02" in page and reverse("action_detail", args=[submitted_action.pk]) in page


def test_it_lists_the_oldest_first(coordinator, group, barrier):
    newer = f.action(working_group=group, primary_barrier=barrier, code="MOB-10", status="submitted")
    older = f.action(working_group=group, primary_barrier=barrier, code="MOB-11", status="submitted")
    Action.objects.filter(pk=older.pk).update(created_at=timezone.now() - timedelta(days=40))
    items = selectors.task_items(coordinator, selectors.BY_KIND["decisions"])
    assert [i.title.split(" ")[0] for i in items] == ["MOB-11", "MOB-10"]
    task = _tasks(coordinator)["decisions"]
    assert task.count == 2 and task.oldest == (timezone.localdate() - timedelta(days=40))


def test_a_decision_takes_the_action_off_the_coordinators_list(client, coordinator, submitted_action):
    assert _tasks(coordinator)["decisions"].count == 1
    services.action_transition(action=submitted_action, to=Status.RETAINED, user=coordinator)
    assert "decisions" not in _tasks(coordinator)
    assert "Niets te doen" in _home(client, coordinator)


def test_it_shows_the_coordinator_declined_assignments_and_missing_signoffs(client, coordinator, domain):
    action = retained_action(lead_domain=domain)
    plan = make_plan(coordinator, [action])
    Assignment.objects.filter(action=action).update(state="declined", decided_at=timezone.now())
    tasks = _tasks(coordinator)
    assert tasks["open_assignments"].count == Assignment.objects.filter(action=action).count() >= 1
    assert tasks["missing_signoffs"].count == SignOff.objects.filter(plan=plan).count() == 1
    page = login(client, coordinator).get(reverse("inbox_tasks", args=["goedkeuringen"])).content.decode()
    assert reverse("plan_signoffs", args=[plan.pk]) in page and domain.name in page


def test_it_shows_the_coordinator_overdue_updates_and_milestones(coordinator, group, barrier, domain):
    action = mh.adopted_action(group=group, barrier=barrier, domain=domain, adopted_on=date(2025, 1, 6))
    mh.milestone(action, due=timezone.localdate() - timedelta(days=3), title="Eerste proefproject")
    tasks = _tasks(coordinator)
    assert tasks["overdue_updates"].count == 1
    assert tasks["overdue_milestones"].count == 1
    item = selectors.task_items(coordinator, selectors.BY_KIND["overdue_milestones"])[0]
    assert item.title == "Eerste proefproject" and item.url == reverse("action_progress", args=[action.pk])


def test_it_shows_an_import_waiting_for_confirmation_to_its_uploader_only(coordinator, chair, group):
    ImportJob.objects.create(created_by=chair, working_group=group, file="imports/x.xlsx", filename="acties.xlsx",
                             status="preview")
    assert _tasks(chair)["waiting_imports"].count == 1
    assert "waiting_imports" not in _tasks(coordinator)


# --------------------------------------------------------------------------- chair and member
def test_it_shows_the_chair_drafts_to_submit_and_stale_drafts_of_members(client, chair, member, group, barrier):
    fresh = f.action(working_group=group, primary_barrier=barrier, created_by=member)
    stale = f.action(working_group=group, primary_barrier=barrier, created_by=member)
    Action.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(days=31))
    tasks = _tasks(chair)
    assert tasks["group_drafts"].count == 2
    assert tasks["stale_drafts"].count == 1
    html = _home(client, chair)
    assert "2 concepten om in te dienen" in html
    assert "1 concept van een lid al 30 dagen onaangeroerd" in html
    items = selectors.task_items(chair, selectors.BY_KIND["stale_drafts"])
    assert [i.url for i in items] == [reverse("action_detail", args=[stale.pk])]
    assert fresh.pk != stale.pk


def test_it_shows_an_action_sent_back_to_its_group(client, coordinator, chair, member, submitted_action):
    services.action_transition(action=submitted_action, to=Status.DRAFT, user=coordinator, reason="Maak ze concreter.")
    assert _tasks(chair)["sent_back"].count == 1
    assert _tasks(member)["sent_back"].count == 1
    html = _home(client, member)
    assert "1 actie teruggestuurd" in html
    page = client.get(reverse("inbox_tasks", args=["teruggestuurd"])).content.decode()
    assert reverse("action_edit", args=[submitted_action.pk]) in page


def test_a_draft_never_submitted_is_not_sent_back(member, draft_action):
    assert "sent_back" not in _tasks(member)


def test_it_shows_a_member_own_drafts_and_new_comments_until_the_list_is_opened(client, member, chair, group, barrier):
    action = f.action(working_group=group, primary_barrier=barrier, created_by=member)
    Comment.objects.create(action=action, author=chair, text="Kan de timing scherper?")
    Comment.objects.create(action=action, author=member, text="Mijn eigen opmerking telt niet.")
    tasks = _tasks(member)
    assert tasks["own_drafts"].count == 1
    assert tasks["new_comments"].count == 1
    assert "1 nieuwe opmerking bij uw acties" in _home(client, member)
    page = client.get(reverse("inbox_tasks", args=["opmerkingen"])).content.decode()
    assert "Vera Voorzitter" in page
    assert "new_comments" not in _tasks(member)  # seen now
    Comment.objects.create(action=action, author=chair, text="Nog een vraag.")
    assert _tasks(member)["new_comments"].count == 1


# --------------------------------------------------------------------------- domain contact
def test_it_shows_the_domain_contact_assignments_signoff_updates_and_milestones(
        client, coordinator, domain_contact, domain, group, barrier):
    action = retained_action(lead_domain=domain)
    plan = make_plan(coordinator, [action])
    Assignment.objects.get_or_create(action=action, domain=domain, defaults={"role": "lead"})
    monitored = mh.adopted_action(group=group, barrier=barrier, domain=domain, adopted_on=date(2025, 1, 6))
    mh.milestone(monitored, due=timezone.localdate() + timedelta(days=20), title="Overleg met de VDAB")
    mh.milestone(monitored, due=timezone.localdate() + timedelta(days=90), title="Later")
    tasks = _tasks(domain_contact)
    assert tasks["assignments_to_confirm"].count == 1
    assert tasks["signoff_waiting"].count == 1
    assert tasks["updates_due"].count == 1
    assert tasks["milestones_due"].count == 1
    page = login(client, domain_contact).get(reverse("inbox_tasks", args=["goedkeuren"])).content.decode()
    signoff = SignOff.objects.get(plan=plan, domain=domain)
    assert reverse("plan_signoff", args=[plan.pk, signoff.pk]) in page


def test_another_domains_work_is_not_on_the_contacts_list(domain_contact, other_domain, coordinator):
    action = retained_action(lead_domain=other_domain)
    make_plan(coordinator, [action])
    tasks = _tasks(domain_contact)
    assert "assignments_to_confirm" not in tasks and "signoff_waiting" not in tasks


# --------------------------------------------------------------------------- cabinet
def test_it_shows_the_cabinet_what_changed_since_the_last_visit(client, cabinet, coordinator, domain, group, barrier):
    action = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, status="submitted")
    services.action_transition(action=action, to=Status.RETAINED, user=coordinator)
    assert _tasks(cabinet)["changes"].count == 1
    page = login(client, cabinet).get(reverse("inbox_tasks", args=["wijzigingen"])).content.decode()
    assert "van ingediend naar weerhouden" in page
    assert "changes" not in _tasks(cabinet)


def test_a_change_outside_the_cabinets_portfolio_is_not_shown(cabinet, coordinator, other_domain, group, barrier):
    action = f.action(working_group=group, primary_barrier=barrier, lead_domain=other_domain, status="submitted")
    services.action_transition(action=action, to=Status.RETAINED, user=coordinator)
    assert "changes" not in _tasks(cabinet)


# --------------------------------------------------------------------------- permissions and bad input
@pytest.mark.parametrize("role,slug,expected", [
    ("anonymous", "beslissingen", 302),
    ("coordinator", "beslissingen", 200),
    ("chair", "beslissingen", 403),
    ("member", "in-te-dienen", 403),
    ("chair", "in-te-dienen", 200),
    ("member", "mijn-concepten", 200),
    ("domain_contact", "te-bevestigen", 200),
    ("cabinet", "te-bevestigen", 403),
    ("cabinet", "wijzigingen", 200),
    ("coordinator", "bestaat-niet", 404),
    ("coordinator", "%3Cscript%3E", 404),
])
def test_each_list_is_for_its_roles_only(client, users, role, slug, expected):
    response = login(client, users[role]).get(f"/te-doen/{slug}/")
    assert response.status_code == expected


def test_the_lists_answer_get_only(client, coordinator):
    assert login(client, coordinator).post(reverse("inbox_tasks", args=["beslissingen"])).status_code == 405


# --------------------------------------------------------------------------- query counts
@pytest.mark.parametrize("rows", [1, 12])
def test_the_selectors_query_count_does_not_grow(users, group, barrier, domain, rows, django_assert_num_queries):
    for n in range(rows):
        f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, status="submitted")
        f.action(working_group=group, primary_barrier=barrier, created_by=users["member"])
        action = mh.adopted_action(group=group, barrier=barrier, domain=domain, adopted_on=date(2025, 1, 6))
        mh.milestone(action, due=timezone.localdate() - timedelta(days=2))
    budgets = {
        # one aggregate per kind: decisions, suggestions, assignments, sign-offs, settings + overdue updates,
        # overdue milestones, imports
        "coordinator": 8,
        # group drafts, sent back, stale drafts, new comments, imports
        "chair": 5,
        # own drafts, sent back, new comments
        "member": 3,
        # imports, sent back, to confirm, sign-off, settings + updates due, milestones due
        "domain_contact": 7,
        # changes since the last visit
        "cabinet": 1,
    }
    for role, budget in budgets.items():
        user = users[role]
        perms_for(user)  # read once per request, before the selectors
        with django_assert_num_queries(budget):
            tasks = selectors.tasks_for(user)
        assert tasks or role == "cabinet"
        for task in tasks:
            # the rows of the kind (+ the monitoring settings for the kinds about progress reports)
            with django_assert_num_queries(2 if task.kind in ("overdue_updates", "updates_due") else 1):
                assert len(selectors.task_items(user, selectors.BY_KIND[task.kind])) == task.count
