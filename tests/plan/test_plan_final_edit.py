"""Editing a final plan starts a new draft version only after the coordinator confirmed it (issue 16, defect 8)."""

from datetime import date

import pytest
from django.urls import reverse

from actieplan.plan import services as svc
from actieplan.models import Action, Milestone, PlanStatus
from tests.conftest import login
from tests.plan_factories import make_plan, retained_action


@pytest.fixture
def final_plan(coordinator, group, barrier, domain):
    action = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-50")
    plan = make_plan(coordinator, [action])
    svc.plan_consult(plan=plan, user=coordinator)
    svc.plan_finalise(plan=plan, user=coordinator, vr_reference="VR 2026 0307 MED.0123/1", vr_date=date(2026, 7, 3),
                      override_reason="Politiek akkoord.")
    plan.refresh_from_db()
    assert plan.status == PlanStatus.FINAL
    return {"plan": plan, "action": Action.objects.get(pk=action.pk)}


def test_the_plan_page_says_an_edit_starts_version_2(client, coordinator, final_plan):
    html = login(client, coordinator).get(reverse("plan_detail", args=[final_plan["plan"].pk])).content.decode()
    assert "Versie 1 is definitief. Een wijziging start versie 2 (ontwerp)" in html


def test_opening_an_edit_page_asks_for_confirmation_first(client, coordinator, final_plan):
    plan = final_plan["plan"]
    edit = reverse("plan_edit", args=[plan.pk])
    response = login(client, coordinator).get(edit)
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Versie 1 van het actieplan is definitief. Wie het actieplan wijzigt, start versie 2 (ontwerp)" in html
    assert "Versie 2 (ontwerp) starten" in html
    plan.refresh_from_db()
    assert plan.status == PlanStatus.FINAL  # looking changes nothing
    response = client.post(response["Location"], {"next": edit})
    assert response["Location"] == edit  # back to the page the coordinator wanted
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT
    assert client.get(edit).status_code == 200


def test_a_post_to_a_final_plan_changes_nothing(client, coordinator, final_plan):
    plan, action = final_plan["plan"], final_plan["action"]
    login(client, coordinator)
    response = client.post(reverse("plan_action_trajectory", args=[plan.pk, action.pk]), {
        "version": action.version, "lead_domain": action.lead_domain_id, "planned_start": "2026-09-01",
        "planned_end": "2028-01-01", "submit": "milestone", "mijlpaal-title": "Nieuw", "mijlpaal-due_date": "2027-01-01"})
    assert response.status_code == 302 and reverse("plan_reopen", args=[plan.pk]) in response["Location"]
    plan.refresh_from_db()
    assert plan.status == PlanStatus.FINAL
    assert not Milestone.objects.filter(action=action, title="Nieuw").exists()
    assert "Er is niets gewijzigd: bevestig eerst" in client.get(response["Location"]).content.decode()


def test_a_foreign_next_address_is_ignored(client, coordinator, final_plan):
    plan = final_plan["plan"]
    response = login(client, coordinator).post(reverse("plan_reopen", args=[plan.pk]), {"next": "https://evil.example/"})
    assert response["Location"] == reverse("plan_detail", args=[plan.pk])


@pytest.mark.parametrize("role", ["chair", "domain_contact", "cabinet"])
def test_others_are_refused_before_anything_else(client, users, final_plan, role):
    response = login(client, users[role]).get(reverse("plan_edit", args=[final_plan["plan"].pk]))
    assert response.status_code == 403
