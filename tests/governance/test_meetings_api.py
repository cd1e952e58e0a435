"""``/api/v1/meetings/``: read for everyone logged in, write for coordinators, cabinet read-only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from actieplan.actions.services import action_transition
from actieplan.models import Status, StatusChange
from governance import services
from governance.models import Meeting


def _client(user=None):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def test_anonymous_is_refused_with_401(meeting):
    assert _client().get(reverse("governance_api:meeting-list")).status_code == 401


def test_a_member_reads_the_meeting_with_agenda_decisions_and_minutes(member, coordinator, meeting,
                                                                      submitted_action):
    item = services.agenda_item_create(meeting=meeting, user=coordinator, title="Afstemming",
                                       action=submitted_action)
    services.decision_create(item=item, user=coordinator, text="Weerhouden.", responsible="WEWIS")
    client = _client(member)
    listed = client.get(reverse("governance_api:meeting-list")).json()
    assert listed["count"] == 1 and listed["results"][0]["body_name"] == "Stuurgroep Drempels naar Werk"
    body = client.get(reverse("governance_api:meeting-detail", args=[meeting.pk])).json()
    assert body["minutes"].startswith("Eerste alinea.")
    assert body["agenda_items"][0]["action_code"] == submitted_action.code
    assert body["agenda_items"][0]["decisions"][0]["text"] == "Weerhouden."
    assert body["export_agenda_docx"] == f"/overleg/{meeting.pk}/agenda.docx"


def test_bad_ids_are_404_json(member):
    client = _client(member)
    for url in ("/api/v1/meetings/abc/", "/api/v1/meetings/0/", "/api/v1/meetings/424242/"):
        response = client.get(url)
        assert response.status_code == 404 and response.json()["detail"]


def test_filters_by_body_date_and_action_and_refuses_bad_values(member, coordinator, steering, meeting,
                                                                 submitted_action):
    services.meeting_create(user=coordinator, data={"body": steering, "date": date(2026, 2, 3)})
    services.agenda_item_create(meeting=meeting, user=coordinator, title="x", action=submitted_action)
    client = _client(member)
    url = reverse("governance_api:meeting-list")
    assert client.get(url, {"date_to": "2026-06-30"}).json()["count"] == 1
    assert [m["id"] for m in client.get(url, {"action": submitted_action.pk}).json()["results"]] == [meeting.pk]
    assert client.get(url, {"body": steering.pk}).json()["count"] == 2
    assert client.get(url, {"body": "abc"}).status_code == 400
    assert client.get(url, {"date_from": ""}).status_code == 400


def test_a_coordinator_creates_a_meeting_adds_an_item_and_a_decision(coordinator, steering, submitted_action):
    action_transition(action=submitted_action, to=Status.RETAINED, user=coordinator)
    change = StatusChange.objects.get(action=submitted_action, to_status=Status.RETAINED)
    client = _client(coordinator)
    response = client.post(reverse("governance_api:meeting-list"),
                           {"body": steering.pk, "date": "2027-01-19", "attendees": [coordinator.pk]}, format="json")
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    response = client.post(reverse("governance_api:meeting-agenda-items", args=[pk]),
                           {"title": "Afstemming", "action": submitted_action.pk}, format="json")
    assert response.status_code == 201
    item = response.json()["agenda_items"][0]["id"]
    response = client.post(reverse("governance_api:meeting-decisions", args=[pk]),
                           {"agenda_item": item, "text": "Weerhouden.", "status_change": change.pk}, format="json")
    assert response.status_code == 201
    body = response.json()
    assert body["agenda_items"][0]["decisions"][0]["text"] == "Weerhouden."
    assert body["action_decisions"][0]["id"] == change.pk
    response = client.post(reverse("governance_api:meeting-decisions", args=[pk]),
                           {"agenda_item": 424242, "text": "x"}, format="json")
    assert response.status_code == 400 and "agenda_item" in response.json()


@pytest.mark.parametrize("role", ["member", "domain_contact", "cabinet"])
def test_others_cannot_write(request, role, steering, meeting):
    client = _client(request.getfixturevalue(role))
    assert client.post(reverse("governance_api:meeting-list"), {"body": steering.pk, "date": "2027-01-19"},
                       format="json").status_code == 403
    assert client.patch(reverse("governance_api:meeting-detail", args=[meeting.pk]), {"location": "Gent"},
                        format="json").status_code == 403
    assert client.delete(reverse("governance_api:meeting-detail", args=[meeting.pk])).status_code == 403
    assert Meeting.objects.get(pk=meeting.pk).location == "Brussel"


@pytest.mark.parametrize("rows", [1, 12])
def test_the_list_query_count_does_not_grow(member, coordinator, steering, rows, django_assert_num_queries):
    for n in range(rows):
        services.meeting_create(user=coordinator, data={"body": steering, "date": date.today() + timedelta(days=n)},
                                attendees=[coordinator])
    client = _client(member)
    # (the permissions were read for the forced user before) 1 count, 2 one page of meetings with their body
    # and item counts, 3 their attendees
    with django_assert_num_queries(3):
        response = client.get(reverse("governance_api:meeting-list"))
    assert response.status_code == 200 and response.json()["count"] == rows


def test_bad_references_are_field_errors(coordinator, steering):
    client = _client(coordinator)
    for body in ("abc", 0, 99999999999999999999999, 424242):
        response = client.post(reverse("governance_api:meeting-list"), {"body": body, "date": "2027-01-19"},
                               format="json")
        assert response.status_code == 400 and "body" in response.json(), (body, response.content)
    response = client.post(reverse("governance_api:meeting-list"),
                           {"body": steering.pk, "date": "19/01/2027", "attendees": ["x"]}, format="json")
    assert response.status_code == 400 and {"date", "attendees"} <= set(response.json())


def test_the_list_exports_to_csv_with_the_filters(member, coordinator, steering, meeting):
    services.meeting_create(user=coordinator, data={"body": steering, "date": date(2026, 2, 3),
                                                    "location": "=Boudewijngebouw"})
    client = _client(member)
    response = client.get(reverse("governance_api:meeting-list"), {"format": "csv", "date_to": "2026-06-30"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "vergaderingen" in response["Content-Disposition"]
    text = response.content.decode("utf-8-sig")
    assert "'=Boudewijngebouw" in text and "Brussel" not in text  # one row, the formula defused
