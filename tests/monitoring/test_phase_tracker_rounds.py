"""Issue 20: the phase tracker measures each step against the deadline of the action's own round."""

from datetime import date, datetime

import pytest
import time_machine
from django.urls import reverse

from actieplan.models import Phase, Round, Status, StatusChange
from actieplan.seed.reference import PHASES, ROUNDS
from tests import factories as f
from tests.conftest import login
from tests.monitoring_helpers import TZ

pytestmark = pytest.mark.django_db


def _submitted(action, day):
    change = StatusChange.objects.create(action=action, from_status="draft", to_status="submitted")
    StatusChange.objects.filter(pk=change.pk).update(at=datetime(day.year, day.month, day.day, 10, tzinfo=TZ))


def test_a_proposal_of_the_autumn_round_submitted_in_november_is_on_time(client, coordinator, group, barrier):
    for row in PHASES:
        Phase.objects.create(**row)
    for row in ROUNDS:
        Round.objects.create(**row)
    first, second = Round.objects.order_by("number")
    autumn = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED, proposed_round=second)
    spring_late = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED,
                           proposed_round=first)
    _submitted(autumn, date(2026, 11, 10))       # before round 2's deadline (29 January 2027)
    _submitted(spring_late, date(2026, 11, 10))  # after round 1's deadline (27 March 2026)
    with time_machine.travel(datetime(2026, 12, 5, 9, 0, tzinfo=TZ), tick=False):
        response = login(client, coordinator).get(reverse("phase_tracker"))
    step_1 = response.context["tracker"]["phases"][0]
    assert (step_1["on_time"], step_1["late"]) == (1, 1)
