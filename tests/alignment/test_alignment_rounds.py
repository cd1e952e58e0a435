"""Issue 20: on the alignment board an action is measured against the alignment deadline of its
own round, not against May's deadline of the first round."""

from datetime import datetime

import pytest
import time_machine
from django.urls import reverse

from actieplan.models import Phase, Round, Status
from actieplan.seed.reference import PHASES, ROUNDS
from tests import factories as f
from tests.conftest import login
from tests.monitoring_helpers import TZ

pytestmark = pytest.mark.django_db


def load_phases_and_rounds():
    """The phases and rounds of the reference data (the rest of it would clash with the fixtures)."""
    for row in PHASES:
        Phase.objects.create(**row)
    for row in ROUNDS:
        Round.objects.create(**row)
DEC_2026 = datetime(2026, 12, 4, 10, 0, tzinfo=TZ)


@pytest.fixture
def rounds(db):
    load_phases_and_rounds()
    return {r.number: r for r in Round.objects.all()}


def test_an_autumn_proposal_is_measured_against_its_rounds_deadline(client, coordinator, group, barrier, rounds):
    f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED, proposed_round=rounds[2])
    with time_machine.travel(DEC_2026, tick=False):
        html = login(client, coordinator).get(reverse("alignment_board")).content.decode()
    assert "Deadline afstemming (Ronde 2: Actualisering 2026-2027):" in html
    assert "26 maart 2027" in html and "nog 112 dagen" in html
    assert "verstreken" not in html
    assert "na de deadline van" not in html


def test_an_undecided_action_of_an_earlier_round_is_late(client, coordinator, group, barrier, rounds):
    f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED, proposed_round=rounds[1])
    f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED, proposed_round=rounds[2])
    with time_machine.travel(DEC_2026, tick=False):
        html = login(client, coordinator).get(reverse("alignment_board")).content.decode()
    assert "1 actie is na de deadline van haar ronde nog niet beslist." in html
    assert "nog 112 dagen" in html
