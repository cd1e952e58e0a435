"""A sign-off row never contradicts itself: a remark of an earlier signature is shown as such (issue 16, defect 9)."""

import re

import pytest
from django.urls import reverse

from actieplan.plan import services as svc
from actieplan.models import Action, SignOff, SignOffState
from tests.conftest import login
from tests.plan_factories import make_plan, retained_action


@pytest.fixture
def plan_with_signoff(coordinator, domain_contact, group, barrier, domain):
    action = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-40")
    plan = make_plan(coordinator, [action])
    svc.plan_consult(plan=plan, user=coordinator)
    signoff = SignOff.objects.get(plan=plan, domain=domain)
    svc.signoff_sign(signoff=signoff, user=domain_contact,
                     remark="Ondertekend door de leidend ambtenaar van het departement.")
    return plan, Action.objects.get(pk=action.pk), signoff


def _row(html: str, domain_name: str) -> str:
    match = re.search(r"<tr>\s*<th scope=\"row\"><a [^>]*>(?:<bdi>)?%s(?:</bdi>)?</a></th>.*?</tr>" % re.escape(domain_name), html, re.S)
    assert match, "sign-off row missing"
    return match.group(0)


def test_a_signed_row_shows_its_remark(client, coordinator, plan_with_signoff, domain):
    plan, _action, _signoff = plan_with_signoff
    row = _row(login(client, coordinator).get(reverse("plan_signoffs", args=[plan.pk])).content.decode(), domain.name)
    assert "ondertekend" in row and "Ondertekend door de leidend ambtenaar" in row
    assert "Bij de vorige ondertekening" not in row


def test_a_reset_row_does_not_claim_it_is_signed(client, coordinator, plan_with_signoff, domain):
    plan, action, signoff = plan_with_signoff
    svc.milestone_create(action=action, user=coordinator, title="Extra mijlpaal", due_date=action.planned_end)
    assert SignOff.objects.get(pk=signoff.pk).state == SignOffState.PENDING
    login(client, coordinator)
    for name in ("plan_signoffs", "plan_detail"):
        row = _row(client.get(reverse(name, args=[plan.pk])).content.decode(), domain.name)
        assert "nog niet ondertekend" in row
        assert "Bij de vorige ondertekening:</span> “<bdi>Ondertekend door de leidend ambtenaar" in row
