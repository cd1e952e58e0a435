"""API of the alignment part: decisions, merge and undo, similar, lineage, links, decisions, coverage."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from actieplan.alignment import similarity
from actieplan.models import ActionLink, Comment, Merge, SimilarityDismissal, Status
from actieplan.actions.services import action_transition
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(coordinator):
    client = APIClient()
    client.force_authenticate(coordinator)
    return client


@pytest.fixture
def pair(group, other_group, barrier, other_barrier, domain, other_domain):
    a = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-30",
                 status=Status.SUBMITTED, title="Vervoer op maat voor werkzoekenden bij een nieuwe job",
                 description="De mobiliteitscentrale regelt vervoer op maat tijdens de eerste maanden van de job.",
                 intended_result="Jobs op slecht bereikbare plaatsen worden aanvaard.")
    b = f.action(working_group=other_group, primary_barrier=barrier, lead_domain=domain, code="ZORG-30",
                 status=Status.SUBMITTED, title="Vervoer op maat bij de start van een job",
                 description="Werkzoekenden krijgen de eerste maanden vervoer op maat via de mobiliteitscentrale.",
                 intended_result="Slecht bereikbare jobs worden toch aanvaard.")
    unrelated = f.action(working_group=other_group, primary_barrier=other_barrier, code="ZORG-31",
                         status=Status.SUBMITTED, title="Flexibele kinderopvang in de avond",
                         description="Opvanglocaties krijgen subsidie voor ruimere openingsuren.")
    similarity.reindex_all()
    return a, b, unrelated


def transition(api, action, body):
    return api.post(reverse("api:action-transition", args=[action.pk]), body, format="json")


# --------------------------------------------------------------------------- decisions
def test_retain_and_reject_through_the_transition_endpoint(api, pair):
    a, b, _c = pair
    assert transition(api, a, {"to": "retained"}).json()["status"] == "retained"
    response = transition(api, b, {"to": "rejected"})
    assert response.status_code == 400 and "reason" in response.json()
    assert transition(api, b, {"to": "rejected", "reason": "Valt buiten de opdracht."}).status_code == 200


def test_merge_through_the_transition_endpoint(api, pair, member):
    a, b, _c = pair
    Comment.objects.create(action=a, author=member, text="Graag afstemmen met De Lijn.")
    response = transition(api, a, {"to": "merged", "into": b.pk, "reason": "Zelfde voorstel"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "merged"
    detail = api.get(reverse("api:action-detail", args=[a.pk])).json()
    assert detail["merged_into"] == b.pk
    assert Merge.objects.get().carried_over["comments"]
    assert b.comments.get().text == "Graag afstemmen met De Lijn."


def test_merged_into_is_read_only(api, pair):
    a, b, _c = pair
    body = api.get(reverse("api:action-detail", args=[a.pk])).json()
    body["merged_into"] = b.pk
    response = api.put(reverse("api:action-detail", args=[a.pk]), body, format="json")
    assert response.status_code == 200
    a.refresh_from_db()
    assert a.merged_into is None and a.status == Status.SUBMITTED


@pytest.mark.parametrize("into,message", [(None, "Kies de actie"), ("self", "zichzelf"), (999999, "bestaat niet")])
def test_bad_merge_targets_are_400(api, pair, into, message):
    a, _b, _c = pair
    response = transition(api, a, {"to": "merged", "into": a.pk if into == "self" else into})
    assert response.status_code == 400
    assert message in " ".join(response.json()["into"])
    a.refresh_from_db()
    assert a.status == Status.SUBMITTED


def test_merge_into_a_rejected_action_is_400(api, pair):
    a, b, _c = pair
    transition(api, b, {"to": "rejected", "reason": "Neen"})
    response = transition(api, a, {"to": "merged", "into": b.pk})
    assert response.status_code == 400
    assert "niet weerhouden" in " ".join(response.json()["into"])


def test_merge_with_selected_carry_over(api, pair):
    a, b, _c = pair
    a.target_groups.set([f.target_group(name="NEET-jongeren")])
    response = transition(api, a, {"to": "merged", "into": b.pk, "carry_over": []})
    assert response.status_code == 200
    assert not b.target_groups.exists()
    assert transition(api, b, {"to": "merged", "into": a.pk, "carry_over": ["budget"]}).status_code == 400


def test_unmerge_restores_and_is_409_when_nothing_to_undo(api, pair):
    a, b, _c = pair
    transition(api, a, {"to": "merged", "into": b.pk})
    url = reverse("api:action-unmerge", args=[a.pk])
    response = api.post(url, {"reason": "Vergissing"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    second = api.post(url, {}, format="json")
    assert second.status_code == 409
    assert "niet samengevoegd" in second.json()["detail"]


def test_unknown_action_ids_are_404(api, pair):
    for name, args in [("api:action-similar", [999999]), ("api:action-lineage", [999999]),
                       ("api:action-unmerge", [999999]), ("api:action-similar-dismiss", [pair[0].pk, 999999])]:
        method = api.post if "unmerge" in name or "dismiss" in name else api.get
        assert method(reverse(name, args=args), {}, format="json").status_code == 404, name


# --------------------------------------------------------------------------- similar
def test_similar_lists_the_duplicate_first_with_shared_words(api, pair):
    a, b, unrelated = pair
    response = api.get(reverse("api:action-similar", args=[a.pk]))
    assert response.status_code == 200
    body = response.json()
    assert body[0]["action"] == b.pk
    assert {"action", "score", "shared_terms"} <= set(body[0])  # the contract; explanation fields follow
    assert 0 < body[0]["score"] <= 1
    assert "vervoer" in body[0]["shared_terms"]
    assert unrelated.pk not in [s["action"] for s in body]


def test_dismissed_pairs_do_not_come_back(api, pair):
    a, b, _c = pair
    response = api.post(reverse("api:action-similar-dismiss", args=[a.pk, b.pk]))
    assert response.json() == {"action": a.pk, "other": b.pk, "dismissed": True}
    assert SimilarityDismissal.objects.count() == 1
    assert b.pk not in [s["action"] for s in api.get(reverse("api:action-similar", args=[a.pk])).json()]
    assert a.pk not in [s["action"] for s in api.get(reverse("api:action-similar", args=[b.pk])).json()]


def test_dismissing_an_action_with_itself_is_400(api, pair):
    a = pair[0]
    response = api.post(reverse("api:action-similar-dismiss", args=[a.pk, a.pk]))
    assert response.status_code == 400


def test_suggestions_follow_edits(api, pair):
    a, b, unrelated = pair
    body = api.get(reverse("api:action-detail", args=[unrelated.pk])).json()
    body.update(title=a.title, description=a.description, intended_result=a.intended_result)
    assert api.put(reverse("api:action-detail", args=[unrelated.pk]), body, format="json").status_code == 200
    ids = [s["action"] for s in api.get(reverse("api:action-similar", args=[a.pk])).json()]
    assert ids[0] == unrelated.pk  # now an exact copy


@pytest.mark.parametrize("rows", [1, 50])
def test_similar_query_count_does_not_grow(api, group, barrier, rows, django_assert_num_queries):
    actions = [
        f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED,
                 title=f"Pendelbus naar bedrijventerrein {n}", description="Vervoer naar het werk met een pendelbus.")
        for n in range(rows + 1)
    ]
    for action in actions:
        action.target_groups.set([f.target_group()])
    similarity.reindex_all()
    # session auth skipped (force_authenticate): permissions (profile, memberships, profile
    # domains), the action, its vector, the postings, the candidates' vectors, dismissals,
    # metadata (actions, secondary barriers, target groups), the texts for the explanation
    with django_assert_num_queries(12):
        response = api.get(reverse("api:action-similar", args=[actions[0].pk]), {"limit": 50})
    assert len(response.json()) == rows


# --------------------------------------------------------------------------- lineage
def test_lineage_endpoint(api, pair, coordinator):
    a, b, c = pair
    transition(api, a, {"to": "merged", "into": b.pk})
    body = api.get(reverse("api:action-lineage", args=[b.pk])).json()
    assert [p["code"] for p in body["proposals"]] == ["ZORG-30", "MOB-30"]
    assert body["tree"]["merged_from"][0]["code"] == "MOB-30"
    assert {g["name"] for g in body["working_groups"]} == {a.working_group.name, b.working_group.name}
    assert api.get(reverse("api:action-lineage", args=[a.pk])).json()["merged_into_chain"][0]["code"] == "ZORG-30"


# --------------------------------------------------------------------------- links
def test_links_create_list_filter_delete(api, pair):
    a, b, c = pair
    url = reverse("api:action-link-list")
    response = api.post(url, {"from_action": a.pk, "to_action": b.pk, "type": "depends_on", "reason": "Eerst B"},
                        format="json")
    assert response.status_code == 201, response.content
    assert response.json()["type_display"] == "hangt af van"
    api.post(url, {"from_action": b.pk, "to_action": c.pk, "type": "complements"}, format="json")
    assert [l["from_action_code"] for l in api.get(url, {"action": a.pk}).json()["results"]] == ["MOB-30"]
    assert api.get(url, {"action": b.pk}).json()["count"] == 2
    link_id = response.json()["id"]
    assert api.delete(reverse("api:action-link-detail", args=[link_id])).status_code == 204
    assert not ActionLink.objects.filter(pk=link_id).exists()


def test_links_list_shows_only_links_between_actions_the_user_may_see(api, pair, member, other_group, group):
    a, b, _c = pair
    hidden = f.action(working_group=other_group, primary_barrier=a.primary_barrier, code="ZORG-39")  # a draft
    own_draft = f.action(working_group=group, primary_barrier=a.primary_barrier, code="MOB-39")
    ActionLink.objects.create(from_action=a, to_action=b, type="complements")
    ActionLink.objects.create(from_action=a, to_action=hidden, type="overlaps")
    ActionLink.objects.create(from_action=own_draft, to_action=b, type="depends_on")
    url = reverse("api:action-link-list")
    assert api.get(url).json()["count"] == 3  # a coordinator sees every action
    client = APIClient()
    client.force_authenticate(member)
    codes = {(x["from_action_code"], x["to_action_code"]) for x in client.get(url).json()["results"]}
    assert codes == {("MOB-30", "ZORG-30"), ("MOB-39", "ZORG-30")}


@pytest.mark.parametrize("rows", [1, 40])
@pytest.mark.parametrize("role", ["coordinator", "member"])
def test_links_list_query_count(request, pair, group, barrier, rows, role, django_assert_num_queries):
    a, _b, _c = pair
    for n in range(rows):
        other = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED)
        ActionLink.objects.create(from_action=a, to_action=other, type="complements",
                                  created_by=request.getfixturevalue("coordinator"))
    client = APIClient()
    client.force_authenticate(request.getfixturevalue(role))
    # permissions (profile, memberships, profile domains), count, one page of links with both
    # actions and the author
    with django_assert_num_queries(5):
        response = client.get(reverse("api:action-link-list"))
    assert response.json()["count"] == rows


@pytest.mark.parametrize("body,field,message", [
    ({"to_action": "self", "type": "overlaps"}, "to_action", "zichzelf"),
    ({"to_action": "b", "type": "complements"}, "to_action", "bestaat al"),
    ({"to_action": 999999, "type": "overlaps"}, "to_action", ""),
    ({"to_action": "b", "type": "lijkt op"}, "type", ""),
    ({"to_action": "b", "type": "overlaps", "reason": "x" * 501}, "reason", ""),
])
def test_bad_links_are_refused_with_a_clear_message(api, pair, body, field, message):
    a, b, _c = pair
    ActionLink.objects.create(from_action=b, to_action=a, type="complements")
    body = dict(body, from_action=a.pk)
    body["to_action"] = {"self": a.pk, "b": b.pk}.get(body["to_action"], body["to_action"])
    response = api.post(reverse("api:action-link-list"), body, format="json")
    assert response.status_code == 400
    assert message in " ".join(response.json()[field])
    assert ActionLink.objects.count() == 1


def test_depends_on_loop_is_refused(api, pair):
    a, b, c = pair
    url = reverse("api:action-link-list")
    api.post(url, {"from_action": a.pk, "to_action": b.pk, "type": "depends_on"}, format="json")
    api.post(url, {"from_action": b.pk, "to_action": c.pk, "type": "depends_on"}, format="json")
    response = api.post(url, {"from_action": c.pk, "to_action": a.pk, "type": "depends_on"}, format="json")
    assert response.status_code == 400
    assert "kringloop" in response.json()["to_action"][0]


# --------------------------------------------------------------------------- decisions and coverage
def test_decision_log_filters(api, pair, coordinator, other_group):
    a, b, c = pair
    transition(api, a, {"to": "merged", "into": b.pk, "reason": "Dubbel"})
    transition(api, c, {"to": "rejected", "reason": "Geen prioriteit"})
    transition(api, b, {"to": "retained"})
    url = reverse("api:decision-list")
    body = api.get(url).json()
    assert [d["decision"] for d in body["results"]] == ["retained", "rejected", "merged"]
    merged = body["results"][2]
    assert (merged["into_code"], merged["reason"], merged["by_name"]) == ("ZORG-30", "Dubbel", "Cora Coördinator")
    assert api.get(url, {"type": "rejected"}).json()["count"] == 1
    assert api.get(url, {"working_group": other_group.pk}).json()["count"] == 2
    assert api.get(url, {"barrier": c.primary_barrier_id}).json()["count"] == 1
    assert api.get(url, {"coordinator": coordinator.pk}).json()["count"] == 3
    assert api.get(url, {"date_from": "2000-01-01", "date_to": "2000-12-31"}).json()["count"] == 0
    assert api.get(url, {"type": "ontslagen"}).status_code == 400


@pytest.mark.parametrize("rows", [1, 30])
def test_decision_log_query_count(api, group, barrier, coordinator, rows, django_assert_num_queries):
    for n in range(rows):
        action = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED)
        action_transition(action=action, to=Status.RETAINED, user=coordinator)
    # count, one page of decisions with action, group, domain, barrier, author and merge
    # target (the coordinator's permissions were read by the transitions above)
    with django_assert_num_queries(2):
        response = api.get(reverse("api:decision-list"))
    assert response.json()["count"] == rows


def test_coverage_counts_and_gaps(api, pair, barrier, domain, coordinator):
    a, b, c = pair
    action_transition(action=b, to=Status.RETAINED, user=coordinator)
    body = api.get(reverse("api:coverage")).json()
    cell = next(x for x in body["by_policy_domain"] if x["barrier"] == barrier.pk and x["policy_domain"] == domain.pk)
    assert (cell["submitted"], cell["retained"], cell["total"], cell["gap"]) == (1, 1, 2, False)
    assert f"barrier={barrier.pk}" in cell["actions_url"] and "status=retained" in cell["actions_url"]
    assert any(x["gap"] for x in body["by_policy_domain"])


def test_coverage_payload_has_the_documented_shape(api, pair, target_group):
    from actieplan.alignment.api import CoverageSerializer, coverage_data

    pair[0].target_groups.set([target_group])
    body = api.get(reverse("api:coverage")).json()
    assert body == CoverageSerializer(coverage_data()).data  # served without the serializer: the same JSON
    assert set(body["by_target_group"][0]) == {"barrier", "target_group", "submitted", "retained", "adopted",
                                               "in_progress", "total", "gap", "actions_url"}
