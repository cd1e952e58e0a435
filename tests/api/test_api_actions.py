"""API: /api/v1/actions/ — list, filters, create, retrieve, update, permissions, bad input."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from actieplan.models import Action, Status
from tests import factories as f

LIST = reverse("api:action-list")


def detail(action):
    return reverse("api:action-detail", args=[action.pk])


@pytest.fixture
def api():
    return APIClient()


def as_user(client, user):
    """Session login; each request loads the user afresh (no stale permission cache)."""
    if user is not None:
        client.force_login(user)
    return client


def payload(group, barrier, **kw):
    data = {
        "title": "Vervoer op maat naar de werkplek",
        "description": "Een regionaal vervoersaanbod voor werkzoekenden zonder rijbewijs.",
        "primary_barrier": barrier.pk,
        "working_group": group.pk,
    }
    data.update(kw)
    return data


# --------------------------------------------------------------------------- permission matrix
SIGNED_IN = ["coordinator", "chair", "member", "other_member", "domain_contact", "cabinet"]
# (method, which action, role) -> expected status. "draft" and "submitted" are actions of
# ``group``; "create" posts a new action into ``group``.
MATRIX = [
    # list
    ("get", "list", "anonymous", 401),
    *[("get", "list", role, 200) for role in SIGNED_IN],
    # retrieve a draft: only the group and coordinators see it
    ("get", "draft", "anonymous", 401),
    ("get", "draft", "coordinator", 200),
    ("get", "draft", "chair", 200),
    ("get", "draft", "member", 200),
    ("get", "draft", "other_member", 404),
    ("get", "draft", "domain_contact", 404),
    ("get", "draft", "cabinet", 404),
    # retrieve a submitted action: every signed-in user
    ("get", "submitted", "anonymous", 401),
    *[("get", "submitted", role, 200) for role in SIGNED_IN],
    # create in the group: its members, its chair, coordinators
    ("post", "create", "anonymous", 401),
    ("post", "create", "coordinator", 201),
    ("post", "create", "chair", 201),
    ("post", "create", "member", 201),
    ("post", "create", "other_member", 403),
    ("post", "create", "domain_contact", 403),
    ("post", "create", "cabinet", 403),
    # edit a draft: the group and coordinators; others do not even see it
    ("patch", "draft", "anonymous", 401),
    ("patch", "draft", "coordinator", 200),
    ("patch", "draft", "chair", 200),
    ("patch", "draft", "member", 200),
    ("patch", "draft", "other_member", 404),
    ("patch", "draft", "domain_contact", 404),
    ("patch", "draft", "cabinet", 403),
    # edit a submitted action: coordinators only
    ("patch", "submitted", "anonymous", 401),
    ("patch", "submitted", "coordinator", 200),
    ("patch", "submitted", "chair", 403),
    ("patch", "submitted", "member", 403),
    ("patch", "submitted", "other_member", 403),
    ("patch", "submitted", "domain_contact", 403),
    ("patch", "submitted", "cabinet", 403),
    # no deleting through the API
    ("delete", "draft", "anonymous", 401),
    ("delete", "draft", "coordinator", 405),
    ("delete", "draft", "member", 405),
    ("delete", "draft", "cabinet", 403),
]


@pytest.mark.parametrize("method,target,role,expected", MATRIX)
def test_action_permission_matrix(
    api, users, draft_action, submitted_action, group, barrier, method, target, role, expected
):
    as_user(api, users[role])
    before = Action.objects.count()
    if target == "list":
        response = api.get(LIST)
    elif target == "create":
        response = api.post(LIST, payload(group, barrier), format="json")
    else:
        action = draft_action if target == "draft" else submitted_action
        body = {"title": "Nieuwe titel", "version": action.version} if method == "patch" else None
        response = getattr(api, method)(detail(action), body, format="json")
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert "detail" in response.json()
        assert Action.objects.count() == before
        assert not Action.objects.filter(title="Nieuwe titel").exists()


def test_it_refuses_anonymous_with_a_token_challenge(api):
    response = api.get(LIST)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


# --------------------------------------------------------------------------- list, filters, ordering
def test_list_is_paginated(api, coordinator, group, barrier):
    for n in range(30):
        f.action(working_group=group, primary_barrier=barrier, code=f"MOB-{n + 1:02d}")
    as_user(api, coordinator)
    page1 = api.get(LIST).json()
    assert page1["count"] == 30
    assert len(page1["results"]) == 25
    assert page1["previous"] is None
    page2 = api.get(page1["next"]).json()
    assert len(page2["results"]) == 5
    assert page2["next"] is None


def test_list_hides_other_groups_drafts(api, member, other_group, other_barrier, draft_action):
    hidden = f.action(working_group=other_group, primary_barrier=other_barrier, code="ZORG-01")
    as_user(api, member)
    codes = [row["code"] for row in api.get(LIST).json()["results"]]
    assert codes == [draft_action.code]
    assert hidden.code not in codes


@pytest.fixture
def spread(group, other_group, barrier, other_barrier, target_group, domain, other_domain):
    """Four submitted actions that differ in one dimension each."""
    return {
        "a": f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-01",
                      title="Busvervoer voor werkzoekenden", status=Status.SUBMITTED, target_groups=[target_group]),
        "b": f.action(working_group=group, primary_barrier=barrier, lead_domain=other_domain, code="MOB-02",
                      title="Fietsen voor jongeren", status=Status.SUBMITTED),
        "c": f.action(working_group=other_group, primary_barrier=other_barrier, lead_domain=domain, code="ZORG-01",
                      title="Kinderopvang op maat", status=Status.SUBMITTED, secondary_barriers=[barrier]),
        "d": f.action(working_group=other_group, primary_barrier=other_barrier, code="ZORG-02",
                      title="Mantelzorg en werk", status=Status.DRAFT),
    }


def codes(api, **params):
    response = api.get(LIST, params)
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_filters_narrow_the_list(
    api, coordinator, spread, barrier, other_barrier, target_group, group, other_group, domain
):
    as_user(api, coordinator)
    assert codes(api) == ["MOB-01", "MOB-02", "ZORG-01", "ZORG-02"]
    # a barrier matches primary and secondary barriers
    assert codes(api, barrier=barrier.pk) == ["MOB-01", "MOB-02", "ZORG-01"]
    assert codes(api, barrier=other_barrier.pk) == ["ZORG-01", "ZORG-02"]
    assert codes(api, target_group=target_group.pk) == ["MOB-01"]
    assert codes(api, working_group=other_group.pk) == ["ZORG-01", "ZORG-02"]
    assert codes(api, status="draft") == ["ZORG-02"]
    assert codes(api, status=["draft", "submitted"]) == ["MOB-01", "MOB-02", "ZORG-01", "ZORG-02"]
    assert codes(api, lead_domain=domain.pk) == ["MOB-01", "ZORG-01"]
    assert codes(api, search="kinderopvang") == ["ZORG-01"]
    assert codes(api, search="zorg werk") == ["ZORG-02"]
    assert codes(api, working_group=group.pk, lead_domain=domain.pk) == ["MOB-01"]


def test_ordering(api, coordinator, spread):
    as_user(api, coordinator)
    assert codes(api, ordering="-code") == ["ZORG-02", "ZORG-01", "MOB-02", "MOB-01"]
    # titles sort differently from codes: Busvervoer, Fietsen, Kinderopvang, Mantelzorg
    assert codes(api, ordering="-title") == ["ZORG-02", "ZORG-01", "MOB-02", "MOB-01"]
    spread["d"].title = "Aangepast werk voor mantelzorgers"
    spread["d"].save()
    assert codes(api, ordering="title") == ["ZORG-02", "MOB-01", "MOB-02", "ZORG-01"]
    assert codes(api, ordering="status")[0] == "ZORG-02"  # draft sorts before submitted


def test_bad_filter_values_are_a_clear_400(api, coordinator, spread):
    as_user(api, coordinator)
    response = api.get(LIST, {"status": "bestaat-niet", "barrier": "abc", "ordering": "wachtwoord",
                              "page_size": "null"})
    assert response.status_code == 400
    assert set(response.json()) == {"status", "barrier", "ordering"}
    assert api.get(LIST, {"page_size": "null"}).json() == {
        "page_size": ["Geef een geheel getal van 1 tot 200."]}
    assert api.get(LIST, {"page": "0"}).status_code == 400


def test_an_unknown_id_in_a_filter_is_an_empty_list(api, coordinator, spread):
    """A filter value is a question: an id that does not exist matches nothing (as the schema allows it)."""
    as_user(api, coordinator)
    response = api.get(LIST, {"barrier": 999999})
    assert response.status_code == 200
    assert response.json()["count"] == 0


# --------------------------------------------------------------------------- query counts
@pytest.mark.parametrize("rows", [1, 50])
def test_list_query_count_is_constant(
    api, member, group, barrier, target_group, domain, django_assert_num_queries, rows
):
    plan = f.linked_plan()
    org = f.organisation()
    for n in range(rows):
        f.action(
            working_group=group, primary_barrier=barrier, lead_domain=domain, code=f"MOB-{n + 1:02d}",
            target_groups=[target_group], secondary_barriers=[barrier], partner_domains=[domain],
            partner_organisations=[org], linked_plans=[plan], created_by=member, updated_by=member,
        )
    token = api.post(reverse("api:token"), {"username": "lid", "password": f.PASSWORD}).json()["token"]
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    # 1 token + user, 1 the token's last use (its first use this minute), 3 permissions (profile,
    # memberships, profile domains), 1 count, 1 page of actions with barrier/group/domains/users
    # joined, 5 prefetches (secondary barriers, target groups, partner domains, partner
    # organisations, linked plans).
    with django_assert_num_queries(12):
        response = api.get(LIST, {"page_size": 50})
    assert response.status_code == 200
    assert len(response.json()["results"]) == rows


# --------------------------------------------------------------------------- create
def test_member_creates_a_draft_in_own_group(api, member, group, barrier, target_group, domain):
    org = f.organisation()
    as_user(api, member)
    response = api.post(
        LIST,
        payload(group, barrier, target_groups=[target_group.pk], lead_domain=domain.pk,
                partner_organisations=[org.pk], budget_impact="extra", budget_estimate="125000.00",
                planned_start="2026-10-01", planned_end="2027-06-30", status="adopted"),
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["code"] == "MOB-01"  # generated from the group's prefix
    assert body["status"] == "draft"  # status is read-only: "adopted" was ignored
    assert body["version"] == 1
    assert body["working_group_name"] == "Werkgroep Mobiliteit"
    assert body["lead_domain_name"] == "Mobiliteit en Openbare Werken"
    assert body["created_by"] == "Lotte Lid"
    assert body["allowed_transitions"] == []  # a member cannot submit; the chair does
    action = Action.objects.get(pk=body["id"])
    assert action.created_by == member
    assert list(action.target_groups.all()) == [target_group]
    assert list(action.partner_organisations.all()) == [org]
    assert str(action.budget_estimate) == "125000.00"
    assert action.history.count() == 1


def test_domain_contact_proposes_for_own_domain(api, domain_contact, domain, other_domain, barrier):
    as_user(api, domain_contact)
    data = {"title": "Mobiliteitsbudget", "description": "Beschrijving.", "primary_barrier": barrier.pk}
    response = api.post(LIST, {**data, "proposing_domain": domain.pk}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["code"] == "MOW-01"
    response = api.post(LIST, {**data, "proposing_domain": other_domain.pk}, format="json")
    assert response.status_code == 403
    assert Action.objects.count() == 1


def test_create_without_group_or_domain_is_a_field_error(api, coordinator, barrier):
    as_user(api, coordinator)
    response = api.post(LIST, {"title": "T", "description": "D", "primary_barrier": barrier.pk}, format="json")
    assert response.status_code == 400
    assert "working_group" in response.json()
    assert not Action.objects.exists()


def test_script_tags_are_stored_as_text(api, member, group, barrier):
    as_user(api, member)
    title = '<script>alert("x")</script> Vervoer'
    response = api.post(LIST, payload(group, barrier, title=title), format="json")
    assert response.status_code == 201
    assert response["Content-Type"] == "application/json"
    assert response.json()["title"] == title
    assert Action.objects.get().title == title


# --------------------------------------------------------------------------- bad input stores nothing
def _too_long(n):
    return "x" * (n + 1)


@pytest.mark.parametrize(
    "change,field",
    [
        ({"title": ""}, "title"),
        ({"title": "   "}, "title"),
        ({"title": _too_long(200)}, "title"),
        ({"description": ""}, "description"),
        ({"description": _too_long(10000)}, "description"),
        ({"code": _too_long(20)}, "code"),
        ({"code": "mob 1"}, "code"),
        ({"primary_barrier": 999999}, "primary_barrier"),
        ({"primary_barrier": "drempel"}, "primary_barrier"),
        ({"primary_barrier": None}, "primary_barrier"),
        ({"working_group": 999999}, "working_group"),
        ({"target_groups": [999999]}, "target_groups"),
        ({"target_groups": 5}, "target_groups"),
        ({"partner_domains": ["abc"]}, "partner_domains"),
        ({"linked_plans": [999999]}, "linked_plans"),
        ({"level": "europees"}, "level"),
        ({"budget_estimate": "veel"}, "budget_estimate"),
        ({"budget_estimate": "-5"}, "budget_estimate"),
        ({"planned_start": "volgend jaar"}, "planned_start"),
        ({"planned_start": "2027-01-01", "planned_end": "2026-01-01"}, "planned_end"),
    ],
)
def test_bad_input_on_create_is_a_field_error_and_stores_nothing(api, member, group, barrier, change, field):
    as_user(api, member)
    response = api.post(LIST, payload(group, barrier, **change), format="json")
    assert response.status_code == 400, response.content
    errors = response.json()
    assert field in errors, errors
    assert isinstance(errors[field], list) and errors[field][0]
    assert not Action.objects.exists()


def test_a_non_object_body_is_a_clear_400(api, member):
    as_user(api, member)
    response = api.post(LIST, "[1, 2]", content_type="application/json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json() or "detail" in response.json()
    response = api.post(LIST, "{niet json", content_type="application/json")
    assert response.status_code == 400
    assert "detail" in response.json()
    assert not Action.objects.exists()


def test_duplicate_code_is_a_field_error(api, member, draft_action, group, barrier):
    as_user(api, member)
    response = api.post(LIST, payload(group, barrier, code=draft_action.code), format="json")
    assert response.status_code == 400
    assert "code" in response.json()
    assert Action.objects.count() == 1


# --------------------------------------------------------------------------- update
def test_round_trip_get_then_put(api, member, draft_action, target_group, other_barrier):
    as_user(api, member)
    body = api.get(detail(draft_action)).json()
    body["title"] = "Deelfietsen aan stations"
    body["target_groups"] = [target_group.pk]
    body["secondary_barriers"] = [other_barrier.pk]
    body["status_display"] = "iets anders"  # read-only extras are ignored
    body["created_by"] = "iemand"
    body["status"] = "adopted"
    response = api.put(detail(draft_action), body, format="json")
    assert response.status_code == 200, response.content
    after = response.json()
    assert after["title"] == "Deelfietsen aan stations"
    assert after["status"] == "draft"
    assert after["version"] == body["version"] + 1
    assert after["target_groups"] == [target_group.pk]
    draft_action.refresh_from_db()
    assert draft_action.title == "Deelfietsen aan stations"
    assert list(draft_action.secondary_barriers.all()) == [other_barrier]
    # the unchanged GET body sent back again is accepted too (with the new version)
    again = api.put(detail(draft_action), after, format="json")
    assert again.status_code == 200, again.content
    # ... and, as it changes nothing, keeps the version and writes no history
    assert again.json()["version"] == after["version"]
    assert draft_action.history.count() == 2
    assert api.put(detail(draft_action), after, format="json").json()["version"] == after["version"]


def test_patch_keeps_other_fields(api, chair, draft_action, target_group):
    draft_action.target_groups.set([target_group])
    as_user(api, chair)
    response = api.patch(detail(draft_action), {"intended_result": "200 extra trajecten", "version": 1}, format="json")
    assert response.status_code == 200, response.content
    draft_action.refresh_from_db()
    assert draft_action.intended_result == "200 extra trajecten"
    assert list(draft_action.target_groups.all()) == [target_group]
    assert draft_action.updated_by == chair


def test_update_without_version_is_refused(api, member, draft_action):
    as_user(api, member)
    response = api.patch(detail(draft_action), {"title": "Zonder versie"}, format="json")
    assert response.status_code == 400
    assert "version" in response.json()
    draft_action.refresh_from_db()
    assert draft_action.title != "Zonder versie"


def test_lost_update_is_a_409_with_the_changes(api, member, chair, draft_action):
    as_user(api, member)
    mine = api.get(detail(draft_action)).json()
    # the chair saves first
    chair_client = as_user(APIClient(), chair)
    theirs = chair_client.patch(detail(draft_action), {"title": "Titel van de voorzitter", "version": mine["version"]},
                                format="json")
    assert theirs.status_code == 200
    mine["title"] = "Titel van het lid"
    response = api.put(detail(draft_action), mine, format="json")
    assert response.status_code == 409
    body = response.json()
    assert "Vera Voorzitter" in body["detail"]
    assert body["current_version"] == 2
    change = {"field": "title", "label": "titel", "old": draft_action.title, "new": "Titel van de voorzitter"}
    assert change in body["changes"]
    draft_action.refresh_from_db()
    assert draft_action.title == "Titel van de voorzitter"


def test_a_409_lists_only_what_a_user_changed_as_the_page_shows_it(api, member, chair, draft_action):
    as_user(api, member)
    mine = api.get(detail(draft_action)).json()
    chair_client = as_user(APIClient(), chair)
    theirs = chair_client.patch(detail(draft_action), {"planned_end": "2027-03-31", "version": mine["version"]},
                                format="json")
    assert theirs.status_code == 200, theirs.content
    mine["title"] = "Titel van het lid"
    body = api.put(detail(draft_action), mine, format="json").json()
    assert [c["field"] for c in body["changes"]] == ["planned_end"]  # no created_at or other timestamps
    assert body["changes"][0]["new"] == "31/03/2027"


def test_an_action_cannot_move_to_another_group(api, coordinator, draft_action, other_group):
    as_user(api, coordinator)
    body = api.get(detail(draft_action)).json()
    body["working_group"] = other_group.pk
    response = api.put(detail(draft_action), body, format="json")
    assert response.status_code == 400
    assert "working_group" in response.json()
    draft_action.refresh_from_db()
    assert draft_action.working_group_id != other_group.pk


@pytest.mark.parametrize(
    "change,field",
    [
        ({"title": ""}, "title"),
        ({"title": _too_long(200)}, "title"),
        ({"primary_barrier": 999999}, "primary_barrier"),
        ({"partner_organisations": [999999]}, "partner_organisations"),
        ({"version": "twee"}, "version"),
        ({"planned_end": "2020-01-01", "planned_start": "2021-01-01"}, "planned_end"),
    ],
)
def test_bad_input_on_update_stores_nothing(api, member, draft_action, change, field):
    as_user(api, member)
    body = api.get(detail(draft_action)).json()
    body.update(change)
    response = api.put(detail(draft_action), body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()
    fresh = Action.objects.get(pk=draft_action.pk)
    assert (fresh.title, fresh.version, fresh.planned_end) == (draft_action.title, 1, None)
    assert fresh.history.count() == draft_action.history.count()
