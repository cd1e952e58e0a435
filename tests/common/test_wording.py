"""Wording: singular and plural, Dutch terms the administration uses (issue 16, defect 13)."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from actieplan.plan import services as svc
from actieplan.models import Status
from monitoring.selectors import _missing
from monitoring.templatetags.monitoring_tags import format_distance
from tests import factories as f
from tests.conftest import login
from tests.plan_factories import make_plan, retained_action


def test_a_waiting_count_is_singular_or_plural():
    assert _missing({Status.SUBMITTED: 1}) == ["1 wacht op een beslissing na afstemming"]
    assert _missing({Status.SUBMITTED: 3}) == ["3 wachten op een beslissing na afstemming"]


def test_the_distance_to_a_percentage_target_is_in_procentpunt():
    assert format_distance(Decimal("3.1"), "percent") == "3,1 procentpunt"
    assert format_distance(Decimal("12000"), "count") == "12.000"


def test_one_submitted_action_is_singular(client, chair, group, barrier):
    action = f.action(working_group=group, primary_barrier=barrier, code="MOB-01")
    response = login(client, chair).post(reverse("group_submit", args=[group.pk]),
                                          {"step": "confirm", "actions": [action.pk]}, follow=True)
    html = response.content.decode()
    assert "1 actie ingediend voor afstemming: MOB-01." in html and "actie(s)" not in html


def test_the_phase_page_uses_the_administrations_words(client, coordinator):
    html = login(client, coordinator).get(reverse("phase_tracker")).content.decode()
    assert "Stand van de fasen" in html and "Cumulatief verloop" in html
    assert "Fasetracker" not in html and "Burn-up" not in html


def test_the_plan_pages_say_akkoord_and_mededeling(client, coordinator, group, barrier, domain):
    action = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain)
    plan = make_plan(coordinator, [action])
    svc.plan_consult(plan=plan, user=coordinator)
    svc.plan_finalise(plan=plan, user=coordinator, vr_reference="VR 2026 0307 MED.0123/1", vr_date=date(2026, 7, 3),
                      override_reason="Politiek akkoord.")
    login(client, coordinator)
    signoffs = client.get(reverse("plan_signoffs", args=[plan.pk])).content.decode()
    assert "<h1>Akkoord per beleidsdomein</h1>" in signoffs
    versions = client.get(reverse("plan_versions", args=[plan.pk])).content.decode()
    assert "Mededeling aan de Vlaamse Regering" in versions and "Beslissing Vlaamse Regering" not in versions


def test_the_plan_docx_header_names_the_department(client, coordinator, group, barrier, domain):
    import io

    from docx import Document

    from actieplan.plan import exports

    action = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain)
    plan = make_plan(coordinator, [action])
    content = exports.render_docx(*exports.document_for(plan))
    text = "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "Vlaamse overheid · Departement WEWIS" in text


def test_an_api_404_is_dutch(client, coordinator):
    response = login(client, coordinator).get("/api/v1/actions/999999/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Niet gevonden."}


def test_the_decisions_filter_lists_full_names(client, coordinator):
    html = login(client, coordinator).get(reverse("decision_log")).content.decode()
    assert f'<option value="{coordinator.pk}">Cora Coördinator</option>' in html
