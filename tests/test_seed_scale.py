"""``manage.py seed_scale``: counts, determinism, refusal on real data, --force."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from actieplan.models import Action, Comment, Status, StatusChange
from actieplan.scale_data import USER_PREFIX, generated_groups
from tests import factories as f
from werkgroepen.models import Membership, Profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def reference(db):
    call_command("load_reference", stdout=io.StringIO())


@pytest.fixture
def real_action(reference):
    return f.action(working_group=f.working_group(name="Werkgroep Mobiliteit", code_prefix="MOB"), code="MOB-01")


@pytest.fixture
def real_user(reference):
    return f.user("echte.gebruiker", is_coordinator=True)


def seed(**kwargs) -> str:
    out = io.StringIO()
    call_command("seed_scale", stdout=out, **kwargs)
    return out.getvalue()


def snapshot() -> list[tuple]:
    return list(Action.objects.order_by("code", "working_group__code_prefix").values_list(
        "code", "title", "status", "working_group__code_prefix", "proposing_domain__abbreviation"))


def test_it_creates_proportional_data_over_all_roles_and_statuses(reference):
    output = seed(actions=300, seed=7)

    assert Action.objects.count() == 300
    assert Action.objects.filter(is_generated=False).count() == 0
    users = get_user_model().objects.filter(username__startswith=USER_PREFIX)
    assert users.count() == 30  # 1,000 per 10,000 actions
    assert Profile.objects.filter(user__in=users).count() == 30
    assert generated_groups().count() == 2  # 50 per 10,000, at least 2
    assert Profile.objects.filter(is_coordinator=True).exists()
    assert Profile.objects.filter(is_cabinet=True).exists()
    assert Profile.objects.filter(contact_domains__isnull=False).exists()
    assert Membership.objects.filter(role=Membership.Role.CHAIR).count() == 2
    assert Membership.objects.filter(role=Membership.Role.MEMBER).exists()
    assert set(Action.objects.values_list("status", flat=True)) == set(Status.values)
    assert Action.objects.filter(working_group__isnull=True, proposing_domain__isnull=False).exists()
    assert Action.objects.values("primary_barrier").distinct().count() > 5
    assert Comment.objects.filter(action__is_generated=True).count() > 300
    # Every status change is in the status changes and in simple-history.
    non_draft = Action.objects.exclude(status=Status.DRAFT).count()
    assert StatusChange.objects.count() >= non_draft
    assert Action.history.filter(history_type="+").count() == 300
    assert Action.history.count() == 300 + Action.history.filter(history_type="~").count()
    action = Action.objects.filter(status=Status.IN_PROGRESS).first()
    assert action.history.count() == action.version
    assert action.history.earliest().status == Status.DRAFT
    assert action.history.latest().status == Status.IN_PROGRESS
    assert list(action.history.latest().target_groups.values_list("targetgroup_id", flat=True)) == list(
        action.target_groups.through.objects.filter(action=action).values_list("targetgroup_id", flat=True))
    assert Action.objects.filter(status=Status.MERGED, merged_into__isnull=True).count() == 0
    # Realistic Dutch text of realistic length.
    assert 200 < sum(len(d) for d in Action.objects.values_list("description", flat=True)) / 300 < 3000
    assert all(len(t) <= 200 for t in Action.objects.values_list("title", flat=True))
    assert "actions" in output and "300" in output and " s" in output


def test_the_same_seed_gives_the_same_actions(reference):
    seed(actions=120, seed=3)
    first = snapshot()
    seed(actions=120, seed=3)  # replaces the earlier generated data
    assert snapshot() == first
    assert Action.objects.count() == 120

    seed(actions=120, seed=4)
    assert snapshot() != first


def test_it_refuses_a_database_with_real_actions(real_action):
    with pytest.raises(CommandError, match="1 actions not generated"):
        seed(actions=50)
    assert Action.objects.count() == 1


def test_it_refuses_a_database_with_real_users(real_user):
    with pytest.raises(CommandError, match="1 users"):
        seed(actions=50)
    assert not get_user_model().objects.filter(username__startswith=USER_PREFIX).exists()


def test_a_superuser_alone_does_not_count_as_real_data(reference):
    get_user_model().objects.create_superuser("beheerder", "beheer@example.be", "x-wachtwoord-123")
    seed(actions=20)
    assert Action.objects.count() == 20


def test_with_force_it_adds_generated_data_and_keeps_real_data(real_action, real_user):
    seed(actions=80, force=True)
    seed(actions=80, force=True)  # a second run replaces only the generated data

    assert Action.objects.filter(is_generated=True).count() == 80
    assert Action.objects.filter(pk=real_action.pk, is_generated=False).exists()
    assert get_user_model().objects.filter(pk=real_user.pk).exists()
    real_action.refresh_from_db()
    assert real_action.code == "MOB-01"


def test_it_loads_the_reference_data_when_missing(db):
    seed(actions=20)
    assert Action.objects.count() == 20
