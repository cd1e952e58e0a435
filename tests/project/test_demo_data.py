"""The demo data: refused without DEBUG, idempotent, and usable with the five demo accounts.

The demo loader writes about sixty actions with their history (a few seconds), so it
runs once for this module inside a transaction that is rolled back at the end; each
test runs in a savepoint inside it.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings

from actieplan.seed.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo
from actieplan.models import Action, Comment, Status, StatusChange
from actieplan.permissions import perms_for
from werkgroepen.models import Membership, Profile, WorkingGroup


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            with override_settings(DEBUG=True):
                call_command("load_demo", stdout=StringIO())
            yield
            transaction.set_rollback(True)


@pytest.fixture
def demo_db(demo, db):
    """The demo data, for a test that may write (rolled back after the test)."""


def user(username):
    return get_user_model().objects.get(username=username)


def snapshot():
    return {
        "users": sorted(get_user_model().objects.values_list("username", "password", "email")),
        "profiles": Profile.objects.count(),
        "groups": sorted(WorkingGroup.objects.values_list("code_prefix", "name")),
        "memberships": sorted(Membership.objects.values_list("working_group_id", "user_id", "role")),
        "actions": sorted(Action.objects.values_list("code", "status", "version", "updated_at")),
        "history": Action.history.count(),
        "status_changes": StatusChange.objects.count(),
        "comments": Comment.objects.count(),
    }


def test_it_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo", stdout=StringIO())
    assert not get_user_model().objects.filter(username="coordinator").exists()


def test_it_creates_one_working_group_per_priority_barrier(demo_db):
    groups = {g.code_prefix: g for g in WorkingGroup.objects.prefetch_related("barriers")}
    assert set(groups) == {"GEZ", "ZORG", "INT", "OND", "MOB"}
    assert groups["MOB"].name == "Werkgroep Mobiliteit"
    assert [b.name for b in groups["MOB"].barriers.all()] == ["Mobiliteit"]
    for group in groups.values():
        assert group.barriers.filter(is_priority=True).exists()
        assert group.memberships.filter(role=Membership.Role.CHAIR).exists()


def test_it_creates_about_25_users_each_with_a_profile(demo_db):
    users = get_user_model().objects.all()
    assert 20 <= users.count() <= 35
    assert Profile.objects.count() == users.count()
    assert all(u.email.endswith("@example.be") for u in users)
    assert not Membership.objects.filter(policy_domain=None, organisation=None).exists()


@pytest.mark.parametrize("account", [a["username"] for a in DEMO_ACCOUNTS])
def test_each_demo_account_logs_in_with_the_demo_password(demo_db, client, account):
    assert client.login(username=account, password=DEMO_PASSWORD)


def test_the_demo_accounts_have_their_roles(demo_db):
    mobility = WorkingGroup.objects.get(name="Werkgroep Mobiliteit")

    coordinator = perms_for(user("coordinator"))
    assert coordinator.is_coordinator

    chair = perms_for(user("voorzitter"))
    assert chair.chair_group_ids == {mobility.pk}
    assert chair.can_manage_members(mobility)

    member = perms_for(user("lid"))
    assert member.member_group_ids == {mobility.pk} and not member.is_chair
    assert member.can_create_action_in(mobility)

    contact = perms_for(user("domeincontact"))
    assert contact.is_domain_contact and not contact.is_member
    assert {d.abbreviation for d in user("domeincontact").profile.contact_domains.all()} == {"MOW"}

    cabinet = perms_for(user("kabinet"))
    assert cabinet.is_read_only
    assert {d.abbreviation for d in user("kabinet").profile.cabinet_domains.all()} == {"OV", "KBBJ", "WEWIS"}  # Onderwijs, Justitie en Werk
    assert not cabinet.can_create_actions


def test_it_creates_about_60_actions_in_every_lifecycle_status(demo_db):
    assert 55 <= Action.objects.count() <= 70
    assert set(Action.objects.values_list("status", flat=True)) == set(Status.values)


def test_actions_are_spread_over_groups_barriers_and_domains(demo_db):
    actions = Action.objects.all()
    assert set(actions.exclude(working_group=None).values_list("working_group__code_prefix", flat=True)) == {
        "GEZ", "ZORG", "INT", "OND", "MOB",
    }
    assert actions.values("primary_barrier").distinct().count() >= 6
    assert actions.values("lead_domain").distinct().count() == 8
    assert actions.values("level").distinct().count() == 3
    assert actions.values("instrument_type").distinct().count() >= 6
    assert actions.values("budget_impact").distinct().count() == 3
    assert actions.filter(linked_plans__isnull=False).distinct().count() >= 10
    proposals = actions.filter(working_group=None)
    assert proposals.exists() and not proposals.filter(proposing_domain=None).exists()
    for action in actions:
        assert action.code.startswith(action.working_group.code_prefix if action.working_group_id
                                      else action.proposing_domain.abbreviation)
        assert action.planned_start.year >= 2026 and action.planned_end.year <= 2029


def test_the_mobility_group_has_drafts_for_the_chair_to_submit(demo_db):
    mobility = WorkingGroup.objects.get(code_prefix="MOB")
    drafts = list(Action.objects.filter(working_group=mobility, status=Status.DRAFT))
    assert drafts
    chair = perms_for(user("voorzitter"))
    assert all(Status.SUBMITTED in chair.allowed_transitions(a) for a in drafts)


def test_status_changes_form_a_path_to_the_current_status(demo_db):
    for action in Action.objects.prefetch_related("status_changes"):
        changes = sorted(action.status_changes.all(), key=lambda c: (c.at, c.pk))
        current = Status.DRAFT
        for change in changes:
            assert change.from_status == current
            current = change.to_status
        assert current == action.status, action.code
        assert all(change.by_id for change in changes)


def test_merged_actions_point_to_the_action_they_were_merged_into(demo_db):
    merged = Action.objects.filter(status=Status.MERGED).select_related("merged_into")
    assert merged.exists()
    for action in merged:
        assert action.merged_into is not None and action.merged_into.status != Status.MERGED
        assert action.merged_into.code in action.status_changes.get(to_status=Status.MERGED).reason


def test_decisions_carry_a_reason(demo_db):
    for to in (Status.REJECTED, Status.MERGED, Status.STOPPED, Status.COMPLETED):
        assert not StatusChange.objects.filter(to_status=to, reason="").exists()
    sent_back = StatusChange.objects.filter(from_status=Status.SUBMITTED, to_status=Status.DRAFT)
    assert sent_back.exists() and not sent_back.filter(reason="").exists()


def test_actions_have_a_readable_history(demo_db):
    action = Action.objects.get(working_group__code_prefix="MOB", code="MOB-01")
    records = list(action.history.order_by("history_date"))
    assert records[0].history_change_reason == "Aangemaakt"
    assert records[0].history_user.username == "lid"
    assert [r.status for r in records][-1] == action.status
    assert len(records) == action.status_changes.count() + 1
    assert records[0].history_date < records[-1].history_date
    # The history records keep the many-to-many values of that moment.
    assert {str(t) for t in records[-1].target_groups.all()}


def test_a_few_actions_have_comments(demo_db):
    assert Comment.objects.count() >= 3


def test_loading_twice_changes_nothing(demo_db):
    before = snapshot()
    report = load_demo()
    assert (report.users, report.groups, report.actions) == (0, 0, 0)
    assert snapshot() == before


def test_the_demo_accounts_command_prints_the_five_accounts():
    out = StringIO()
    call_command("demo_accounts", stdout=out)
    text = out.getvalue()
    for account in DEMO_ACCOUNTS:
        assert account["username"] in text
    assert text.count(DEMO_PASSWORD) == 5
    assert "Werkgroep Mobiliteit" in text
