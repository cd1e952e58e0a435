"""The Overleg pages: bodies and meetings, agenda items, decisions, deleting with confirmation, DOCX exports."""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.urls import reverse
from docx import Document

from actieplan.actions.services import action_transition
from actieplan.models import Status, StatusChange
from governance import services
from governance.models import AgendaItem, Decision, Meeting
from tests import factories as f
from tests.conftest import login


def test_it_lists_bodies_and_upcoming_meetings_for_every_logged_in_user(client, member, meeting):
    login(client, member)
    html = client.get(reverse("governance_index")).content.decode()
    assert "Stuurgroep Drempels naar Werk" in html
    assert meeting.date.strftime("%d/%m/%Y") in html
    assert reverse("governance_meeting_detail", args=[meeting.pk]) in html
    assert "Nieuwe vergadering" not in html  # only coordinators plan meetings


def test_anonymous_users_are_sent_to_the_login_page(client, meeting):
    response = client.get(reverse("governance_meeting_detail", args=[meeting.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_meeting_list_is_paginated_and_filtered_by_body(client, coordinator, steering):
    other = services.body_create(user=coordinator, data={"name": "Coördinatie WEWIS", "kind": "coordination"})
    for n in range(25):
        services.meeting_create(user=coordinator, data={"body": steering, "date": date(2026, 1, 1) + timedelta(days=n)})
    services.meeting_create(user=coordinator, data={"body": other, "date": date(2026, 3, 3)})
    login(client, coordinator)
    first = client.get(reverse("governance_index")).content.decode()
    assert "26 vergaderingen" in first and "Pagina 1 van 2" in first
    filtered = client.get(reverse("governance_index"), {"body": other.pk}).content.decode()
    assert "1 vergadering" in filtered and "03/03/2026" in filtered
    bad = client.get(reverse("governance_index"), {"body": "abc"}).content.decode()
    assert "Controleer de filters" in bad


def test_a_coordinator_plans_a_meeting_with_attendees(client, coordinator, cabinet, steering):
    login(client, coordinator)
    response = client.post(reverse("governance_meeting_create"), {
        "body": steering.pk, "date": "2027-01-19", "location": "Herman Teirlinckgebouw",
        "attendees": [coordinator.pk, cabinet.pk], "minutes": ""})
    meeting = Meeting.objects.get(date=date(2027, 1, 19))
    assert response.status_code == 302 and response["Location"] == reverse("governance_meeting_detail", args=[meeting.pk])
    assert set(meeting.attendees.all()) == {coordinator, cabinet}
    page = client.get(response["Location"]).content.decode()
    assert "Herman Teirlinckgebouw" in page


def test_a_meeting_without_a_date_is_refused_in_dutch(client, coordinator, steering):
    login(client, coordinator)
    response = client.post(reverse("governance_meeting_create"), {"body": steering.pk, "date": ""})
    assert response.status_code == 400
    assert "Dit veld is vereist." in response.content.decode()


def test_members_and_cabinets_cannot_write(client, member, cabinet, meeting):
    for user in (member, cabinet):
        login(client, user)
        assert client.get(reverse("governance_meeting_edit", args=[meeting.pk])).status_code == 403
        response = client.post(reverse("governance_agenda_item_create", args=[meeting.pk]), {"title": "x"})
        assert response.status_code == 403
    assert not AgendaItem.objects.exists()


def test_minutes_are_shown_as_escaped_paragraphs(client, member, meeting):
    login(client, member)
    html = client.get(reverse("governance_meeting_detail", args=[meeting.pk])).content.decode()
    assert "<p>Eerste alinea.</p>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert(1)" not in html


def test_an_agenda_item_on_an_action_and_its_decision(client, coordinator, meeting, submitted_action):
    login(client, coordinator)
    response = client.post(reverse("governance_agenda_item_create", args=[meeting.pk]),
                           {"title": "Afstemming mobiliteit", "action": submitted_action.pk, "notes": ""})
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting)
    assert item.action == submitted_action
    response = client.post(reverse("governance_decision_create", args=[item.pk]), {
        f"item{item.pk}-text": "Het voorstel wordt weerhouden.", f"item{item.pk}-responsible": "WEWIS",
        f"item{item.pk}-due_date": "2027-02-01"})
    assert response.status_code == 302
    html = client.get(reverse("governance_meeting_detail", args=[meeting.pk])).content.decode()
    assert "Het voorstel wordt weerhouden." in html and "01/02/2027" in html
    assert submitted_action.code in html
    # the action page lists the meeting's decision
    action_page = client.get(reverse("action_detail", args=[submitted_action.pk])).content.decode()
    assert "Het voorstel wordt weerhouden." in action_page


def test_an_alignment_decision_records_its_meeting_and_the_log_filters_by_it(client, coordinator, meeting,
                                                                             submitted_action, group, barrier):
    other = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED, code="MOB-77")
    action_transition(action=submitted_action, to=Status.RETAINED, user=coordinator)
    action_transition(action=other, to=Status.RETAINED, user=coordinator)
    change = StatusChange.objects.get(action=submitted_action, to_status=Status.RETAINED)
    item = services.agenda_item_create(meeting=meeting, user=coordinator, title="Afstemming",
                                       action=submitted_action)
    login(client, coordinator)
    response = client.post(reverse("governance_decision_create", args=[item.pk]), {
        f"item{item.pk}-text": "Weerhouden.", f"item{item.pk}-status_change": change.pk})
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.meeting == meeting
    log = client.get(reverse("decision_log"), {"meeting": meeting.pk}).content.decode()
    assert "1 beslissing" in log and submitted_action.code in log and "MOB-77" not in log
    assert reverse("governance_meeting_detail", args=[meeting.pk]) in log
    assert submitted_action.code in client.get(reverse("governance_meeting_detail", args=[meeting.pk])).content.decode()
    api = client.get(reverse("api:decision-list"), {"meeting": meeting.pk}).json()
    assert [d["action_code"] for d in api["results"]] == [submitted_action.code]
    assert api["results"][0]["meeting"] == meeting.pk


def test_a_status_change_of_another_action_is_refused(coordinator, meeting, submitted_action, group, barrier):
    other = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED, code="MOB-78")
    action_transition(action=other, to=Status.RETAINED, user=coordinator)
    item = services.agenda_item_create(meeting=meeting, user=coordinator, title="x", action=submitted_action)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.decision_create(item=item, user=coordinator, text="x",
                                 status_change=StatusChange.objects.get(action=other))
    assert not Decision.objects.exists()


def test_deleting_a_meeting_asks_for_confirmation_first(client, coordinator, meeting):
    login(client, coordinator)
    url = reverse("governance_meeting_delete", args=[meeting.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Ja, verwijderen" in page.content.decode()
    assert Meeting.objects.filter(pk=meeting.pk).exists()
    response = client.post(url)
    assert response.status_code == 302 and not Meeting.objects.filter(pk=meeting.pk).exists()


def test_the_agenda_and_decisions_export_to_docx(client, member, coordinator, meeting, submitted_action):
    item = services.agenda_item_create(meeting=meeting, user=coordinator, title="Escalaties",
                                       action=submitted_action, notes="Toelichting")
    services.decision_create(item=item, user=coordinator, text="=Agenderen op de Vlaamse Regering",
                             responsible="Kabinet Werk")
    login(client, member)
    response = client.get(reverse("governance_meeting_agenda_docx", args=[meeting.pk]))
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "1. Escalaties" in text and submitted_action.code in text
    response = client.get(reverse("governance_meeting_decisions_docx", args=[meeting.pk]))
    document = Document(io.BytesIO(response.content))
    cells = [c.text for row in document.tables[0].rows for c in row.cells]
    assert "=Agenderen op de Vlaamse Regering" in cells and "Kabinet Werk" in cells
    assert document.core_properties.language == "nl-BE"


def test_bad_ids_are_not_found(client, member):
    login(client, member)
    assert client.get("/overleg/abc/").status_code == 404
    assert client.get("/overleg/99999999999999999999999/").status_code == 404
    assert client.get(reverse("governance_meeting_detail", args=[424242])).status_code == 404


@pytest.mark.parametrize("rows", [1, 15])
def test_the_index_query_count_does_not_grow(client, coordinator, steering, rows, django_assert_num_queries):
    for n in range(rows):
        services.meeting_create(user=coordinator, data={"body": steering, "date": date.today() + timedelta(days=n)})
    login(client, coordinator)
    # 1 session, 2 user, 3-5 permissions, 6 bodies with counts, 7 upcoming meetings,
    # 8 filter choice list (bodies), 9 count, 10 one page of meetings
    with django_assert_num_queries(10):
        response = client.get(reverse("governance_index"))
    assert response.status_code == 200


def test_bad_references_in_the_form_are_field_errors(client, coordinator, steering):
    login(client, coordinator)
    for body in ("abc", "99999999999999999999999", "424242"):
        response = client.post(reverse("governance_meeting_create"), {"body": body, "date": "2027-01-19",
                                                                      "attendees": ["99999999999999999999999"]})
        assert response.status_code == 400
    assert not Meeting.objects.exists()
