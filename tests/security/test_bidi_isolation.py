"""User text in lists and tables is isolated (``<bdi>``) from the text around it.

A title with a right-to-left override (U+202E) would otherwise turn the rest of its row
around (the code, the dates, the next names). Every page of the permission matrix that a
coordinator reads is rendered from a world with the override (and markup) planted in every
user text field; no list or table may show planted text outside ``<bdi>``.
"""

from __future__ import annotations

import logging

import pytest
from django.urls import reverse

from tests import hostile_text, matrix_objects
from tests.importing import media_root  # noqa: F401  (fixture: uploads go to a temporary folder)
from tests.security.test_permission_matrix import API_NAMESPACES, OK, RULES, _kwargs_and_query

PAGES = sorted(
    (name, key.partition(" ")[2]) for name, methods in RULES.items() for key, per_role in methods.items()
    if key.startswith("GET") and not name.startswith(API_NAMESPACES)
    and per_role.get("coordinator", per_role.get("*")) == OK and not key.endswith("csv")
    and name not in {"health", "login", "api_tokens"} or (name == "api_tokens" and key == "GET")
)


@pytest.fixture
def hostile_world(media_root, users, group, other_group, barrier, other_barrier, domain, other_domain,  # noqa: F811
                  draft_action, submitted_action):
    o = matrix_objects.build(
        users=users, group=group, other_group=other_group, barrier=barrier, other_barrier=other_barrier,
        domain=domain, other_domain=other_domain, draft=draft_action, submitted=submitted_action,
    )
    for part, keys in matrix_objects.PARTS:  # every part, so every kind of object has rows
        o[keys[0]]
    planted = hostile_text.plant()
    assert {"Action", "WorkingGroup", "PolicyDomain", "Assignment", "StatusUpdate"} <= set(planted)
    return o


def test_lists_and_tables_isolate_user_text(client, hostile_world, caplog):
    caplog.set_level(logging.ERROR, logger="django.request")
    o = hostile_world
    client.force_login(o["users"]["coordinator"])
    problems, shown = [], 0
    for name, variant in PAGES:
        kwargs, query = _kwargs_and_query(name, variant, o)
        url = reverse(name, kwargs=kwargs) + query
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        shown += html.count(hostile_text.RLO) > 0
        problems += [f"{url}: {p}" for p in hostile_text.unisolated(html)]
    assert shown > 20, "the planted text should be on most pages"
    assert not problems, f"{len(problems)} texts without <bdi>:\n" + "\n".join(problems)
