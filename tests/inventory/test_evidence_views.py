"""The evidence pages: list with filters, detail, create and edit by coordinators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from inventory.models import EvidenceSource
from tests.inventory.factories import evidence_source, measure

pytestmark = pytest.mark.django_db


def _form(barrier, **extra):
    data = {"title": "Jobbereikbaarheid als drempel of hefboom naar werk", "authors": "Departement WEWIS",
            "year": "2025", "source_type": "viona", "link": "",
            "key_findings": "Zeven op tien jobs zijn enkel haalbaar met de auto.", "barriers": [barrier.pk]}
    data.update(extra)
    return data


def test_a_coordinator_adds_a_source_that_the_barrier_page_shows(client, coordinator, member, barrier, domain,
                                                                 submitted_action):
    item = measure(domain=domain, name="Vervoer op maat")
    client.force_login(coordinator)
    response = client.post(reverse("evidence_create"), _form(barrier, measures=[item.pk],
                                                             actions=[submitted_action.pk]))
    source = EvidenceSource.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("evidence_detail", args=[source.pk])
    client.force_login(member)
    html = client.get(reverse("evidence_detail", args=[source.pk])).content.decode()
    assert "Zeven op tien jobs" in html and "Vervoer op maat" in html and "MOB-02" in html
    assert reverse("evidence_edit", args=[source.pk]) not in html  # members only read
    html = client.get(reverse("barrier_detail", args=[barrier.pk])).content.decode()
    assert "Jobbereikbaarheid als drempel of hefboom naar werk" in html


def test_a_bad_year_shows_a_dutch_error(client, coordinator, barrier):
    client.force_login(coordinator)
    response = client.post(reverse("evidence_create"), _form(barrier, year="1200"))
    assert response.status_code == 400 and not EvidenceSource.objects.exists()
    message = response.context["form"].errors["year"][0]
    assert "1900" in message and "waarde" in message  # Django's Dutch message, shown at the field
    assert message in response.content.decode()


def test_only_coordinators_add_or_edit_sources(client, domain_contact, cabinet, member, barrier):
    source = evidence_source()
    for user in (domain_contact, cabinet, member):
        client.force_login(user)
        assert client.get(reverse("evidence_create")).status_code == 403
        assert client.post(reverse("evidence_edit", args=[source.pk]), _form(barrier)).status_code == 403


def test_a_coordinator_edits_a_source(client, coordinator, barrier):
    source = evidence_source(title="Oude titel")
    client.force_login(coordinator)
    response = client.post(reverse("evidence_edit", args=[source.pk]), _form(barrier, year=""))
    assert response.status_code == 302
    source.refresh_from_db()
    assert source.title.startswith("Jobbereikbaarheid") and source.year is None
    assert list(source.barriers.all()) == [barrier]


def test_the_list_filters_by_type_and_barrier(client, member, barrier, other_barrier):
    evidence_source(barriers=[barrier], title="VIONA over mobiliteit", source_type="viona")
    evidence_source(barriers=[other_barrier], title="Steunpunt over zorg", source_type="steunpunt_werk")
    evidence_source(barriers=[barrier], title="POM over kansengroepen", source_type="pom")
    client.force_login(member)
    titles = [s.title for s in client.get(reverse("evidence_list"), {"barrier": barrier.pk}).context["sources"]]
    assert sorted(titles) == ["POM over kansengroepen", "VIONA over mobiliteit"]
    titles = [s.title for s in client.get(reverse("evidence_list"), {"source_type": "pom"}).context["sources"]]
    assert titles == ["POM over kansengroepen"]
    html = client.get(reverse("evidence_list"), {"q": "zorg"}).content.decode()
    assert "Steunpunt over zorg" in html and "POM over kansengroepen" not in html
