"""Every governance service refuses a user who is not a coordinator, by itself (whatever the caller)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from governance import services
from governance.models import AgendaItem, Body, Decision, Meeting

NOT_COORDINATORS = ["chair", "member", "other_member", "domain_contact", "cabinet"]


def _calls(meeting, item, decision, action):
    body = meeting.body
    return {
        "body_create": lambda u: services.body_create(user=u, data={"name": "Nieuw orgaan", "kind": "coordination"}),
        "body_update": lambda u: services.body_update(body=body, user=u, data={"name": "Hernoemd"}),
        "meeting_create": lambda u: services.meeting_create(user=u, data={"body": body, "date": date(2027, 1, 1)}),
        "meeting_update": lambda u: services.meeting_update(meeting=meeting, user=u, data={"location": "Gent"}),
        "meeting_delete": lambda u: services.meeting_delete(meeting=meeting, user=u),
        "agenda_item_create": lambda u: services.agenda_item_create(meeting=meeting, user=u, title="x"),
        "agenda_item_delete": lambda u: services.agenda_item_delete(item=item, user=u),
        "decision_create": lambda u: services.decision_create(item=item, user=u, text="x"),
        "decision_delete": lambda u: services.decision_delete(decision=decision, user=u),
        "action_escalate": lambda u: services.action_escalate(action=action, user=u),
    }


def _state():
    return (sorted(Body.objects.values_list("name", flat=True)), list(Meeting.objects.values_list("pk", "location")),
            AgendaItem.objects.count(), Decision.objects.count())


@pytest.mark.parametrize("name", [
    "body_create", "body_update", "meeting_create", "meeting_update", "meeting_delete", "agenda_item_create",
    "agenda_item_delete", "decision_create", "decision_delete", "action_escalate"])
def test_only_coordinators_may(name, users, coordinator, meeting, blocked_action):
    item = services.agenda_item_create(meeting=meeting, user=coordinator, title="Punt")
    decision = services.decision_create(item=item, user=coordinator, text="Beslist.")
    call = _calls(meeting, item, decision, blocked_action)[name]
    before = _state()
    for role in NOT_COORDINATORS:
        with pytest.raises(PermissionDenied):
            call(users[role])
        assert _state() == before, role
    call(coordinator)  # the right role succeeds (so the refusals are not a broken call)
