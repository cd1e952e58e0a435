"""Schemathesis against the whole OpenAPI schema, in-process (WSGI), as a coordinator and as
a member: no 5xx, status codes, content types and bodies as the schema says.

Every operation gets a few derandomised examples (``EXAMPLES``) so the run stays well under
five minutes; generated writes happen inside the test database and are rolled back.
Failures of all operations are collected and reported together.
"""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from actieplan.exchange import importer
from actieplan.api_tokens import api_token_create, login_token_issue
from actieplan.models import Status
from config.wsgi import application
from tests import factories as f
from tests.importing import media_root, upload, xlsx_bytes  # noqa: F401

EXAMPLES = 6
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def demo(db, media_root):  # noqa: F811
    """Demo-like data: reference data, two groups with members, actions in several states, an import."""
    barriers = [f.barrier(name=n, slug=s) for n, s in [("Mobiliteit", "mobiliteit"), ("Zorgtaken", "zorgtaken")]]
    f.target_group(name="Kortgeschoolden 25-64", slug="kortgeschoolden")
    mow = f.policy_domain(name="Mobiliteit en Openbare Werken", abbreviation="MOW")
    f.policy_domain(name="Onderwijs en Vorming", abbreviation="OV")
    f.organisation(name="VDAB", abbreviation="VDAB", policy_domain=mow)
    f.linked_plan(name="Actieplan Vlaanderen Werkt!")
    group = f.working_group(name="Werkgroep Mobiliteit", code_prefix="MOB")
    group.barriers.set(barriers[:1])
    other = f.working_group(name="Werkgroep Zorgtaken", code_prefix="ZORG")
    coordinator = f.user("coordinator", is_coordinator=True)
    chair = f.user("voorzitter")
    member = f.user("lid")
    f.membership(chair, group, role="chair")
    f.membership(member, group, role="member")
    f.user("kabinet", is_cabinet=True, cabinet_all_domains=True)
    for n, status in enumerate([Status.DRAFT, Status.SUBMITTED, Status.RETAINED, Status.SUBMITTED], start=1):
        f.action(working_group=group, code=f"MOB-{n:02d}", status=status, lead_domain=mow,
                 primary_barrier=barriers[0])
    f.action(working_group=other, code="ZORG-01", status=Status.SUBMITTED, primary_barrier=barriers[1])
    f.action(proposing_domain=mow, working_group=None, code="MOW-01", primary_barrier=barriers[0])
    importer.import_start(
        user=chair, working_group=group,
        upload=upload(xlsx_bytes([{"title": "Vervoer", "description": "Busje", "primary_barrier": "Mobiliteit"}])),
    )
    api_token_create(user=member, name="Rapportering")
    return {"coordinator": coordinator, "member": member}


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """Calling the WSGI application directly fires request_started/finished, whose
    ``close_old_connections`` would close the test transaction's connection on PostgreSQL
    (Django's test client disconnects it the same way)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def _run(schema, headers: dict) -> list[str]:
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @hypothesis_settings(
            max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            response = case.call(headers=headers)
            case.validate_response(response, checks=CHECKS)

        try:
            check()
        except (Exception, BaseExceptionGroup) as error:  # collect every operation's failure, report them together
            failures.append(f"{operation.method.upper()} {operation.path}: {str(error)[:1500]}")
    return failures


@pytest.mark.parametrize("role", ["coordinator", "member"])
def test_the_api_conforms_to_its_schema(demo, role):
    _token, key = login_token_issue(user=demo[role])
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    failures = _run(schema, {"Authorization": f"Token {key}"})
    assert not failures, f"{len(failures)} operation(s) fail as {role}:\n\n" + "\n\n".join(failures)


def test_a_read_only_token_reads_and_is_refused_writes_as_the_schema_says(demo):
    _token, key = api_token_create(user=demo["member"], name="Fuzz")
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)
    failures = _run(schema.include(path_regex=r"^/api/v1/(actions|imports|api-tokens|barriers)"),
                    {"Authorization": f"Token {key}"})
    assert not failures, "\n\n".join(failures)
