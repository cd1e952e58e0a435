"""Escalation: an action delayed or blocked for more than a quarter goes to the next steering-group meeting."""

from __future__ import annotations

from datetime import date, timedelta

from django.urls import reverse

from actieplan.models import Status
from governance import selectors, services
from governance.models import AgendaItem
from monitoring.models import StatusUpdate
from tests import factories as f
from tests.conftest import login


def test_the_button_puts_the_action_on_the_next_steering_group_agenda(client, coordinator, meeting, blocked_action):
    login(client, coordinator)
    page = client.get(reverse("action_detail", args=[blocked_action.pk])).content.decode()
    assert "Agenderen op de stuurgroep van" in page and meeting.date.strftime("%d/%m/%Y") in page
    response = client.post(reverse("governance_action_escalate", args=[blocked_action.pk]))
    assert response.status_code == 302
    item = AgendaItem.objects.get(meeting=meeting, action=blocked_action)
    assert item.is_escalation and "MOB-30" in item.title
    assert "Geen budget bij de begrotingsaanpassing." in item.notes
    page = client.get(reverse("action_detail", args=[blocked_action.pk])).content.decode()
    assert "Agenderen op de stuurgroep van" not in page and "Ze staat op de agenda van de stuurgroep" in page
    # a second click does not add it twice
    client.post(reverse("governance_action_escalate", args=[blocked_action.pk]))
    assert AgendaItem.objects.filter(action=blocked_action).count() == 1
    meeting_page = client.get(reverse("governance_meeting_detail", args=[meeting.pk])).content.decode()
    assert "escalatie" in meeting_page and "MOB-30" in meeting_page


def test_the_button_is_for_coordinators_only(client, domain_contact, member, meeting, blocked_action):
    for user in (domain_contact, member):
        login(client, user)
        page = client.get(reverse("action_detail", args=[blocked_action.pk])).content.decode()
        assert "Agenderen op de stuurgroep" not in page
        assert client.post(reverse("governance_action_escalate", args=[blocked_action.pk])).status_code == 403
    assert not AgendaItem.objects.exists()


def test_a_delay_shorter_than_a_quarter_is_not_escalated(client, coordinator, meeting, group, barrier,
                                                         domain_contact):
    action = f.action(working_group=group, primary_barrier=barrier, code="MOB-31", status=Status.IN_PROGRESS)
    today = date.today()
    # at risk for long, but delayed only for a month: not (yet) more than a quarter
    StatusUpdate.objects.create(action=action, date=today - timedelta(days=150), progress_state="at_risk",
                                percent_complete=10, done="x", created_by=domain_contact)
    StatusUpdate.objects.create(action=action, date=today - timedelta(days=30), progress_state="delayed",
                                percent_complete=10, done="x", created_by=domain_contact)
    assert not selectors.escalation(action)["eligible"]
    login(client, coordinator)
    assert "Agenderen op de stuurgroep" not in client.get(reverse("action_detail", args=[action.pk])).content.decode()
    response = client.post(reverse("governance_action_escalate", args=[action.pk]), follow=True)
    assert "meer dan een kwartaal" in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_an_on_track_report_ends_the_delay(blocked_action, domain_contact):
    StatusUpdate.objects.create(action=blocked_action, date=date.today() - timedelta(days=5), progress_state="on_track",
                                percent_complete=20, done="Middelen vrijgemaakt.", created_by=domain_contact)
    assert not selectors.escalation(blocked_action)["eligible"]


def test_without_a_planned_steering_group_meeting_the_page_says_so(client, coordinator, blocked_action, steering):
    login(client, coordinator)
    page = client.get(reverse("action_detail", args=[blocked_action.pk])).content.decode()
    assert "Er is geen volgende vergadering van de stuurgroep gepland." in page
    response = client.post(reverse("governance_action_escalate", args=[blocked_action.pk]), follow=True)
    assert "Plan er eerst een in" in response.content.decode()


def test_only_a_steering_group_meeting_receives_escalations(coordinator, blocked_action, meeting):
    working = services.body_create(user=coordinator, data={"name": "Werkgroep Mobiliteit", "kind": "working_group"})
    services.meeting_create(user=coordinator, data={"body": working, "date": date.today() + timedelta(days=1)})
    item = services.action_escalate(action=blocked_action, user=coordinator)
    assert item.meeting == meeting
