"""Issue 20: the coverage matrix counts adopted and in-progress actions too, with a toggle per status group."""

import re

import pytest
from django.urls import reverse

from actieplan.models import Status
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def wewis_health(group):
    """WEWIS leads four adopted or running actions on health, and no proposal."""
    wewis = f.policy_domain(name="Werk, Economie, Wetenschap, Innovatie en Sociale Economie", abbreviation="WEWIS")
    health = f.barrier(name="Gezondheidsproblematiek en arbeidsbeperking", is_priority=True)
    for status in (Status.ADOPTED, Status.ADOPTED, Status.ADOPTED, Status.IN_PROGRESS):
        f.action(working_group=group, primary_barrier=health, lead_domain=wewis, status=status)
    return wewis, health


def _cell(response, barrier, domain):
    row = next(r for r in response.context["by_domain"] if r["barrier"].pk == barrier.pk)
    return next(c for c in row["cells"] if c["policy_domain"] == domain.pk)


def test_adopted_and_running_actions_close_the_gap_by_default(client, coordinator, wewis_health):
    wewis, health = wewis_health
    response = login(client, coordinator).get(reverse("coverage_matrix"))
    cell = _cell(response, health, wewis)
    assert (cell["total"], cell["adopted"], cell["in_progress"]) == (4, 3, 1)
    html = response.content.decode()
    assert "(0 + 4)" in html  # no proposals, four in the plan
    toggles = re.findall(r'<input[^>]*name="groep"[^>]*>', html)
    assert len(toggles) == 2 and all("checked" in t for t in toggles)  # both groups on by default


def test_the_toggle_counts_only_the_chosen_status_group(client, coordinator, wewis_health):
    wewis, health = wewis_health
    login(client, coordinator)
    proposals = client.get(reverse("coverage_matrix"), {"toon": "1", "groep": ["voorstellen"]})
    assert _cell(proposals, health, wewis)["total"] == 0  # a gap when only proposals count
    assert "status=adopted" not in _cell(proposals, health, wewis)["url"]
    plan = client.get(reverse("coverage_matrix"), {"toon": "1", "groep": ["actieplan"]})
    cell = _cell(plan, health, wewis)
    assert cell["total"] == 4
    assert "status=adopted" in cell["url"] and "status=submitted" not in cell["url"]


@pytest.mark.parametrize("params, message", [
    ({"toon": "1"}, "Kies minstens één groep van statussen."),
    ({"toon": "1", "groep": ["alles"]}, "Onbekende groep van statussen."),
])
def test_a_bad_toggle_is_refused_and_says_why(client, coordinator, wewis_health, params, message):
    response = login(client, coordinator).get(reverse("coverage_matrix"), params)
    assert response.status_code == 400
    assert message in response.content.decode()
    wewis, health = wewis_health
    assert _cell(response, health, wewis)["total"] == 4  # shown with the default groups


def test_the_api_counts_adopted_and_running_actions(client, coordinator, wewis_health):
    wewis, health = wewis_health
    body = login(client, coordinator).get(reverse("api:coverage")).json()
    cell = next(c for c in body["by_policy_domain"] if c["barrier"] == health.pk and c["policy_domain"] == wewis.pk)
    assert (cell["adopted"], cell["in_progress"], cell["total"], cell["gap"]) == (3, 1, 4, False)
