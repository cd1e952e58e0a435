"""Issue 20: phase 4 and rounds. An action records the round in which it was proposed and the
one in which it was adopted; every home page shows where the process stands."""

import importlib
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from actieplan.actions.services import action_create, action_transition
from actieplan.models import Action, Phase, Round, Status, StatusChange
from actieplan.seed.reference import PHASES, ROUNDS
from tests import factories as f
from tests.conftest import login
from tests.monitoring_helpers import TZ



def load_phases_and_rounds():
    """The phases and rounds of the reference data (the rest of it would clash with the fixtures)."""
    for row in PHASES:
        Phase.objects.create(**row)
    for row in ROUNDS:
        Round.objects.create(**row)


rounds_data = importlib.import_module("actieplan.migrations.0014_rounds_data")

AUTUMN_2026 = datetime(2026, 11, 20, 10, 0, tzinfo=TZ)
SPRING_2026 = datetime(2026, 2, 10, 10, 0, tzinfo=TZ)


@pytest.fixture
def reference(db):
    load_phases_and_rounds()


def _create(user, group, barrier):
    return action_create(user=user, data={"working_group": group, "primary_barrier": barrier,
                                          "title": "Pendelbus naar het bedrijventerrein",
                                          "description": "Een pendelbus vanaf het station."})


def test_the_reference_data_hold_the_fourth_phase_and_two_rounds(reference):
    phase4 = Phase.objects.get(number=4)
    assert phase4.name == "Uitvoering en opvolging"
    assert phase4.deadline.year == 2029
    assert phase4.starts_on > Phase.objects.get(number=3).deadline
    first, second = Round.objects.order_by("number")
    assert (first.proposals_deadline, first.alignment_deadline, first.plan_update_deadline) == (
        Phase.objects.get(number=1).deadline, Phase.objects.get(number=2).deadline,
        Phase.objects.get(number=3).deadline)
    assert second.starts_on > first.plan_update_deadline


def test_an_action_records_the_round_in_which_it_is_proposed(reference, chair, group, barrier):
    with time_machine.travel(SPRING_2026, tick=False):
        early = _create(chair, group, barrier)
    with time_machine.travel(AUTUMN_2026, tick=False):
        late = _create(chair, group, barrier)
    assert early.proposed_round.number == 1
    assert late.proposed_round.number == 2


def test_an_action_records_the_round_in_which_it_is_adopted(reference, coordinator, group, barrier):
    action = f.action(working_group=group, primary_barrier=barrier, status=Status.RETAINED,
                      proposed_round=Round.objects.get(number=1))
    with time_machine.travel(AUTUMN_2026, tick=False):
        action_transition(action=action, to=Status.ADOPTED, user=coordinator)
    action.refresh_from_db()
    assert (action.proposed_round.number, action.adopted_round.number) == (1, 2)


def test_the_action_page_shows_its_rounds(client, reference, coordinator, group, barrier):
    action = f.action(working_group=group, primary_barrier=barrier, status=Status.ADOPTED,
                      proposed_round=Round.objects.get(number=1), adopted_round=Round.objects.get(number=2))
    html = login(client, coordinator).get(reverse("action_detail", args=[action.pk])).content.decode()
    assert "Voorgesteld in ronde" in html and "Ronde 1: Startronde 2026" in html
    assert "Ronde 2: Actualisering 2026-2027" in html


def test_a_round_with_deadlines_out_of_order_is_refused():
    r = Round(number=9, name="Fout", starts_on=date(2027, 1, 1), proposals_deadline=date(2027, 3, 1),
              alignment_deadline=date(2027, 2, 1), plan_update_deadline=date(2027, 4, 1))
    with pytest.raises(ValidationError):
        r.clean()


@pytest.mark.parametrize("role", ["coordinator", "chair", "member", "domain_contact", "cabinet"])
def test_every_home_page_shows_phase_round_and_next_deadline(client, reference, users, role):
    with time_machine.travel(datetime(2026, 12, 5, 9, 0, tzinfo=TZ), tick=False):
        html = login(client, users[role]).get(reverse("home")).content.decode()
    assert "Stand van het proces" in html
    assert "Fase 4: Uitvoering en opvolging" in html
    assert "Ronde 2: Actualisering 2026-2027" in html
    # the next deadline is round 2's for proposals, 29 January 2027, 55 days ahead
    assert "29 januari 2027" in html and "nog 55 dagen" in html


def test_the_phase_page_shows_where_the_process_stands(client, reference, coordinator):
    with time_machine.travel(datetime(2026, 12, 5, 9, 0, tzinfo=TZ), tick=False):
        html = login(client, coordinator).get(reverse("phase_tracker")).content.decode()
    assert "Stand van het proces" in html and "Fase 4: Uitvoering en opvolging" in html
    assert "Rondes en hun deadlines" in html and "26/03/2027" in html


def test_without_phases_or_rounds_the_home_page_says_so(client, coordinator):
    html = login(client, coordinator).get(reverse("home")).content.decode()
    assert "Nog geen fase gestart." in html and "Er is geen volgende deadline ingesteld." in html


def test_the_data_migration_gives_existing_actions_their_rounds(db, coordinator, group, barrier):
    f.phase(1, starts_on=date(2026, 1, 12), deadline=date(2026, 3, 27))
    f.phase(2, starts_on=date(2026, 3, 30), deadline=date(2026, 5, 22))
    f.phase(3, starts_on=date(2026, 5, 25), deadline=date(2026, 7, 10))
    spring = f.action(working_group=group, primary_barrier=barrier, status=Status.IN_PROGRESS)
    autumn = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED)
    Action.objects.filter(pk=spring.pk).update(created_at=SPRING_2026)
    Action.objects.filter(pk=autumn.pk).update(created_at=AUTUMN_2026)
    change = StatusChange.objects.create(action=spring, from_status="retained", to_status="adopted")
    StatusChange.objects.filter(pk=change.pk).update(at=datetime(2026, 7, 3, 12, 0, tzinfo=TZ))

    rounds_data.forwards(django_apps, None)

    assert Phase.objects.get(number=4).starts_on == date(2026, 7, 11)
    assert list(Round.objects.values_list("number", flat=True)) == [1, 2]
    spring.refresh_from_db()
    autumn.refresh_from_db()
    assert (spring.proposed_round.number, spring.adopted_round.number) == (1, 1)
    assert (autumn.proposed_round.number, autumn.adopted_round) == (2, None)


def test_the_data_migration_leaves_a_new_database_alone(db):
    rounds_data.forwards(django_apps, None)
    assert not Phase.objects.exists() and not Round.objects.exists()
