"""What a domain answered (its remark on an assignment) is not in the plan's exports or its diff for readers who may
not see it on the pages (issue 13, finding 6: one rule, ``Perms.can_view_domain_answers``, for every output)."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook
from rest_framework.test import APIClient

from actieplan.models import Assignment, Plan
from actieplan.plan import services as svc
from tests.plan_factories import make_plan, retained_action

REMARK = "Enkel met extra middelen uit de begroting 2027"


@pytest.fixture
def plan(coordinator, domain_contact, group, barrier, domain):
    action = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-80")
    plan = make_plan(coordinator, [action])
    assignment = Assignment.objects.get(action=action, domain=domain)
    svc.assignment_respond(assignment=assignment, user=domain_contact, decision="accept", remark=REMARK)
    return Plan.objects.get(pk=plan.pk)


def _export(user, plan, fmt) -> str:
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(f"/api/v1/plans/{plan.pk}/export.{fmt}")
    assert response.status_code == 200
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(response.content))
        return "\n".join(str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value)
    if fmt == "docx":
        document = Document(io.BytesIO(response.content))
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in document.paragraphs] + cells)
    return response.content.decode("utf-8-sig")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx"])
@pytest.mark.parametrize("role", ["coordinator", "domain_contact", "member", "chair", "cabinet"])
def test_every_reader_gets_the_domains_agreement_but_not_its_remark(plan, users, role, fmt):
    """The plan's outputs give each domain's state ("akkoord met opmerking"); the remark itself stays on the
    "Ter bevestiging" pages, for the domain and coordinators. The export is redacted per reader and cached per
    scope of answers, so a coordinator's export served first cannot reach another reader."""
    _export(users["coordinator"], plan, fmt)
    text = _export(users[role], plan, fmt)
    assert "MOB-80" in text
    if fmt != "docx":  # the DOCX has no agreement column
        assert "akkoord met opmerking" in text
    assert REMARK not in text


def test_the_diff_hides_the_remark(plan, users):
    client = APIClient()
    client.force_authenticate(users["member"])
    response = client.get(f"/api/v1/plans/{plan.pk}/diff/?from=current&to=current")
    assert response.status_code == 200
    assert REMARK not in response.content.decode()
