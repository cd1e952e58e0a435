"""/api/v1/measures/ and /api/v1/evidence/: reads for everyone signed in, writes by role, filters, exports, bad input."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from inventory.models import EvidenceSource, Measure
from tests.inventory.factories import evidence_source, measure

pytestmark = pytest.mark.django_db

MEASURES, EVIDENCE = "/api/v1/measures/", "/api/v1/evidence/"


@pytest.fixture
def api():
    return APIClient()


def _measure(domain, barrier, **extra):
    data = {"name": "Jobbus naar het bedrijventerrein", "description": "Een pendelbus vanaf het station.",
            "responsible_domain": domain.pk, "barriers": [barrier.pk]}
    data.update(extra)
    return data


def test_anonymous_callers_get_401(api, domain, barrier):
    assert api.get(MEASURES).status_code == 401
    assert api.get(EVIDENCE).status_code == 401
    assert api.post(MEASURES, _measure(domain, barrier), format="json").status_code == 401


def test_a_contact_creates_a_measure_with_links_to_actions(api, domain_contact, domain, barrier, submitted_action):
    api.force_authenticate(domain_contact)
    response = api.post(MEASURES, _measure(domain, barrier, set_action_links=[
        {"action": submitted_action.pk, "kind": "builds_on"}]), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["action_links"] == [{"action": submitted_action.pk, "action_code": "MOB-02", "kind": "builds_on",
                                     "kind_display": "bouwt voort op"}]
    assert body["status"] == "running" and body["status_display"] == "lopend"
    assert "set_action_links" not in body


def test_a_contact_cannot_create_a_measure_of_another_domain(api, domain_contact, other_domain, barrier):
    api.force_authenticate(domain_contact)
    response = api.post(MEASURES, _measure(other_domain, barrier), format="json")
    assert response.status_code == 400
    assert "responsible_domain" in response.json()
    assert not Measure.objects.exists()


def test_members_and_cabinets_cannot_write(api, member, cabinet, domain, barrier):
    item = measure(domain=domain)
    for user in (member, cabinet):
        api.force_authenticate(user)
        assert api.post(MEASURES, _measure(domain, barrier), format="json").status_code == 403
        assert api.patch(f"{MEASURES}{item.pk}/", {"status": "ended"}, format="json").status_code == 403
        assert api.post(EVIDENCE, {"title": "x"}, format="json").status_code == 403
    item.refresh_from_db()
    assert item.status == "running"


def test_a_contact_edits_only_measures_of_their_domain(api, domain_contact, domain, other_domain):
    own, other = measure(domain=domain), measure(domain=other_domain)
    api.force_authenticate(domain_contact)
    assert api.patch(f"{MEASURES}{own.pk}/", {"status": "ended"}, format="json").json()["status"] == "ended"
    assert api.patch(f"{MEASURES}{other.pk}/", {"status": "ended"}, format="json").status_code == 403


def test_replacing_the_links_keeps_links_to_drafts_the_user_does_not_see(api, coordinator, domain_contact, domain,
                                                                        draft_action, submitted_action):
    item = measure(domain=domain, links=[(draft_action, "complements"), (submitted_action, "complements")])
    api.force_authenticate(domain_contact)  # does not see the group's draft
    response = api.patch(f"{MEASURES}{item.pk}/", {"set_action_links": []}, format="json")
    assert response.status_code == 200 and response.json()["action_links"] == []
    api.force_authenticate(coordinator)
    links = api.get(f"{MEASURES}{item.pk}/").json()["action_links"]
    assert [link["action_code"] for link in links] == ["MOB-01"]


def test_a_link_to_an_invisible_draft_is_refused(api, domain_contact, domain, draft_action):
    item = measure(domain=domain)
    api.force_authenticate(domain_contact)
    response = api.patch(f"{MEASURES}{item.pk}/", {"set_action_links": [
        {"action": draft_action.pk, "kind": "builds_on"}]}, format="json")
    assert response.status_code == 400 and "action_links" in response.json()


def test_an_unknown_relation_kind_is_refused(api, coordinator, domain, submitted_action):
    item = measure(domain=domain)
    api.force_authenticate(coordinator)
    response = api.patch(f"{MEASURES}{item.pk}/", {"set_action_links": [
        {"action": submitted_action.pk, "kind": "negeert"}]}, format="json")
    assert response.status_code == 400


def test_the_list_filters_like_the_page(api, member, domain, barrier, other_barrier, submitted_action):
    measure(domain=domain, barriers=[barrier], name="Fietsbieb", links=[(submitted_action, "builds_on")])
    measure(domain=domain, barriers=[other_barrier], name="Kinderopvang op maat")
    api.force_authenticate(member)
    names = [m["name"] for m in api.get(MEASURES, {"barrier": barrier.pk}).json()["results"]]
    assert names == ["Fietsbieb"]
    names = [m["name"] for m in api.get(MEASURES, {"action": submitted_action.pk}).json()["results"]]
    assert names == ["Fietsbieb"]
    assert api.get(MEASURES, {"barrier": barrier.pk + 1000}).json()["results"] == []


def test_bad_input_answers_400_and_unknown_ids_404(api, member, domain):
    item = measure(domain=domain)
    api.force_authenticate(member)
    assert api.get(MEASURES, {"barrier": "abc"}).status_code == 400
    assert api.get(MEASURES, {"status": "weg"}).status_code == 400
    assert api.get(EVIDENCE, {"year": "twee"}).status_code == 400
    assert api.get(EVIDENCE, {"source_type": ""}).status_code == 400
    for url in (f"{MEASURES}{item.pk + 1000}/", f"{MEASURES}abc/", f"{EVIDENCE}99999999999999999999/"):
        response = api.get(url)
        assert response.status_code == 404 and response.json() == {"detail": "Niet gevonden."}, url


def test_the_lists_export_csv(api, member, domain, barrier):
    measure(domain=domain, barriers=[barrier], name="Fietsbieb", basis="Decreet basisbereikbaarheid")
    evidence_source(barriers=[barrier], title="Jobbereikbaarheid als drempel")
    api.force_authenticate(member)
    response = api.get(MEASURES + "?format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "Decreet basisbereikbaarheid" in response.content.decode("utf-8-sig")
    response = api.get(EVIDENCE + "?format=csv")
    assert "Jobbereikbaarheid als drempel" in response.content.decode("utf-8-sig")


def test_a_coordinator_records_evidence_with_its_links(api, coordinator, barrier, target_group, domain,
                                                       submitted_action):
    item = measure(domain=domain)
    api.force_authenticate(coordinator)
    response = api.post(EVIDENCE, {
        "title": "Activering van leefloongerechtigden", "authors": "Sempels, Goffin & Vanoeteren", "year": 2023,
        "source_type": "viona", "key_findings": "Samenwerking OCMW en VDAB kan sterker.",
        "barriers": [barrier.pk], "target_groups": [target_group.pk], "measures": [item.pk],
        "actions": [submitted_action.pk]}, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["source_type_display"] == "VIONA-onderzoek" and body["actions"] == [submitted_action.pk]
    source = EvidenceSource.objects.get()
    assert list(source.measures.all()) == [item]
    assert api.get(EVIDENCE, {"measure": item.pk}).json()["count"] == 1
    assert api.get(EVIDENCE, {"source_type": "pom"}).json()["count"] == 0


def test_an_implausible_year_is_refused(api, coordinator):
    api.force_authenticate(coordinator)
    response = api.post(EVIDENCE, {"title": "Oud", "authors": "X", "year": 1200, "source_type": "other",
                                   "key_findings": "…"}, format="json")
    assert response.status_code == 400 and "year" in response.json()


def test_evidence_hides_drafts_the_reader_may_not_see(api, coordinator, domain_contact, draft_action):
    source = evidence_source(actions=[draft_action])
    api.force_authenticate(domain_contact)
    assert api.get(f"{EVIDENCE}{source.pk}/").json()["actions"] == []
    api.force_authenticate(coordinator)
    assert api.get(f"{EVIDENCE}{source.pk}/").json()["actions"] == [draft_action.pk]


@pytest.mark.parametrize("url", [MEASURES, EVIDENCE])
def test_the_lists_have_a_constant_number_of_queries(api, member, domain, barrier, target_group, submitted_action,
                                                    django_assert_num_queries, url):
    def add():
        item = measure(domain=domain, barriers=[barrier], target_groups=[target_group],
                       links=[(submitted_action, "builds_on")])
        evidence_source(barriers=[barrier], target_groups=[target_group], measures=[item], actions=[submitted_action])

    api.force_authenticate(member)
    add()
    api.get(url)
    with CaptureQueriesContext(connection) as one_row:
        api.get(url)
    for _ in range(10):
        add()
    # the same with eleven rows: the permissions, the count, the page, one query per related list
    # (barriers, target groups, and the visible links or measures and actions)
    with django_assert_num_queries(len(one_row.captured_queries)):
        assert api.get(url).json()["count"] == 11
