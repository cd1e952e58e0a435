"""Outcome indicators per action: the action page shows them with a chart, the lead domain's contact and
coordinators set them, progress reports carry measured values, and bad input is refused in Dutch."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from actieplan.models import Status
from monitoring.models import FICTITIOUS_NOTE, ActionOutcome, OutcomeValue, StatusUpdate
from tests import factories as f
from tests import monitoring_helpers as h

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(group, barrier, domain):
    return h.adopted_action(group=group, barrier=barrier, domain=domain, code="GEZ-03",
                            title="Re-integratietrajecten voor langdurig zieken")


@pytest.fixture
def trajectories():
    return h.indicator(name="Re-integratietrajecten langdurig zieken", slug="re-integratietrajecten", unit="count",
                       baseline_value="0", baseline_year=2023, target_value="12000", target_year=2024)


def _outcome(action, indicator, **kw):
    defaults = dict(kind="output", unit=indicator.unit, baseline_value=Decimal("0"), baseline_year=2023,
                    target_value=Decimal("12000"), target_year=2026)
    defaults.update(kw)
    return ActionOutcome.objects.create(action=action, indicator=indicator, **defaults)


def _form(indicator, **kw):
    data = {"kind": "output", "indicator": indicator.pk, "description": "Nieuwe trajecten via VDAB",
            "unit": "", "baseline_value": "0", "baseline_year": "2023", "target_value": "12000",
            "target_year": "2026"}
    data.update(kw)
    return data


def test_it_shows_the_outcomes_with_their_measured_values_and_a_chart(client, member, action, trajectories):
    outcome = _outcome(action, trajectories)
    first = h.report(action, day=date(2026, 8, 1))
    second = h.report(action, day=date(2026, 10, 1))
    OutcomeValue.objects.create(outcome=outcome, status_update=first, value=Decimal("2150"))
    OutcomeValue.objects.create(outcome=outcome, status_update=second, value=Decimal("4380"), note=FICTITIOUS_NOTE)
    client.force_login(member)
    page = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert "Beoogde resultaten en indicatoren" in page
    assert "Re-integratietrajecten langdurig zieken" in page
    assert "12.000 (2026)" in page  # the target and its year
    assert "4.380 (01/10/2026)" in page  # the latest measured value
    assert "fictief" in page  # a demo value is labelled
    assert "<svg" in page and "streefwaarde 2026" in page  # the chart with its target line
    assert "2.150" in page  # the earlier value, in the chart's table
    # a member of the group may read it but not manage it
    assert reverse("action_outcomes", args=[action.pk]) not in page


def test_the_lead_contact_sees_the_link_to_manage_outcomes(client, domain_contact, action):
    client.force_login(domain_contact)
    page = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert reverse("action_outcomes", args=[action.pk]) in page
    assert "Nog geen beoogde resultaten vastgelegd." in page


def test_the_lead_contact_adds_an_outcome_with_the_indicators_unit(client, domain_contact, action, trajectories):
    client.force_login(domain_contact)
    response = client.post(reverse("action_outcomes", args=[action.pk]), _form(trajectories))
    assert response.status_code == 302
    outcome = ActionOutcome.objects.get(action=action)
    assert (outcome.unit, outcome.target_value, outcome.target_year) == ("count", Decimal("12000"), 2026)
    page = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert "Nieuwe trajecten via VDAB" in page


@pytest.mark.parametrize("user_fixture", ["member", "chair", "cabinet", "other_member"])
def test_others_may_not_manage_outcomes(client, request, user_fixture, action, trajectories):
    client.force_login(request.getfixturevalue(user_fixture))
    assert client.get(reverse("action_outcomes", args=[action.pk])).status_code == 403
    assert client.post(reverse("action_outcomes", args=[action.pk]), _form(trajectories)).status_code == 403
    assert not ActionOutcome.objects.exists()


def test_a_contact_of_another_domain_may_not_manage_outcomes(client, action, trajectories, other_domain):
    client.force_login(f.user("ander.contact", contact_domains=[other_domain]))
    assert client.post(reverse("action_outcomes", args=[action.pk]), _form(trajectories)).status_code == 403


@pytest.mark.parametrize("field, value, message", [
    ("target_year", "20266", "Het streefjaar ligt tussen 1990 en 2050."),
    ("target_year", "1850", "Het streefjaar ligt tussen 1990 en 2050."),
    ("target_year", "volgend jaar", "Geef het streefjaar als een jaartal, bv. 2029."),
    ("target_value", "-5", "Een aantal personen kan niet negatief zijn."),
    ("target_value", "veel", "Geef een getal op, bv. 12,5."),
    ("baseline_year", "2031", "Het basisjaar ligt tussen 1990 en"),
    ("unit", "kilogram", "Kies een eenheid: procent, aantal personen of getal."),
])
def test_bad_input_gives_a_dutch_error_and_keeps_what_was_typed(client, coordinator, action, trajectories, field,
                                                                value, message):
    client.force_login(coordinator)
    data = _form(trajectories, **{field: value})
    response = client.post(reverse("action_outcomes", args=[action.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert 'value="Nieuwe trajecten via VDAB"' in page  # nothing typed is lost
    assert not ActionOutcome.objects.exists()


def test_a_target_year_before_the_baseline_year_is_refused(client, coordinator, action, trajectories):
    client.force_login(coordinator)
    response = client.post(reverse("action_outcomes", args=[action.pk]),
                           _form(trajectories, baseline_year="2025", target_year="2024"))
    assert response.status_code == 400
    assert "Het streefjaar ligt vóór het basisjaar." in response.content.decode()


def test_a_percentage_above_100_is_refused(client, coordinator, action):
    rate = h.indicator()
    client.force_login(coordinator)
    response = client.post(reverse("action_outcomes", args=[action.pk]),
                           _form(rate, baseline_value="76,9", baseline_year="2024", target_value="180"))
    assert response.status_code == 400
    assert "Een percentage ligt tussen 0 en 100" in response.content.decode()


def test_the_coordinator_changes_an_outcome(client, coordinator, action, trajectories):
    outcome = _outcome(action, trajectories)
    client.force_login(coordinator)
    url = reverse("action_outcome_edit", args=[action.pk, outcome.pk])
    response = client.post(url, _form(trajectories, target_value="13000", target_year="2027"))
    assert response.status_code == 302
    outcome.refresh_from_db()
    assert (outcome.target_value, outcome.target_year) == (Decimal("13000"), 2027)
    bad = client.post(url, _form(trajectories, target_year="0"))
    assert bad.status_code == 400
    outcome.refresh_from_db()
    assert outcome.target_year == 2027  # unchanged


def test_an_outcome_with_measured_values_cannot_be_deleted(client, coordinator, action, trajectories):
    outcome = _outcome(action, trajectories)
    OutcomeValue.objects.create(outcome=outcome, status_update=h.report(action, day=date(2026, 9, 1)), value=10)
    client.force_login(coordinator)
    response = client.post(reverse("action_outcome_delete", args=[action.pk, outcome.pk]), follow=True)
    assert "kan niet meer verwijderd worden" in response.content.decode()
    assert ActionOutcome.objects.filter(pk=outcome.pk).exists()


def test_a_progress_report_carries_a_measured_value(client, domain_contact, action, trajectories):
    outcome = _outcome(action, trajectories)
    client.force_login(domain_contact)
    today = timezone.localdate()
    data = {"date": today.isoformat(), "progress_state": "on_track", "percent_complete": "40",
            "done": "Trajecten opgestart.", f"outcome_{outcome.pk}": "3250"}
    page = client.get(reverse("action_progress", args=[action.pk])).content.decode()
    assert "Gemeten waarde: Re-integratietrajecten langdurig zieken" in page
    response = client.post(reverse("action_progress", args=[action.pk]), data)
    assert response.status_code == 302
    value = OutcomeValue.objects.get(outcome=outcome)
    assert value.value == Decimal("3250")
    page = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert f"3.250 ({today:%d/%m/%Y})" in page


def test_a_negative_measured_value_is_refused_and_the_report_is_not_posted(client, domain_contact, action,
                                                                          trajectories):
    outcome = _outcome(action, trajectories)
    client.force_login(domain_contact)
    data = {"date": timezone.localdate().isoformat(), "progress_state": "on_track", "percent_complete": "40",
            "done": "Trajecten opgestart.", f"outcome_{outcome.pk}": "-3"}
    response = client.post(reverse("action_progress", args=[action.pk]), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Een aantal personen kan niet negatief zijn." in page
    assert "Trajecten opgestart." in page  # what was typed stays
    assert not StatusUpdate.objects.filter(action=action).exists()


def test_the_api_lists_an_actions_outcomes(client, member, action, trajectories):
    outcome = _outcome(action, trajectories)
    OutcomeValue.objects.create(outcome=outcome, status_update=h.report(action, day=date(2026, 9, 1)),
                                value=Decimal("2150"), note=FICTITIOUS_NOTE)
    client.force_login(member)
    body = client.get(reverse("monitoring_api:action-outcomes", args=[action.pk])).json()
    row = body["results"][0]
    assert row["indicator_name"] == "Re-integratietrajecten langdurig zieken"
    assert (row["target_value"], row["target_year"], row["kind"]) == (12000, 2026, "output")
    assert row["values"] == [{"status_update": row["values"][0]["status_update"], "date": "2026-09-01",
                              "value": 2150, "note": FICTITIOUS_NOTE, "fictitious": True}]


def test_the_api_hides_the_outcomes_of_an_action_one_may_not_see(client, other_member, draft_action):
    client.force_login(other_member)
    assert client.get(reverse("monitoring_api:action-outcomes", args=[draft_action.pk])).status_code == 404
