"""The measure pages: list with filters, create, edit and link to actions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from inventory.models import Measure, MeasureActionLink
from tests.inventory.factories import measure

pytestmark = pytest.mark.django_db


def _form(domain, barrier, **extra):
    data = {"name": "Pendelbus naar de Waaslandhaven", "description": "Een bus vanaf het station.",
            "responsible_domain": domain.pk, "barriers": [barrier.pk], "status": "running", "basis": "", "link": ""}
    data.update(extra)
    return data


def test_a_domain_contact_adds_a_measure_of_their_domain(client, domain_contact, domain, barrier):
    client.force_login(domain_contact)
    response = client.post(reverse("measure_create"), _form(domain, barrier, basis="Decreet basisbereikbaarheid"))
    item = Measure.objects.get(name="Pendelbus naar de Waaslandhaven")
    assert response.status_code == 302 and response["Location"] == reverse("measure_detail", args=[item.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Decreet basisbereikbaarheid" in html and "Mobiliteit en Openbare Werken" in html


def test_a_domain_contact_cannot_add_a_measure_of_another_domain(client, domain_contact, other_domain, barrier):
    client.force_login(domain_contact)
    response = client.post(reverse("measure_create"), _form(other_domain, barrier))
    assert response.status_code == 400
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Measure.objects.exists()


def test_the_name_of_a_measure_is_unique(client, coordinator, domain, barrier):
    measure(domain=domain, name="Pendelbus naar de Waaslandhaven")
    client.force_login(coordinator)
    response = client.post(reverse("measure_create"), _form(domain, barrier))
    assert response.status_code == 400 and Measure.objects.count() == 1


def test_members_and_cabinets_cannot_add_measures(client, member, cabinet, domain, barrier):
    for user in (member, cabinet):
        client.force_login(user)
        assert client.get(reverse("measure_create")).status_code == 403
        assert client.post(reverse("measure_create"), _form(domain, barrier)).status_code == 403
    assert not Measure.objects.exists()


def test_the_contact_edits_only_measures_of_their_domain(client, domain_contact, domain, other_domain, barrier):
    own = measure(domain=domain, name="Eigen maatregel")
    other = measure(domain=other_domain, name="Maatregel van Onderwijs")
    client.force_login(domain_contact)
    response = client.post(reverse("measure_edit", args=[own.pk]),
                           _form(domain, barrier, name="Eigen maatregel", status="ended"))
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.status == "ended"
    assert client.get(reverse("measure_edit", args=[other.pk])).status_code == 403
    detail = client.get(reverse("measure_detail", args=[other.pk])).content.decode()
    assert reverse("measure_edit", args=[other.pk]) not in detail


def test_linking_an_action_shows_the_relation_on_the_measure(client, domain_contact, domain, submitted_action):
    item = measure(domain=domain)
    client.force_login(domain_contact)
    response = client.post(reverse("measure_link_action", args=[item.pk]),
                           {"action": submitted_action.pk, "kind": "replaces"})
    assert response.status_code == 302
    html = client.get(reverse("measure_detail", args=[item.pk])).content.decode()
    assert "MOB-02" in html and "vervangt" in html
    # linking again changes the relation instead of adding a second link
    client.post(reverse("measure_link_action", args=[item.pk]), {"action": submitted_action.pk, "kind": "builds_on"})
    assert list(MeasureActionLink.objects.values_list("kind", flat=True)) == ["builds_on"]


def test_a_contact_cannot_link_a_draft_they_do_not_see(client, domain_contact, domain, draft_action):
    item = measure(domain=domain)
    client.force_login(domain_contact)
    response = client.post(reverse("measure_link_action", args=[item.pk]),
                           {"action": draft_action.pk, "kind": "complements"})
    assert response.status_code == 400 and not MeasureActionLink.objects.exists()


def test_removing_a_link(client, coordinator, member, domain, submitted_action):
    item = measure(domain=domain, links=[(submitted_action, "complements")])
    link = item.action_links.get()
    client.force_login(member)
    assert client.post(reverse("measure_link_delete", args=[link.pk])).status_code == 403
    client.force_login(coordinator)
    assert client.post(reverse("measure_link_delete", args=[link.pk])).status_code == 302
    assert not MeasureActionLink.objects.exists()


def test_the_list_filters_by_barrier_and_status(client, member, domain, barrier, other_barrier):
    measure(domain=domain, barriers=[barrier], name="Fietsbieb")
    measure(domain=domain, barriers=[other_barrier], name="Kinderopvang op maat")
    measure(domain=domain, barriers=[barrier], name="Oude pendeldienst", status="ended")
    client.force_login(member)
    response = client.get(reverse("measure_list"), {"barrier": barrier.pk, "status": "running"})
    assert [m.name for m in response.context["measures"]] == ["Fietsbieb"]
    response = client.get(reverse("measure_list"), {"q": "kinderopvang"})
    assert [m.name for m in response.context["measures"]] == ["Kinderopvang op maat"]


def test_the_list_with_an_impossible_id_shows_no_rows(client, member, domain, barrier):
    measure(domain=domain, barriers=[barrier])
    client.force_login(member)
    response = client.get(reverse("measure_list"), {"barrier": "abc"})
    assert response.status_code == 200 and list(response.context["measures"]) == []


def test_the_list_exports_every_filtered_row(client, member, domain, barrier):
    for n in range(30):
        measure(domain=domain, barriers=[barrier], name=f"Maatregel {n:02d}")
    client.force_login(member)
    page = client.get(reverse("measure_list"))
    assert len(page.context["measures"]) == 25 and page.context["page"].paginator.num_pages == 2
    text = client.get(reverse("measure_list") + "?format=csv").content.decode("utf-8-sig")
    assert text.count("Maatregel ") == 30


def test_the_list_has_a_constant_number_of_queries(client, member, domain, barrier, target_group,
                                                   django_assert_num_queries):
    url = reverse("measure_list")
    client.force_login(member)
    measure(domain=domain, barriers=[barrier], target_groups=[target_group])
    client.get(url)  # warm the caches (the filter choices, the navigation)
    with CaptureQueriesContext(connection) as one_row:
        client.get(url)
    for _ in range(10):
        measure(domain=domain, barriers=[barrier], target_groups=[target_group])
    # the same queries with eleven rows: session and user, the permissions, the count, the page of measures with
    # their domain and organisation, one for all their barriers, one for all their target groups, the filter choices
    with django_assert_num_queries(len(one_row.captured_queries)):
        client.get(url)
