from datetime import date, timedelta

import pytest

from actieplan.models import Status
from governance import services
from monitoring.models import StatusUpdate
from tests import factories as f


@pytest.fixture
def steering(coordinator):
    return services.body_create(user=coordinator, data={
        "name": "Stuurgroep Drempels naar Werk", "kind": "steering_group",
        "composition": "Vertegenwoordigers van de bevoegde vakministers."})


@pytest.fixture
def meeting(coordinator, steering):
    return services.meeting_create(user=coordinator, data={
        "body": steering, "date": date.today() + timedelta(days=14), "location": "Brussel",
        "minutes": "Eerste alinea.\n\nTweede alinea met <script>alert(1)</script>."}, attendees=[coordinator])


@pytest.fixture
def blocked_action(group, barrier, domain, domain_contact):
    """An action in progress whose reports have said "geblokkeerd" for four months."""
    action = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-30",
                      status=Status.IN_PROGRESS, title="Jobbus naar het bedrijventerrein")
    today = date.today()
    StatusUpdate.objects.create(action=action, date=today - timedelta(days=200), progress_state="on_track",
                                percent_complete=10, done="Gestart.", created_by=domain_contact)
    StatusUpdate.objects.create(action=action, date=today - timedelta(days=120), progress_state="blocked",
                                percent_complete=15, done="Wacht op middelen.", created_by=domain_contact)
    StatusUpdate.objects.create(action=action, date=today - timedelta(days=10), progress_state="delayed",
                                percent_complete=15, done="Nog steeds geen middelen.",
                                blockers="Geen budget bij de begrotingsaanpassing.", created_by=domain_contact)
    return action
