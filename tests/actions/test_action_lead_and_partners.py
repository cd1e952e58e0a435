"""An action names its lead organisation, a responsible person or team and its local partners (issue 20 §4):
set in the action form and through the API, shown on the action page."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from actieplan.models import Action
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db


def _edit_data(action, **overrides):
    data = {
        "code": action.code, "title": action.title, "description": action.description,
        "intended_result": action.intended_result, "primary_barrier": action.primary_barrier_id,
        "level": "flemish", "instrument_type": "service", "budget_impact": "neutral", "budget_estimate": "",
        "planned_start": "", "planned_end": "", "version": action.version,
    }
    data.update(overrides)
    return data


def test_the_form_records_the_lead_organisation_responsible_and_local_partners(client, member, draft_action):
    vdab = f.organisation(name="VDAB", abbreviation="VDAB")
    login(client, member)
    url = reverse("action_edit", args=[draft_action.pk])
    assert 'name="lead_organisation"' in client.get(url).content.decode()
    response = client.post(url, _edit_data(draft_action, lead_organisation=vdab.pk, responsible="Team Activering",
                                           local_partners="Stad Kortrijk\r\nOCMW Kortrijk\r\n\r\n"))
    assert response.status_code == 302
    draft_action.refresh_from_db()
    assert (draft_action.lead_organisation, draft_action.responsible) == (vdab, "Team Activering")
    page = client.get(reverse("action_detail", args=[draft_action.pk])).content.decode()
    assert "Trekkende organisatie" in page and "<bdi>VDAB</bdi>" in page
    assert "<bdi>Team Activering</bdi>" in page
    assert "<li><bdi>Stad Kortrijk</bdi></li>" in page and "<li><bdi>OCMW Kortrijk</bdi></li>" in page
    # the history shows the change like any other field
    assert draft_action.history.filter(lead_organisation=vdab).exists()


def test_an_unknown_lead_organisation_is_refused_in_dutch(client, member, draft_action):
    login(client, member)
    response = client.post(reverse("action_edit", args=[draft_action.pk]),
                           _edit_data(draft_action, lead_organisation=999999, responsible="Team Activering"))
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert 'value="Team Activering"' in response.content.decode()  # nothing typed is lost
    draft_action.refresh_from_db()
    assert draft_action.lead_organisation is None and draft_action.version == 1


def test_the_api_reads_and_writes_the_new_fields_as_optional(member, draft_action):
    vdab = f.organisation(name="VDAB", abbreviation="VDAB")
    api = APIClient()
    api.force_login(member)
    url = reverse("api:action-detail", args=[draft_action.pk])
    body = api.get(url).json()
    assert (body["lead_organisation"], body["responsible"], body["local_partners"]) == (None, "", "")
    assert body["title"] == draft_action.title and "lead_domain" in body  # existing fields stay
    response = api.patch(url, {"lead_organisation": vdab.pk, "responsible": "Team Activering",
                               "local_partners": "44 lokale partnerschappen", "version": 1}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["lead_organisation_name"] == "VDAB"
    action = Action.objects.get(pk=draft_action.pk)
    assert action.local_partner_list == ["44 lokale partnerschappen"]
    assert action.title == draft_action.title  # a PATCH without them keeps the rest
    bad = api.patch(url, {"lead_organisation": 999999, "version": action.version}, format="json")
    assert bad.status_code == 400 and "lead_organisation" in bad.json()
