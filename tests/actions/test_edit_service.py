"""Creating and editing actions through the services, with lost-update protection."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from actieplan.models import Action, Status
from actieplan.actions.services import EditConflict, action_create, action_update
from tests import factories as f

pytestmark = pytest.mark.django_db


def _data(group, barrier, **kw):
    data = dict(
        title="Deelfietsen aan stations",
        description="Deelfietsen aan kleine stations voor de laatste kilometer naar het werk.",
        primary_barrier=barrier,
        working_group=group,
    )
    data.update(kw)
    return data


def test_member_creates_a_draft_with_a_generated_code(member, group, barrier, target_group):
    action = action_create(user=member, data=_data(group, barrier), m2m={"target_groups": [target_group]})
    assert action.status == Status.DRAFT
    assert action.code == "MOB-01"
    assert list(action.target_groups.all()) == [target_group]
    assert action.history.count() == 1
    second = action_create(user=member, data=_data(group, barrier, title="Tweede"))
    assert second.code == "MOB-02"


def test_member_cannot_create_in_another_group(other_member, group, barrier):
    with pytest.raises(PermissionDenied):
        action_create(user=other_member, data=_data(group, barrier))
    assert not Action.objects.exists()


def test_cabinet_cannot_create(cabinet, group, barrier):
    with pytest.raises(PermissionDenied):
        action_create(user=cabinet, data=_data(group, barrier))


def test_duplicate_code_in_the_same_group_is_refused(member, group, barrier):
    action_create(user=member, data=_data(group, barrier, code="MOB-07"))
    with pytest.raises(ValidationError) as exc:
        action_create(user=member, data=_data(group, barrier, code="MOB-07"))
    assert "code" in exc.value.message_dict
    assert Action.objects.count() == 1


def test_end_before_start_is_refused(member, group, barrier):
    from datetime import date

    with pytest.raises(ValidationError) as exc:
        action_create(user=member, data=_data(group, barrier, planned_start=date(2027, 1, 1), planned_end=date(2026, 1, 1)))
    assert "planned_end" in exc.value.message_dict


def test_second_save_with_a_stale_version_is_refused_and_shows_the_changes(member, chair, draft_action):
    action_update(action=draft_action, user=member, data={"title": "Nieuwe titel van Lotte"}, expected_version=1)
    with pytest.raises(EditConflict) as exc:
        action_update(action=draft_action, user=chair, data={"title": "Titel van Vera"}, expected_version=1)
    draft_action.refresh_from_db()
    assert draft_action.title == "Nieuwe titel van Lotte"
    assert draft_action.version == 2
    changes = {c.field: (c.old, c.new) for c in exc.value.changes}
    assert changes["title"][1] == "Nieuwe titel van Lotte"
    assert "Lotte" in exc.value.changed_by


def test_m2m_changes_show_in_the_conflict(member, chair, draft_action, target_group):
    action_update(action=draft_action, user=member, data={}, m2m={"target_groups": [target_group]}, expected_version=1)
    with pytest.raises(EditConflict) as exc:
        action_update(action=draft_action, user=chair, data={"title": "x"}, expected_version=1)
    labels = {c.field: c.new for c in exc.value.changes}
    assert labels["target_groups"] == target_group.name


@pytest.mark.parametrize("role", ["member", "chair", "other_member", "domain_contact", "cabinet"])
def test_only_coordinators_edit_after_submission(users, submitted_action, role):
    with pytest.raises(PermissionDenied):
        action_update(action=submitted_action, user=users[role], data={"title": "x"}, expected_version=1)


def test_coordinator_edits_a_submitted_action(coordinator, submitted_action):
    action = action_update(action=submitted_action, user=coordinator, data={"title": "Aangescherpt"}, expected_version=1)
    assert action.title == "Aangescherpt"
    assert action.status == Status.SUBMITTED


def test_update_cannot_change_status_or_group(coordinator, draft_action, other_group):
    action = action_update(
        action=draft_action, user=coordinator,
        data={"status": Status.ADOPTED, "working_group": other_group}, expected_version=1,
    )
    assert action.status == Status.DRAFT
    assert action.working_group_id == draft_action.working_group_id


def test_domain_proposal_by_contact(domain_contact, domain, barrier):
    action = action_create(
        user=domain_contact, data=dict(title="Voorstel", description="Tekst", primary_barrier=barrier, proposing_domain=domain)
    )
    assert action.code == "MOW-01"
    assert action.working_group is None


def test_over_long_title_is_refused(member, group, barrier):
    with pytest.raises(ValidationError) as exc:
        action_create(user=member, data=_data(group, barrier, title="x" * 201))
    assert "title" in exc.value.message_dict
    assert not Action.objects.exists()


def test_empty_title_is_refused(member, group, barrier):
    with pytest.raises(ValidationError) as exc:
        action_create(user=member, data=_data(group, barrier, title=""))
    assert "title" in exc.value.message_dict
