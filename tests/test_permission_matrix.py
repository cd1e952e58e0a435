"""The permission matrix, generated from the URL conf.

Every named URL of the application (pages and API) must have a row in ``RULES``:
method → role → expected outcome. A new URL without a rule fails
``test_every_url_has_a_rule``; every rule runs as a request of that role.

Outcomes: OK (2xx, or a redirect that is not to the login page), LOGIN (anonymous:
redirect to the login page for pages, 401 for the API), 403, 404, 405.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from actieplan.models import Status
from tests import factories as f
from tests.conftest import ROLES

OK, LOGIN = "ok", "login"
FORBIDDEN, NOT_FOUND, NOT_ALLOWED = 403, 404, 405

EXCLUDED_NAMESPACES = {"admin"}

# Shorthands for the common shapes of a rule.
EVERYONE = {"anonymous": LOGIN, "*": OK}
PUBLIC = {"*": OK}
COORDINATOR_ONLY = {"anonymous": LOGIN, "coordinator": OK, "*": FORBIDDEN}
GROUP_MANAGERS = {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "*": FORBIDDEN}
GROUP_EDITORS = {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": OK, "*": FORBIDDEN}
API_READ = {"anonymous": LOGIN, "*": OK}
API_NO_WRITE = {"anonymous": LOGIN, "cabinet": FORBIDDEN, "*": NOT_ALLOWED}  # read-only users are refused first
API_COORDINATOR_WRITE = {"anonymous": LOGIN, "coordinator": OK, "*": FORBIDDEN}


def _action_payload(o):
    return {
        "title": "Vervoer op maat naar bedrijventerreinen",
        "description": "Pendelbussen vanaf het station naar het bedrijventerrein.",
        "primary_barrier": o["barrier"].pk,
        "working_group": o["group"].pk,
        "level": "flemish",
        "instrument_type": "service",
        "budget_impact": "neutral",
    }


def _form_payload(o):
    data = _action_payload(o)
    data.pop("working_group")
    return data


# name → (kwargs builder, query string builder or "", {method: {role: outcome}}, payload builders)
RULES: dict[str, dict] = {
    # ------------------------------------------------------------------ pages
    "health": {"GET": PUBLIC, "POST": {"*": NOT_ALLOWED}},
    "login": {"GET": PUBLIC},
    "logout": {"POST": {"*": LOGIN}, "GET": {"*": NOT_ALLOWED}},  # logging out lands on the login page
    "set_language": {"POST": PUBLIC},
    "home": {"GET": EVERYONE},
    "group_list": {"GET": EVERYONE},
    "group_detail": {"GET": EVERYONE},
    "group_members": {"GET": GROUP_MANAGERS, "POST": GROUP_MANAGERS},
    "membership_delete": {"GET": GROUP_MANAGERS, "POST": GROUP_MANAGERS},
    "group_submit": {"GET": GROUP_MANAGERS},
    "action_list": {"GET": EVERYONE},
    "action_create": {"GET": GROUP_EDITORS, "POST": GROUP_EDITORS},
    "action_detail": {
        "GET": {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": OK, "*": FORBIDDEN},
        "GET submitted": EVERYONE,
    },
    "action_edit": {
        "GET": GROUP_EDITORS,
        "GET submitted": COORDINATOR_ONLY,
    },
    "comment_create": {
        "POST submitted": {"anonymous": LOGIN, "other_member": FORBIDDEN, "cabinet": FORBIDDEN, "*": OK},
    },
    "action_transition": {
        "GET": GROUP_MANAGERS,
        "POST": GROUP_MANAGERS,
        "GET submitted": COORDINATOR_ONLY,
    },
    # ------------------------------------------------------------------ API
    "api:token": {"POST": PUBLIC},
    "api:schema": {"GET": PUBLIC},
    "api:docs": {"GET": PUBLIC},
    "api:barrier-list": {"GET": API_READ, "POST": API_NO_WRITE},
    "api:barrier-detail": {"GET": API_READ},
    "api:target-group-list": {"GET": API_READ, "POST": API_NO_WRITE},
    "api:target-group-detail": {"GET": API_READ},
    "api:policy-domain-list": {"GET": API_READ, "POST": API_NO_WRITE},
    "api:policy-domain-detail": {"GET": API_READ},
    "api:organisation-list": {"GET": API_READ, "POST": API_NO_WRITE},
    "api:organisation-detail": {"GET": API_READ},
    "api:linked-plan-list": {"GET": API_READ, "POST": API_NO_WRITE},
    "api:linked-plan-detail": {"GET": API_READ},
    "api:working-group-list": {"GET": API_READ, "POST": API_NO_WRITE},
    "api:working-group-detail": {"GET": API_READ},
    "api:action-list": {
        "GET": API_READ,
        "POST": {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": OK, "*": FORBIDDEN},
    },
    "api:action-detail": {
        "GET": {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": OK, "*": NOT_FOUND},
        "GET submitted": API_READ,
        "PATCH": {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": OK, "cabinet": FORBIDDEN, "*": NOT_FOUND},
        "PATCH submitted": {"anonymous": LOGIN, "coordinator": OK, "*": FORBIDDEN},
        "DELETE": {"anonymous": LOGIN, "cabinet": FORBIDDEN, "*": NOT_ALLOWED},
    },
    "api:action-transition": {
        "POST": {"anonymous": LOGIN, "coordinator": OK, "chair": OK, "member": FORBIDDEN, "cabinet": FORBIDDEN, "*": NOT_FOUND},
        "POST submitted": {"anonymous": LOGIN, "coordinator": OK, "*": FORBIDDEN},
    },
}




@pytest.fixture
def objects(users, group, barrier, draft_action, submitted_action, member):
    membership = group.memberships.get(user=member)
    return {
        "group": group,
        "barrier": barrier,
        "draft": draft_action,
        "submitted": submitted_action,
        "membership": membership,
        "users": users,
    }


def _kwargs_and_query(name: str, variant: str, o: dict) -> tuple[dict, str]:
    action = o["submitted"] if variant == "submitted" else o["draft"]
    simple_pk = {
        "group_detail": o["group"].pk, "group_members": o["group"].pk, "group_submit": o["group"].pk,
        "action_detail": action.pk, "action_edit": action.pk, "comment_create": action.pk,
        "action_transition": action.pk, "api:action-detail": action.pk, "api:action-transition": action.pk,
        "api:barrier-detail": o["barrier"].pk, "api:working-group-detail": o["group"].pk,
    }
    if name == "membership_delete":
        return {"pk": o["group"].pk, "membership_pk": o["membership"].pk}, ""
    if name.endswith("-detail") and name not in simple_pk:
        model = {
            "api:target-group-detail": f.target_group,
            "api:policy-domain-detail": f.policy_domain,
            "api:organisation-detail": f.organisation,
            "api:linked-plan-detail": f.linked_plan,
        }[name]
        return {"pk": model().pk}, ""
    kwargs = {"pk": simple_pk[name]} if name in simple_pk else {}
    query = ""
    if name == "action_create":
        query = f"?working_group={o['group'].pk}"
    if name == "action_transition":
        query = "?to=draft" if variant == "submitted" else "?to=submitted"
    return kwargs, query


def _payload(name: str, method: str, variant: str, o: dict, user):
    if name == "api:token":
        return {"username": "coordinator", "password": f.PASSWORD}
    if name == "set_language":
        return {"language": "nl-be", "next": "/"}
    if name == "group_members":
        newcomer = f.user()
        return {"username": newcomer.username, "role": "member"}
    if name == "action_create":
        return _form_payload(o)
    if name == "comment_create":
        return {"text": "Dit sluit aan bij onze aanpak."}
    if name == "action_transition":
        return {"to": "draft" if variant == "submitted" else "submitted", "reason": "Graag aanvullen."}
    if name == "api:action-list":
        return _action_payload(o)
    if name == "api:action-detail":
        action = o["submitted"] if variant == "submitted" else o["draft"]
        return {"title": "Aangepaste titel", "version": action.version}
    if name == "api:action-transition":
        return {"to": "draft", "reason": "Graag aanvullen."} if variant == "submitted" else {"to": "submitted"}
    return {}


def iter_named_urls(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            if ns in EXCLUDED_NAMESPACES:
                continue
            full = f"{namespace}{ns}:" if ns else namespace
            yield from iter_named_urls(entry, full)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}"


def test_every_url_has_a_rule():
    names = set(iter_named_urls())
    missing = sorted(names - set(RULES))
    assert not missing, f"URLs without a rule in the permission matrix: {missing}"
    stale = sorted(set(RULES) - names)
    assert not stale, f"rules for URLs that no longer exist: {stale}"


def _cases():
    for name, methods in RULES.items():
        for key, per_role in methods.items():
            method, _, variant = key.partition(" ")
            for role in ROLES:
                expected = per_role.get(role, per_role.get("*"))
                yield pytest.param(name, method, variant, role, expected, id=f"{name}-{key}-{role}".replace(" ", "_"))


@pytest.mark.parametrize("name, method, variant, role, expected", list(_cases()))
def test_permission(client, objects, name, method, variant, role, expected):
    user = objects["users"][role]
    if user is not None:
        client.force_login(user)
    kwargs, query = _kwargs_and_query(name, variant, objects)
    url = reverse(name, kwargs=kwargs) + query
    is_api = name.startswith("api:") or name.startswith("monitoring_api:")
    data = _payload(name, method, variant, objects, user)
    call = getattr(client, method.lower())
    if is_api and method in ("POST", "PUT", "PATCH"):
        response = call(url, data=data, content_type="application/json")
    elif method == "GET":
        response = call(url)
    else:
        response = call(url, data=data)
    status = response.status_code
    login_url = reverse("login")
    if expected == OK:
        assert status < 400, f"{method} {url} as {role}: {status}"
        if status in (301, 302):
            assert not response["Location"].startswith(login_url), f"{method} {url} as {role} went to login"
    elif expected == LOGIN:
        if is_api:
            assert status in (401, 403), f"{method} {url} as anonymous: {status}"
        else:
            assert status == 302 and response["Location"].startswith(login_url), f"{method} {url}: {status}"
    else:
        assert status == expected, f"{method} {url} as {role}: expected {expected}, got {status}"
