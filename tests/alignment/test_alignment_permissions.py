"""Permission matrix of the alignment part: every new URL and endpoint × every role.

The rows are checked against the URL conf (``actieplan.alignment.urls`` and
``actieplan.alignment.api``), so a new URL without a row fails this test.
"""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from actieplan.alignment import urls as urls_alignment
from actieplan.alignment import api as api_alignment
from actieplan.models import ActionLink, Status
from actieplan.actions.services import action_transition
from tests import factories as f
from tests.conftest import ROLES

HTML_OK = {"anonymous": 302}
ALL_READ = {r: 200 for r in ROLES} | {"anonymous": 401}
COORD_ONLY_HTML = {r: 403 for r in ROLES} | {"anonymous": 302}
REPORTS_HTML = COORD_ONLY_HTML | {"cabinet": 200}
COORD_ONLY_API = {r: 403 for r in ROLES} | {"anonymous": 401}

# (url name, method, expected status per role; the coordinator's value last overrides)
HTML_ROWS = [
    ("alignment_board", "get", COORD_ONLY_HTML | {"coordinator": 200}),
    ("alignment_compare", "get", COORD_ONLY_HTML | {"coordinator": 200}),
    ("alignment_next_suggestion", "get", COORD_ONLY_HTML | {"coordinator": 302}),
    ("alignment_merge", "get", COORD_ONLY_HTML | {"coordinator": 200}),
    ("alignment_unmerge", "get", COORD_ONLY_HTML | {"coordinator": 200}),
    ("alignment_dismiss", "post", COORD_ONLY_HTML | {"coordinator": 302}),
    ("action_link_create", "post", COORD_ONLY_HTML | {"coordinator": 302, "domain_contact": 302}),
    ("action_link_delete", "get", COORD_ONLY_HTML | {"coordinator": 200}),
    ("decision_log", "get", REPORTS_HTML | {"coordinator": 200}),
    ("coverage_matrix", "get", REPORTS_HTML | {"coordinator": 200}),
]
API_ROWS = [
    ("api:action-similar", "get", ALL_READ),
    ("api:action-similar-dismiss", "post", COORD_ONLY_API | {"coordinator": 200}),
    ("api:action-lineage", "get", ALL_READ),
    ("api:action-unmerge", "post", COORD_ONLY_API | {"coordinator": 200}),
    ("api:action-link-list", "get", ALL_READ),
    ("api:action-link-list", "post", COORD_ONLY_API | {"coordinator": 201, "domain_contact": 201}),
    ("api:action-link-detail", "get", ALL_READ),
    ("api:action-link-detail", "delete", COORD_ONLY_API | {"coordinator": 204}),
    ("api:decision-list", "get", COORD_ONLY_API | {"coordinator": 200, "cabinet": 200}),
    ("api:coverage", "get", COORD_ONLY_API | {"coordinator": 200, "cabinet": 200}),
]


def test_every_alignment_url_has_a_permission_row():
    html_names = {p.name for p in urls_alignment.urlpatterns}
    api_names = {f"api:{p.name}" for p in api_alignment.urlpatterns}
    api_names |= {"api:action-link-list", "api:action-link-detail"}  # the router's viewset
    # The typing warning's endpoint has its own role tests (tests/api/test_api_similar_to.py) and its row
    # in the application-wide matrix (tests/security/test_permission_matrix.py).
    api_names -= {"api:action-similar-to"}
    covered = {name for name, _m, _e in HTML_ROWS + API_ROWS}
    assert html_names | api_names <= covered, (html_names | api_names) - covered
    for _name, _method, expected in HTML_ROWS + API_ROWS:
        assert set(expected) == set(ROLES)


@pytest.fixture
def world(db, coordinator, group, other_group, barrier, other_barrier, domain, other_domain):
    """Submitted actions of two groups (one led by the contact's domain), a merged one and a link."""
    a = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-20",
                 status=Status.SUBMITTED, title="Vervoer op maat naar het werk")
    b = f.action(working_group=other_group, primary_barrier=other_barrier, lead_domain=other_domain, code="ZORG-20",
                 status=Status.SUBMITTED, title="Vervoer op maat naar de kinderopvang")
    merged = f.action(working_group=other_group, primary_barrier=other_barrier, code="ZORG-21",
                      status=Status.SUBMITTED)
    action_transition(action=merged, to=Status.MERGED, user=coordinator, into=b)
    link = ActionLink.objects.create(from_action=a, to_action=b, type="complements", created_by=coordinator)
    return {"a": a, "b": b, "merged": merged, "link": link}


def _html_url(name, w):
    args = {
        "alignment_board": [], "decision_log": [], "coverage_matrix": [], "alignment_next_suggestion": [],
        "alignment_compare": [w["a"].pk, w["b"].pk], "alignment_merge": [w["a"].pk],
        "alignment_unmerge": [w["merged"].pk], "alignment_dismiss": [w["a"].pk, w["b"].pk],
        "action_link_create": [w["a"].pk], "action_link_delete": [w["link"].pk],
    }[name]
    return reverse(name, args=args)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name,method,expected", HTML_ROWS, ids=[f"{r[0]}-{r[1]}" for r in HTML_ROWS])
def test_html_permissions(client, users, world, role, name, method, expected):
    if users[role] is not None:
        client.force_login(users[role])
    data = {"type": "overlaps", "to_action": world["b"].pk} if name == "action_link_create" else {}
    response = getattr(client, method)(_html_url(name, world), data)
    assert response.status_code == expected[role], response.content[:500]
    if expected[role] == 302 and role == "anonymous":
        assert response["Location"].startswith(reverse("login"))


def _api_url(name, w):
    args = {
        "api:action-similar": [w["a"].pk], "api:action-similar-dismiss": [w["a"].pk, w["b"].pk],
        "api:action-lineage": [w["b"].pk], "api:action-unmerge": [w["merged"].pk],
        "api:action-link-list": [], "api:action-link-detail": [w["link"].pk],
        "api:decision-list": [], "api:coverage": [],
    }[name]
    return reverse(name, args=args)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name,method,expected", API_ROWS, ids=[f"{r[0]}-{r[1]}" for r in API_ROWS])
def test_api_permissions(users, world, role, name, method, expected):
    api = APIClient()
    if users[role] is not None:
        api.force_authenticate(users[role])
    data = {"from_action": world["a"].pk, "to_action": world["b"].pk, "type": "overlaps"} \
        if name == "api:action-link-list" and method == "post" else {}
    response = getattr(api, method)(_api_url(name, world), data, format="json")
    assert response.status_code == expected[role], response.content[:500]
    if response.status_code in (401, 403):
        assert response.json()["detail"]
