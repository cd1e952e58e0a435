"""GET /api/v1/me/tasks/: the same open tasks as the home page, per role."""

import pytest
from rest_framework.test import APIClient

from actieplan.actions import services
from actieplan.models import Status
from tests import factories as f


@pytest.fixture
def api():
    return APIClient()


def _tasks(api, user) -> dict:
    api.force_authenticate(user)
    response = api.get("/api/v1/me/tasks/")
    assert response.status_code == 200
    return {row["kind"]: row for row in response.json()}


def test_the_coordinator_gets_the_decisions_with_count_oldest_date_and_link(api, coordinator, submitted_action):
    row = _tasks(api, coordinator)["decisions"]
    assert row["count"] == 1
    assert row["url"] == "/te-doen/beslissingen/"
    assert row["oldest"] and len(row["oldest"]) == 10
    assert row["label"] == "1 ingediende actie wacht op een beslissing"


def test_the_chair_and_member_get_the_action_sent_back(api, coordinator, chair, member, submitted_action):
    services.action_transition(action=submitted_action, to=Status.DRAFT, user=coordinator, reason="Te vaag.")
    assert _tasks(api, chair)["sent_back"]["count"] == 1
    assert _tasks(api, member)["sent_back"]["count"] == 1
    assert "decisions" not in _tasks(api, chair)


def test_the_member_gets_own_drafts(api, member, group, barrier):
    f.action(working_group=group, primary_barrier=barrier, created_by=member)
    assert _tasks(api, member)["own_drafts"]["url"] == "/te-doen/mijn-concepten/"


def test_nothing_to_do_is_an_empty_list(api, other_member):
    assert _tasks(api, other_member) == {}


def test_the_tasks_are_documented_in_the_schema(client):
    schema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    for path in ("/api/v1/me/tasks/", "/api/v1/me/notifications/", "/api/v1/me/notifications/{id}/read/"):
        assert path in schema["paths"], path
    assert "post" in schema["paths"]["/api/v1/me/notifications/{id}/read/"]
