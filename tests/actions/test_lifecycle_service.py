"""The one lifecycle service: every allowed and refused transition per role."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from actieplan.models import TRANSITIONS, Action, Status, StatusChange
from actieplan.actions.services import TransitionNotAllowed, action_transition, actions_submit
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("coordinator", True),
        ("chair", True),
        ("member", False),
        ("other_member", False),
        ("domain_contact", False),
        ("cabinet", False),
    ],
)
def test_submit_draft_per_role(users, draft_action, role, allowed):
    user = users[role]
    if allowed:
        action = action_transition(action=draft_action, to=Status.SUBMITTED, user=user)
        assert action.status == Status.SUBMITTED
        change = StatusChange.objects.get(action=draft_action)
        assert (change.from_status, change.to_status, change.by) == ("draft", "submitted", user)
    else:
        with pytest.raises(PermissionDenied):
            action_transition(action=draft_action, to=Status.SUBMITTED, user=user)
        draft_action.refresh_from_db()
        assert draft_action.status == Status.DRAFT
        assert not StatusChange.objects.exists()


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("coordinator", True),
        ("chair", False),
        ("member", False),
        ("other_member", False),
        ("domain_contact", False),
        ("cabinet", False),
    ],
)
def test_send_back_per_role(users, submitted_action, role, allowed):
    user = users[role]
    if allowed:
        action = action_transition(action=submitted_action, to=Status.DRAFT, user=user, reason="Graag verduidelijken")
        assert action.status == Status.DRAFT
        assert StatusChange.objects.get().reason == "Graag verduidelijken"
    else:
        with pytest.raises(PermissionDenied):
            action_transition(action=submitted_action, to=Status.DRAFT, user=user, reason="x")
        submitted_action.refresh_from_db()
        assert submitted_action.status == Status.SUBMITTED


def test_send_back_requires_a_reason(coordinator, submitted_action):
    with pytest.raises(ValidationError) as exc:
        action_transition(action=submitted_action, to=Status.DRAFT, user=coordinator, reason="   ")
    assert "reason" in exc.value.message_dict
    submitted_action.refresh_from_db()
    assert submitted_action.status == Status.SUBMITTED


@pytest.mark.parametrize("target", [s for s in Status.values if (Status.DRAFT, s) not in TRANSITIONS])
def test_transitions_not_in_the_map_are_refused_even_for_coordinators(coordinator, draft_action, target):
    with pytest.raises(TransitionNotAllowed) as exc:
        action_transition(action=draft_action, to=target, user=coordinator, reason="x")
    assert "concept" in str(exc.value)
    draft_action.refresh_from_db()
    assert draft_action.status == Status.DRAFT
    assert draft_action.version == 1


def test_unknown_status_is_refused(coordinator, draft_action):
    with pytest.raises(TransitionNotAllowed):
        action_transition(action=draft_action, to="vernietigd", user=coordinator)


def test_transition_bumps_version_and_writes_history(chair, draft_action):
    action_transition(action=draft_action, to=Status.SUBMITTED, user=chair)
    draft_action.refresh_from_db()
    assert draft_action.version == 2
    latest = draft_action.history.latest()
    assert latest.status == Status.SUBMITTED
    assert latest.history_user == chair


def test_sending_back_emails_the_chair(coordinator, chair, submitted_action, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        action_transition(action=submitted_action, to=Status.DRAFT, user=coordinator, reason="Onvolledig")
    assert chair.email in [m.to[0] for m in mail.outbox]
    mine = next(m for m in mail.outbox if m.to == [chair.email])
    assert "MOB-02" in mine.subject and "teruggestuurd" in mine.subject
    assert "Onvolledig" in mine.body


def test_domain_contact_submits_own_domain_proposal(domain_contact, domain, barrier):
    proposal = f.action(working_group=None, proposing_domain=domain, primary_barrier=barrier, code="MOW-01")
    action_transition(action=proposal, to=Status.SUBMITTED, user=domain_contact)
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


def test_submit_several_is_all_or_nothing(chair, group, barrier):
    first = f.action(working_group=group, primary_barrier=barrier)
    already = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED)
    with pytest.raises(TransitionNotAllowed):
        actions_submit(actions=[first, already], user=chair)
    first.refresh_from_db()
    assert first.status == Status.DRAFT
    assert not StatusChange.objects.exists()
    assert Action.objects.filter(status=Status.SUBMITTED).count() == 1
