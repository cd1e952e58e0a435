"""The demo data of Overleg: the bodies of the concept note, the steering-group meetings of 2026, the
alignment and plan decisions they took, and an escalated action on the next meeting's agenda."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from actieplan.models import StatusChange
from governance import demo
from governance.models import AgendaItem, Body, Meeting
from tests.conftest import login


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    from actieplan.seed import demo_alignment, demo_plan
    from actieplan.seed.demo import load_demo
    from monitoring import demo as monitoring_demo

    with django_db_blocker.unblock():
        with transaction.atomic():
            load_demo()
            demo_alignment.load()
            demo_plan.load()
            monitoring_demo.load()
            first = demo.load()
            yield first
            transaction.set_rollback(True)


@pytest.fixture
def world(demo_world, db):
    return demo_world


def test_it_creates_the_bodies_of_the_concept_note(world):
    kinds = set(Body.objects.values_list("kind", flat=True))
    assert kinds == {"steering_group", "working_group", "coordination"}
    steering = Body.objects.get(name=demo.STEERING)
    assert "vakministers" in steering.composition


def test_the_steering_group_met_in_the_2026_process_and_meets_again(world):
    meetings = Meeting.objects.filter(body__name=demo.STEERING)
    assert meetings.count() >= 5
    assert meetings.filter(date__year=2026, date__month=6).exists()  # the plan before the summer recess
    assert all(m.attendees.exists() for m in meetings)


def test_alignment_and_plan_decisions_record_their_meeting(world, client):
    linked = StatusChange.objects.filter(meeting__isnull=False)
    assert set(linked.values_list("to_status", flat=True)) >= {"retained", "adopted"}
    meeting = linked.filter(to_status="retained").first().meeting
    login(client, get_user_model().objects.get(username="coordinator"))
    log = client.get(reverse("decision_log"), {"meeting": meeting.pk}).content.decode()
    assert "Vergadering" in log and meeting.date.strftime("%d/%m/%Y") in log


def test_a_blocked_action_is_escalated_to_the_next_meeting(world):
    assert AgendaItem.objects.filter(is_escalation=True, meeting__date__gte=Meeting.objects.order_by("-date")
                                     .first().date).exists()


def test_loading_twice_changes_nothing(world):
    counts = (Meeting.objects.count(), AgendaItem.objects.count(), StatusChange.objects.filter(meeting__isnull=False)
              .count())
    assert demo.load() == {"bodies": 0, "meetings": 0, "decisions": 0, "linked": 0, "escalations": 0}
    assert counts == (Meeting.objects.count(), AgendaItem.objects.count(),
                      StatusChange.objects.filter(meeting__isnull=False).count())
