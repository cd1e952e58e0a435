"""``manage.py seed_scale``: counts, determinism, refusal on real data, --force.

Also the steps of the later parts: alignment (merges, links, dismissals), the similarity
index, the plan with its versions, and monitoring (baselines, status updates,
indicators, the reminders' sent log).
"""

import io
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from actieplan.alignment import similarity
from actieplan.models import (
    Action,
    ActionLink,
    ActionTermVector,
    Assignment,
    AssignmentRole,
    Barrier,
    Chapter,
    Comment,
    Merge,
    Milestone,
    Plan,
    PlanItem,
    PlanStatus,
    SignOff,
    SimilarityDismissal,
    Status,
    StatusChange,
    TermPosting,
)
from actieplan.plan.selectors import snapshot_actions
from bench.scale_data import T_NOW, USER_PREFIX, generated_groups
from monitoring.models import ActionBaseline, Indicator, Measurement, SentReminder, StatusUpdate
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


# --------------------------------------------------------------------------- later parts
MONITORED = [Status.ADOPTED, Status.IN_PROGRESS, Status.COMPLETED, Status.STOPPED]


def test_it_adds_alignment_data_and_the_similarity_index(reference):
    seed(actions=300, seed=7)

    merged = Action.objects.filter(status=Status.MERGED)
    assert Merge.objects.count() == merged.count() > 0
    assert set(Merge.objects.values_list("merged_id", "into_id")) == set(merged.values_list("pk", "merged_into_id"))
    assert ActionLink.objects.count() == 60  # 2,000 per 10,000 actions
    unlinkable = [Status.DRAFT, Status.MERGED, Status.REJECTED]
    assert not ActionLink.objects.filter(from_action__status__in=unlinkable).exists()
    assert not ActionLink.objects.filter(to_action__status__in=unlinkable).exists()
    assert SimilarityDismissal.objects.count() == 9  # 300 per 10,000 actions
    # The index is exactly what reindex_all computes: a vector for every action, postings
    # for the candidates only.
    assert ActionTermVector.objects.count() == 300
    candidates = set(Action.objects.filter(status__in=similarity.ELIGIBLE).values_list("pk", flat=True))
    assert set(TermPosting.objects.values_list("action_id", flat=True)) == candidates
    vectors = sorted(ActionTermVector.objects.values_list("action_id", "terms", "norm"))
    postings = sorted(TermPosting.objects.values_list("action_id", "term", "weight"))
    similarity.reindex_all()
    assert sorted(ActionTermVector.objects.values_list("action_id", "terms", "norm")) == vectors
    assert sorted(TermPosting.objects.values_list("action_id", "term", "weight")) == postings
    some = min(candidates)
    assert similarity.similar_to(some, min_score=0)


def test_it_adds_a_plan_with_two_frozen_versions(reference):
    seed(actions=300, seed=7)

    plan = Plan.objects.get()
    assert plan.status == PlanStatus.IN_CONSULTATION
    priority = Barrier.objects.filter(is_priority=True).count()
    assert Chapter.objects.filter(plan=plan, barrier__is_priority=True).count() == priority
    in_plan = Action.objects.filter(status__in=[Status.RETAINED, *MONITORED])
    assert set(PlanItem.objects.values_list("action_id", flat=True)) == set(in_plan.values_list("pk", flat=True))
    v1, v2 = plan.versions.order_by("number")
    first, second = snapshot_actions(v1.snapshot), snapshot_actions(v2.snapshot)
    assert 0 < len(first) < len(second) < in_plan.count()  # v2 adds actions, the draft adds the retained ones
    assert {a["code"] for a in first} < {a["code"] for a in second}
    assert v1.snapshot["version"]["number"] == 1 and v2.vr_date < date(2026, 11, 1)
    # Every action in the plan has milestones; every lead domain an assignment and a sign-off.
    assert not in_plan.filter(milestones__isnull=True).exists()
    leads = set(in_plan.exclude(lead_domain=None).values_list("lead_domain", flat=True))
    assert set(SignOff.objects.filter(plan=plan).values_list("domain_id", flat=True)) == leads
    assert Assignment.objects.filter(role=AssignmentRole.LEAD).count() == in_plan.exclude(lead_domain=None).count()
    assert Milestone.objects.filter(done_on__isnull=False).exists()
    assert ActionBaseline.objects.count() == len(second)


def test_it_adds_monitoring_data(reference):
    output = seed(actions=300, seed=7)

    updates = StatusUpdate.objects.all()
    assert updates.count() == 3_000  # 100,000 per 10,000 actions
    assert not updates.filter(is_generated=False).exists()
    assert not updates.exclude(action__status__in=MONITORED).exists()
    assert not updates.filter(date__gt=T_NOW.date()).exists()
    assert Indicator.objects.filter(is_generated=True).count() == 6  # 200 per 10,000 actions
    assert Measurement.objects.count() == 6 * 100
    reminders = SentReminder.objects.all()
    assert reminders.count() > 100 and not reminders.filter(is_generated=False).exists()
    assert len(set(reminders.values_list("kind", flat=True))) >= 5
    assert "status updates" in output and "sent reminders" in output


def test_the_same_seed_gives_the_same_later_data(reference):
    def later():
        return (
            list(StatusUpdate.objects.order_by("action__code", "action__working_group__code_prefix", "date",
                                              "created_at").values_list("action__code", "date", "progress_state")),
            list(Indicator.objects.order_by("order").values_list("name", "baseline_value")),
            [a["code"] for a in snapshot_actions(Plan.objects.get().versions.get(number=1).snapshot)],
            SentReminder.objects.count(),
        )

    seed(actions=120, seed=3)
    first = later()
    seed(actions=120, seed=3)
    assert later() == first
    assert Plan.objects.count() == 1 and Indicator.objects.filter(is_generated=True).count() == 2


def test_it_refuses_a_database_with_real_status_updates_or_plans(reference):
    seed(actions=50)
    action = Action.objects.filter(status__in=MONITORED).first()
    StatusUpdate.objects.create(action=action, date=date(2026, 11, 2), progress_state="on_track",
                                percent_complete=10, done="Echte stand van zaken.")
    with pytest.raises(CommandError, match="1 status updates not generated"):
        seed(actions=50)
    StatusUpdate.objects.filter(is_generated=False).delete()

    real = Plan.objects.create(title="Echt actieplan")
    with pytest.raises(CommandError, match="1 plans"):
        seed(actions=50)
    seed(actions=50, force=True)
    assert Plan.objects.filter(pk=real.pk).exists()
    assert Plan.objects.count() == 2
