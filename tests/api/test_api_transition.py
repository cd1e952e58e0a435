"""API: POST /api/v1/actions/{id}/transition/ goes through the one lifecycle service."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from actieplan.models import Action, StatusChange


def url(action):
    return reverse("api:action-transition", args=[action.pk])


@pytest.fixture
def api():
    return APIClient()


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize(
    "role,expected",
    [
        ("anonymous", 401),
        ("coordinator", 200),
        ("chair", 200),
        ("member", 403),
        ("other_member", 404),  # cannot see the other group's draft
        ("domain_contact", 404),
        ("cabinet", 403),  # read-only role
    ],
)
def test_submit_a_draft_per_role(api, users, draft_action, role, expected):
    as_user(api, users[role])
    response = api.post(url(draft_action), {"to": "submitted"}, format="json")
    assert response.status_code == expected, response.content
    draft_action.refresh_from_db()
    if expected == 200:
        assert response.json() == {"id": draft_action.pk, "status": "submitted", "version": 2}
        assert draft_action.status == "submitted"
        change = StatusChange.objects.get(action=draft_action)
        assert (change.from_status, change.to_status, change.by) == ("draft", "submitted", users[role])
    else:
        assert "detail" in response.json()
        assert draft_action.status == "draft"
        assert not StatusChange.objects.exists()


@pytest.mark.parametrize(
    "role,expected",
    [
        ("coordinator", 200), ("chair", 403), ("member", 403),
        ("other_member", 403), ("domain_contact", 403), ("cabinet", 403),
    ],
)
def test_send_back_per_role(api, users, submitted_action, role, expected):
    as_user(api, users[role])
    response = api.post(url(submitted_action), {"to": "draft", "reason": "Graag concreter maken."}, format="json")
    assert response.status_code == expected, response.content
    submitted_action.refresh_from_db()
    assert submitted_action.status == ("draft" if expected == 200 else "submitted")


def test_send_back_records_the_reason(api, coordinator, submitted_action):
    as_user(api, coordinator)
    response = api.post(url(submitted_action), {"to": "draft", "reason": "Graag concreter maken."}, format="json")
    assert response.status_code == 200
    assert StatusChange.objects.get().reason == "Graag concreter maken."


def test_send_back_without_reason_is_400(api, coordinator, submitted_action):
    as_user(api, coordinator)
    response = api.post(url(submitted_action), {"to": "draft", "reason": "   "}, format="json")
    assert response.status_code == 400
    assert "reason" in response.json()
    submitted_action.refresh_from_db()
    assert submitted_action.status == "submitted"
    assert not StatusChange.objects.exists()


def test_transition_not_in_the_lifecycle_is_409(api, coordinator, draft_action):
    as_user(api, coordinator)
    response = api.post(url(draft_action), {"to": "completed"}, format="json")
    assert response.status_code == 409
    assert "concept" in response.json()["detail"]
    draft_action.refresh_from_db()
    assert (draft_action.status, draft_action.version) == ("draft", 1)


def test_submitting_twice_is_409(api, chair, draft_action):
    as_user(api, chair)
    assert api.post(url(draft_action), {"to": "submitted"}, format="json").status_code == 200
    response = api.post(url(draft_action), {"to": "submitted"}, format="json")
    assert response.status_code == 409
    assert StatusChange.objects.count() == 1


@pytest.mark.parametrize(
    "body,field",
    [
        ({"to": "gepubliceerd"}, "to"), ({}, "to"), ({"to": ["draft"]}, "to"),
        ({"to": "draft", "reason": "x" * 2001}, "reason"),
    ],
)
def test_bad_transition_input_is_400(api, coordinator, submitted_action, body, field):
    as_user(api, coordinator)
    response = api.post(url(submitted_action), body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert Action.objects.get(pk=submitted_action.pk).status == "submitted"


def test_unknown_action_is_404(api, coordinator):
    as_user(api, coordinator)
    response = api.post(reverse("api:action-transition", args=[999999]), {"to": "submitted"}, format="json")
    assert response.status_code == 404


def test_get_is_not_allowed(api, coordinator, draft_action):
    as_user(api, coordinator)
    assert api.get(url(draft_action)).status_code == 405


def test_allowed_transitions_are_listed_on_the_action(api, chair, coordinator, draft_action, submitted_action):
    as_user(api, chair)
    assert api.get(reverse("api:action-detail", args=[draft_action.pk])).json()["allowed_transitions"] == ["submitted"]
    assert api.get(reverse("api:action-detail", args=[submitted_action.pk])).json()["allowed_transitions"] == []
    as_user(api, coordinator)
    allowed = api.get(reverse("api:action-detail", args=[submitted_action.pk])).json()["allowed_transitions"]
    assert "draft" in allowed and "submitted" not in allowed
