"""The trajectory page is one form: adding or removing a milestone never drops the other input (issue 16, defect 1)."""

from datetime import date

import pytest
from django.urls import reverse

from actieplan.plan import services as svc
from actieplan.models import Action, Milestone, SignOff, SignOffState
from tests.conftest import login
from tests.plan_factories import make_plan, retained_action


@pytest.fixture
def setup(coordinator, group, barrier, domain, other_domain):
    action = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-20")
    plan = make_plan(coordinator, [action])
    return {"plan": plan, "action": Action.objects.get(pk=action.pk)}


def _url(setup):
    return reverse("plan_action_trajectory", args=[setup["plan"].pk, setup["action"].pk])


def _post(setup, other_domain, **extra):
    action = setup["action"]
    data = {"version": action.version, "lead_domain": action.lead_domain_id, "partner_domains": [other_domain.pk],
            "planned_start": "2026-09-01", "planned_end": "2028-03-31"}
    data.update(extra)
    return data


def test_it_saves_the_trajectory_changes_together_with_a_new_milestone(client, coordinator, setup, other_domain):
    response = login(client, coordinator).post(_url(setup), _post(
        setup, other_domain, submit="milestone", **{"mijlpaal-title": "Evaluatie", "mijlpaal-due_date": "2027-06-01"}))
    assert response.status_code == 302
    action = Action.objects.get(pk=setup["action"].pk)
    assert action.planned_end == date(2028, 3, 31)
    assert list(action.partner_domains.all()) == [other_domain]
    assert Milestone.objects.filter(action=action, title="Evaluatie", due_date=date(2027, 6, 1)).exists()
    page = client.get(response["Location"]).content.decode()
    assert "De mijlpaal ‘Evaluatie’ is toegevoegd. De wijzigingen aan het traject zijn ook opgeslagen." in page


def test_it_keeps_every_typed_value_when_the_milestone_is_invalid(client, coordinator, setup, other_domain):
    response = login(client, coordinator).post(_url(setup), _post(
        setup, other_domain, submit="milestone", **{"mijlpaal-title": "Evaluatie", "mijlpaal-due_date": ""}))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Geef de vervaldatum op." in html
    assert 'value="2028-03-31"' in html  # the unsaved end date is still in the form
    assert 'value="Evaluatie"' in html
    action = Action.objects.get(pk=setup["action"].pk)
    assert action.planned_end == date(2027, 6, 30)  # nothing half-saved
    assert not Milestone.objects.filter(action=action, title="Evaluatie").exists()


def test_saving_the_trajectory_also_adds_a_filled_in_milestone(client, coordinator, setup, other_domain):
    login(client, coordinator).post(_url(setup), _post(
        setup, other_domain, submit="trajectory", **{"mijlpaal-title": "Pilot", "mijlpaal-due_date": "2027-01-15"}))
    assert Milestone.objects.filter(action=setup["action"], title="Pilot").exists()


def test_removing_a_milestone_keeps_the_other_changes(client, coordinator, setup, other_domain):
    milestone = Milestone.objects.get(action=setup["action"])
    response = login(client, coordinator).post(_url(setup), _post(setup, other_domain, delete_milestone=milestone.pk))
    assert response.status_code == 302
    assert not Milestone.objects.filter(pk=milestone.pk).exists()
    assert Action.objects.get(pk=setup["action"].pk).planned_end == date(2028, 3, 31)


def test_a_milestone_of_another_action_cannot_be_removed(client, coordinator, setup, other_domain, group, barrier):
    foreign = retained_action(working_group=group, primary_barrier=barrier).milestones.get()
    response = login(client, coordinator).post(_url(setup), _post(setup, other_domain, delete_milestone=foreign.pk))
    assert response.status_code == 404
    assert Milestone.objects.filter(pk=foreign.pk).exists()


def test_it_warns_before_a_change_resets_a_given_sign_off(client, coordinator, domain_contact, setup, domain):
    plan = setup["plan"]
    svc.plan_consult(plan=plan, user=coordinator)
    signoff = SignOff.objects.get(plan=plan, domain=domain)
    svc.signoff_sign(signoff=signoff, user=domain_contact)
    html = login(client, coordinator).get(_url(setup)).content.decode()
    assert "Mobiliteit en Openbare Werken heeft het actieplan al ondertekend." in html
    client.post(_url(setup), {**_post(setup, domain), "partner_domains": [], "submit": "milestone",
                              "mijlpaal-title": "Evaluatie", "mijlpaal-due_date": "2027-06-01"})
    assert SignOff.objects.get(pk=signoff.pk).state == SignOffState.PENDING


@pytest.mark.parametrize("role", ["chair", "member", "domain_contact", "cabinet"])
def test_only_a_coordinator_may_post(client, users, setup, other_domain, role):
    response = login(client, users[role]).post(_url(setup), _post(setup, other_domain))
    assert response.status_code == 403
