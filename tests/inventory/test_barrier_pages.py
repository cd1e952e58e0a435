"""The barrier pages: /drempels/ and /drempels/<id>/ bring wording, measures, evidence, actions and indicators together."""

from __future__ import annotations

import pytest
from django.urls import reverse

from monitoring.models import Indicator
from tests import factories as f
from tests.inventory.factories import evidence_source, measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(barrier, other_barrier, domain, group, other_group, target_group, draft_action, submitted_action):
    barrier.reason = "Gecoördineerde aanpak vereist"
    barrier.save()
    adopted = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-03",
                       status="adopted", title="Jobbus naar het bedrijventerrein", target_groups=[target_group])
    other_groups_draft = f.action(working_group=other_group, primary_barrier=barrier, code="ZORG-01",
                                  title="Kladversie van een andere werkgroep")
    m = measure(domain=domain, barriers=[barrier], name="Vervoer op maat voor werkzoekenden",
                links=[(adopted, "builds_on")])
    measure(domain=domain, barriers=[other_barrier], name="Kinderopvang met inkomenstarief")
    source = evidence_source(barriers=[barrier], measures=[m], title="Jobbereikbaarheid als drempel",
                             authors="Departement WEWIS", year=2025, source_type="viona")
    indicator = Indicator.objects.create(name="Auto-afhankelijkheid van jobs", slug="auto-afhankelijkheid",
                                         unit="percent", source="VIONA", baseline_value=70.5, baseline_year=2025)
    indicator.barriers.set([barrier])
    return {"adopted": adopted, "other_draft": other_groups_draft, "measure": m, "source": source,
            "indicator": indicator}


def test_it_shows_everything_about_the_barrier(client, member, barrier, target_group, world):
    client.force_login(member)
    html = client.get(reverse("barrier_detail", args=[barrier.pk])).content.decode()
    assert "Ik raak niet of moeilijk op het werk" in html  # the citizen wording
    assert "Waarom verder uitgewerkt" in html and "Gecoördineerde aanpak vereist" in html
    assert "Vervoer op maat voor werkzoekenden" in html
    assert "Kinderopvang met inkomenstarief" not in html  # a measure against another barrier
    assert "Jobbereikbaarheid als drempel" in html
    assert "Auto-afhankelijkheid van jobs" in html
    assert "Kortgeschoolden 25-64" in html  # the target group of an action on this barrier
    assert "MOB-03" in html and "MOB-02" in html and "MOB-01" in html  # the member sees the group's draft


def test_it_groups_the_actions_by_status(client, coordinator, barrier, world):
    client.force_login(coordinator)
    response = client.get(reverse("barrier_detail", args=[barrier.pk]))
    groups = {g["status"]: [a.code for a in g["actions"]] for g in response.context["actions_by_status"]}
    assert groups["adopted"] == ["MOB-03"]
    assert groups["submitted"] == ["MOB-02"]
    assert sorted(groups["draft"]) == ["MOB-01", "ZORG-01"]


def test_it_hides_drafts_the_user_may_not_see(client, member, barrier, world):
    client.force_login(member)
    html = client.get(reverse("barrier_detail", args=[barrier.pk])).content.decode()
    assert "ZORG-01" not in html and "Kladversie van een andere werkgroep" not in html


def test_it_answers_404_for_an_unknown_barrier(client, member, barrier):
    client.force_login(member)
    assert client.get(f"/drempels/{barrier.pk + 1000}/").status_code == 404
    assert client.get("/drempels/abc/").status_code == 404


def test_the_list_counts_measures_and_sources(client, cabinet, barrier, other_barrier, world):
    client.force_login(cabinet)
    response = client.get(reverse("barrier_list"))
    rows = {b.pk: (b.measure_count, b.evidence_count) for b in response.context["barriers"]}
    assert rows[barrier.pk] == (1, 1)
    assert rows[other_barrier.pk] == (1, 0)
    html = response.content.decode()
    assert "Ik raak niet of moeilijk op het werk" in html and reverse("barrier_detail", args=[barrier.pk]) in html


def test_the_list_exports_csv(client, member, barrier, world):
    client.force_login(member)
    response = client.get(reverse("barrier_list") + "?format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "Mobiliteit" in text and "Ik raak niet of moeilijk op het werk" in text


def test_anonymous_visitors_are_sent_to_the_login_page(client, barrier):
    response = client.get(reverse("barrier_detail", args=[barrier.pk]))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_main_navigation_links_to_the_barriers(client, member):
    client.force_login(member)
    html = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("barrier_list")}"' in html


def test_the_barrier_page_has_a_constant_number_of_queries(client, coordinator, barrier, domain, group, target_group,
                                                          django_assert_max_num_queries):
    client.force_login(coordinator)
    url = reverse("barrier_detail", args=[barrier.pk])
    measure(domain=domain, barriers=[barrier], target_groups=[target_group])
    evidence_source(barriers=[barrier], target_groups=[target_group])
    f.action(working_group=group, primary_barrier=barrier, target_groups=[target_group])
    client.get(url)
    with django_assert_max_num_queries(40) as few:
        client.get(url)
    for _ in range(8):
        measure(domain=domain, barriers=[barrier], target_groups=[target_group])
        evidence_source(barriers=[barrier], target_groups=[target_group])
        f.action(working_group=group, primary_barrier=barrier, target_groups=[target_group])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)
