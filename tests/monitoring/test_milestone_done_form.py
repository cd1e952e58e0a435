"""The "Gerealiseerd op" field of a milestone starts empty: one click never marks a milestone done (issue 16, defect 10)."""

import re
from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from tests.conftest import login
from tests.monitoring_helpers import TZ, adopted_action, milestone

NOW = datetime(2026, 12, 5, 12, 0, tzinfo=TZ)


@pytest.fixture
def world(group, barrier, domain, domain_contact):
    with time_machine.travel(NOW, tick=False):
        action = adopted_action(group=group, barrier=barrier, domain=domain, code="MOB-31")
        ms = milestone(action, due=date(2027, 3, 1), title="Evaluatie van de piloot")
        yield {"action": action, "milestone": ms}


def test_it_leaves_the_date_empty(client, domain_contact, world):
    html = login(client, domain_contact).get(reverse("action_progress", args=[world["action"].pk])).content.decode()
    field = re.search(r'<input type="date" name="done_on" id="done_on_%d"[^>]*>' % world["milestone"].pk, html)
    assert field is not None
    assert 'value=""' in field.group(0)
    assert "2026-12-05" not in field.group(0)


def test_submitting_without_a_date_marks_nothing_done(client, domain_contact, world):
    response = login(client, domain_contact).post(
        reverse("milestone_done", args=[world["action"].pk, world["milestone"].pk]), {"done_on": ""})
    assert response.status_code == 400
    assert "Geef de datum op waarop de mijlpaal gerealiseerd werd." in response.content.decode()
    world["milestone"].refresh_from_db()
    assert world["milestone"].done_on is None


def test_a_typed_date_marks_it_done(client, domain_contact, world):
    response = login(client, domain_contact).post(
        reverse("milestone_done", args=[world["action"].pk, world["milestone"].pk]), {"done_on": "2026-12-01"})
    assert response.status_code == 302
    world["milestone"].refresh_from_db()
    assert world["milestone"].done_on == date(2026, 12, 1)
