"""The action page shows the progress panel once an action is adopted (monitoring's tag)."""

import pytest
from django.urls import reverse

from actieplan.models import Status
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_adopted_action_page_shows_progress_and_the_update_link_for_the_lead_contact(client, domain_contact, group, domain):
    action = f.action(working_group=group, lead_domain=domain, status=Status.ADOPTED, code="MOB-09")
    client.force_login(domain_contact)
    page = client.get(reverse("action_detail", args=[action.pk])).content.decode()
    assert "Stand van zaken" in page or "stand van zaken" in page
    assert reverse("action_progress", args=[action.pk]) in page


def test_draft_action_page_has_no_progress_panel(client, member, draft_action):
    client.force_login(member)
    page = client.get(reverse("action_detail", args=[draft_action.pk])).content.decode()
    assert reverse("action_progress", args=[draft_action.pk]) not in page
