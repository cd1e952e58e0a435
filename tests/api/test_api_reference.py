"""API: the read-only reference endpoints (barriers, target groups, domains, organisations,
linked plans, working groups)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from tests import factories as f

ENDPOINTS = {
    "barrier": lambda n: f.barrier(),
    "target-group": lambda n: f.target_group(),
    "policy-domain": lambda n: f.policy_domain(),
    "organisation": lambda n: f.organisation(),
    "linked-plan": lambda n: f.linked_plan(),
    "working-group": lambda n: f.working_group(),
    "round": lambda n: f.round_(),
}
ROLES = ["anonymous", "coordinator", "chair", "member", "other_member", "domain_contact", "cabinet"]


@pytest.fixture
def api():
    return APIClient()


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def test_paths_follow_the_contract():
    assert reverse("api:barrier-list") == "/api/v1/barriers/"
    assert reverse("api:target-group-list") == "/api/v1/target-groups/"
    assert reverse("api:policy-domain-list") == "/api/v1/policy-domains/"
    assert reverse("api:organisation-list") == "/api/v1/organisations/"
    assert reverse("api:linked-plan-list") == "/api/v1/plans-linked/"
    assert reverse("api:working-group-list") == "/api/v1/working-groups/"
    assert reverse("api:round-list") == "/api/v1/rounds/"
    assert reverse("api:action-list") == "/api/v1/actions/"
    assert reverse("api:action-transition", args=[7]) == "/api/v1/actions/7/transition/"
    assert reverse("api:token") == "/api/v1/auth/token/"


@pytest.mark.parametrize("basename", ENDPOINTS)
@pytest.mark.parametrize("role", ROLES)
def test_read_per_role(api, users, basename, role):
    obj = ENDPOINTS[basename](0)
    as_user(api, users[role])
    list_response = api.get(reverse(f"api:{basename}-list"))
    detail_response = api.get(reverse(f"api:{basename}-detail", args=[obj.pk]))
    if role == "anonymous":
        assert (list_response.status_code, detail_response.status_code) == (401, 401)
        return
    assert list_response.status_code == 200
    assert obj.pk in [row["id"] for row in list_response.json()["results"]]
    assert detail_response.status_code == 200
    assert detail_response.json()["name"] == obj.name


@pytest.mark.parametrize("basename", ENDPOINTS)
@pytest.mark.parametrize("role,expected", [("anonymous", 401), ("coordinator", 405), ("member", 405), ("cabinet", 403)])
def test_reference_data_cannot_be_written(api, users, basename, role, expected):
    obj = ENDPOINTS[basename](0)
    as_user(api, users[role])
    assert api.post(reverse(f"api:{basename}-list"), {"name": "Nieuw"}, format="json").status_code == expected
    detail = reverse(f"api:{basename}-detail", args=[obj.pk])
    assert api.put(detail, {"name": "Nieuw"}, format="json").status_code == expected
    assert api.delete(detail).status_code == expected
    assert type(obj).objects.filter(pk=obj.pk).exists()


def test_working_group_lists_its_barriers_and_target_groups(api, member, group, barrier, target_group):
    group.target_groups.set([target_group])
    as_user(api, member)
    body = api.get(reverse("api:working-group-detail", args=[group.pk])).json()
    assert body["barriers"] == [barrier.pk]
    assert body["target_groups"] == [target_group.pk]
    assert body["code_prefix"] == "MOB"


def test_ordering_of_reference_lists(api, member):
    f.policy_domain(name="Bestuur", abbreviation="KBBJ")
    f.policy_domain(name="Werk", abbreviation="WEWIS")
    as_user(api, member)
    names = [row["name"] for row in api.get(reverse("api:policy-domain-list"), {"ordering": "-name"}).json()["results"]]
    assert names == ["Werk", "Bestuur"]


def test_unknown_id_is_404(api, member):
    as_user(api, member)
    assert api.get(reverse("api:barrier-detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("basename", ENDPOINTS)
@pytest.mark.parametrize("rows", [1, 50])
def test_reference_list_query_count_is_constant(api, member, basename, rows, django_assert_num_queries):
    for n in range(rows):
        obj = ENDPOINTS[basename](n)
        if basename == "working-group":
            obj.barriers.set([f.barrier()])
    as_user(api, member)
    # session + user, 1 count, 1 page; working groups add 2 prefetches (barriers, target groups)
    expected = 4 + (2 if basename == "working-group" else 0)
    with django_assert_num_queries(expected):
        response = api.get(reverse(f"api:{basename}-list"), {"page_size": 50})
    assert response.status_code == 200
    assert response.json()["count"] >= rows
