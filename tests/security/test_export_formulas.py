"""No spreadsheet formula in any export (issue 13, finding 2), and every XLSX list answers (finding 4).

One world (the permission matrix's, ``tests/matrix_objects.py``) gets hostile text in every text
field of every model: ``=HYPERLINK(...)``, `` +1+1``, ``\\t=1``, ``@SUM(1)``, ``-2+3``. A new
version of the plan is frozen with it. Then every export is downloaded as a coordinator:

* every route whose name or path says export/xlsx/csv/pdf/docx (``NAMED_EXPORTS``; PDF and DOCX
  are checked in ``test_pdf_exports_safety.py``), collected from the URL conf;
* every API list that exports with ``?format=csv|xlsx`` (``ExportMixin``), collected from the URL conf;
* every page that answers ``?format=csv|xlsx`` with a file (``LIST_PAGES``; a test probes every page
  of the URL conf so that a new one cannot be left out).

Each CSV is read with the csv module and each XLSX with openpyxl: no formula cell, no text that
starts a formula without the quote, and at least one planted text kept with its quote.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

import pytest
from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook
from rest_framework import mixins

from actieplan import api_tokens
from actieplan.models import Round
from actieplan.plan import services as svc
from common.exports import ExportMixin
from common import datacache
from tests import factories as f
from tests import matrix_objects
from tests.importing import media_root  # noqa: F401  (fixture: uploads go to a temporary folder)
from tests.security.test_permission_matrix import KWARGS, QUERIES, RULES

HOSTILE = ['=HYPERLINK("http://x","a")', " +1+1", "\t=1", "@SUM(1)", "-2+3"]
SHORT_HOSTILE = ["@SUM(1)", "-2+3", "\t=1", " +1+1"]
# What a spreadsheet reads as a formula, written independently of the application's writer.
FORMULA_LEADS = ("\t", "\r")
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?([eE][+-]?\d+)?")
EXPORT_ROUTE = re.compile(r"export|xlsx|csv|pdf|docx", re.I)
API_NAMESPACES = ("api", "monitoring_api", "inbox_api", "accounts_api", "reporting_api", "inventory_api", "governance_api")

# Fields that are not free text a user writes (or that must stay valid for the world to work).
NOT_TEXT = {"password", "username", "email", "code", "code_prefix", "slug", "key_hash", "prefix", "fingerprint",
            "term", "item_type", "period", "url", "link"}


def starts_formula(text: str) -> bool:
    if NUMBER.fullmatch(text.strip()):
        return False  # a number: harmless, and it must stay one
    return text.startswith(FORMULA_LEADS) or text.lstrip(" \t\r\n\u00a0\u3000").startswith(FORMULA_STARTS)


# --------------------------------------------------------------------------- what is exported
# route name → [(kwargs builder, query builder)], each requested as it is (the format is in the route)
NAMED_EXPORTS = {
    "api:plan-export": [
        (lambda o, fmt=fmt: {"id": o["plan"].pk, "fmt": fmt}, lambda o, query=query: query)
        for fmt in ("csv", "xlsx") for query in ("", "?version=2")  # the live plan and the version frozen below
    ],
    "dashboard_xlsx": [(lambda o: {}, lambda o: "")],
    "domain_dashboard_xlsx": [(lambda o: {"pk": o["domain"].pk}, lambda o: "")],
    "group_dashboard_xlsx": [(lambda o: {"pk": o["group"].pk}, lambda o: "")],
    "import_template": [(lambda o: {}, lambda o: ""), (lambda o: {}, lambda o: f"?working_group={o['group'].pk}")],
    "api:import-template": [(lambda o: {}, lambda o: ""),
                            (lambda o: {}, lambda o: f"?working_group={o['group'].pk}")],
}
# Export routes that are not spreadsheets: checked by tests/security/test_pdf_exports_safety.py.
PDF_EXPORTS = {"cabinet_report_pdf", "monitoring_api:cabinet-report-pdf",  # and api:plan-export's pdf (and docx)
               # progress reports to the Government: PDF through common/pdf.py, DOCX through common/docx.py
               "progress_report_pdf", "progress_report_docx",
               "reporting_api:progress-report-export-pdf", "reporting_api:progress-report-export-docx",
               # the agenda and decisions of a meeting: DOCX through common/docx.py
               "governance_meeting_agenda_docx", "governance_meeting_decisions_docx"}
# Downloads of a file a user uploaded, served as it was stored (never a spreadsheet the application writes).
UPLOADED_FILES = {"status_update_attachment"}
# Pages whose list exports with ?format=csv|xlsx (export_if_requested).
LIST_PAGES = ["action_list", "progress_list", "indicator_list", "reminder_list", "barrier_list", "measure_list",
              "evidence_list"]


def iter_routes(resolver=None, namespace="", prefix=""):
    """(name, route, callback) of every named URL outside the admin."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "admin":
                continue
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from iter_routes(entry, ns, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", prefix + str(entry.pattern), entry.callback


def api_list_exports() -> list[str]:
    """The API routes whose GET is a list that ``ExportMixin`` exports."""
    names = []
    for name, route, callback in iter_routes():
        cls = getattr(callback, "cls", None)
        if cls is None or not issubclass(cls, ExportMixin) or "(?P<format>" in route:
            continue
        actions = getattr(callback, "actions", None)
        exports = (actions.get("get") in cls.export_actions) if actions else issubclass(cls, mixins.ListModelMixin)
        if exports and name not in names:
            names.append(name)
    return names


def requests_of(kind: str, name: str):
    """The (kwargs builder, query builder) of one export."""
    if kind == "named":
        return NAMED_EXPORTS[name]
    return [(lambda o: {}, lambda o, fmt=fmt: f"?format={fmt}") for fmt in ("csv", "xlsx")]


CASES = ([("named", n) for n in NAMED_EXPORTS] + [("api", n) for n in api_list_exports()]
         + [("page", n) for n in LIST_PAGES])


# --------------------------------------------------------------------------- the hostile world
def plant(o) -> set[str]:
    """Hostile text in every free-text field of every row of the project's models; the values planted."""
    planted = set()
    index = 0
    project_models = [m for label in ("werkgroepen", "actieplan", "monitoring", "inventory", "governance") for m in apps.get_app_config(label)
                      .get_models()] + [apps.get_model("auth", "User")]
    for model in project_models:
        if model.__name__.startswith("Historical"):
            continue
        fields = [f for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))
                  and not f.choices and not f.primary_key and f.name not in NOT_TEXT]
        for pk in model.objects.values_list("pk", flat=True):
            values = {}
            for field in fields:
                index += 1
                value = f"{HOSTILE[index % len(HOSTILE)]} {field.name} {pk}"
                if field.max_length and len(value) > field.max_length:
                    value = f"{SHORT_HOSTILE[index % len(SHORT_HOSTILE)]} {pk}"[:field.max_length]
                values[field.name] = value
                planted.add(value)
            if values:
                model.objects.filter(pk=pk).update(**values)
    datacache.bump()  # update() sends no signal
    return planted


@pytest.fixture
def world(media_root, users, group, other_group, barrier, other_barrier, domain, other_domain,  # noqa: F811
          draft_action, submitted_action):
    o = matrix_objects.build(
        users=users, group=group, other_group=other_group, barrier=barrier, other_barrier=other_barrier,
        domain=domain, other_domain=other_domain, draft=draft_action, submitted=submitted_action,
    )
    for key in ("merge", "plan", "status_update", "job", "measure", "meeting"):  # build every part
        o[key]
    coordinator = users["coordinator"]
    api_tokens.api_token_create(user=coordinator, name="Koppeling")
    f.target_group(), f.organisation(), f.linked_plan()  # reference lists the world leaves empty
    if not Round.objects.exists():  # seeded by a migration; gone after a test that flushed the database
        f.round_()
    planted = plant(o)
    plan = o["plan"]
    plan.refresh_from_db()
    version = svc.plan_finalise(plan=plan, user=coordinator, vr_reference="=HYPERLINK(\"http://x\",\"VR\")",
                                vr_date=date(2026, 10, 1), override_reason="@SUM(1) afwijking")
    assert version.number == 2
    planted |= {"=HYPERLINK(\"http://x\",\"VR\")", "@SUM(1) afwijking"}
    return o, planted


# --------------------------------------------------------------------------- reading the files back
def cells_of(content: bytes, content_type: str, name: str) -> list:
    if content_type.startswith("text/csv"):
        text = content.decode("utf-8-sig")
        delimiter = ";"  # every CSV meant for a spreadsheet: the people dialect
        return [("csv", value) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
                for value in row]
    workbook = load_workbook(io.BytesIO(content))
    return [(cell.data_type, cell.value) for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


def problems_in(cells: list, planted: set[str]) -> tuple[list, int]:
    """(cells that a spreadsheet would run as a formula, how many planted texts were kept with their quote)."""
    bad, kept = [], 0
    for data_type, value in cells:
        if data_type == "f":
            bad.append(value)
        elif isinstance(value, str):
            if starts_formula(value):
                bad.append(value)
            elif value.startswith("'") and any(value[1:].startswith(p) for p in planted):
                kept += 1
    return bad, kept


# --------------------------------------------------------------------------- the tests
@pytest.mark.parametrize("kind,name", CASES, ids=[n for _k, n in CASES])
def test_no_export_holds_a_formula(client, world, kind, name):
    o, planted = world
    client.force_login(o["users"]["coordinator"])
    for kwargs, query in requests_of(kind, name):
        url = reverse(name, kwargs=kwargs(o)) + query(o)
        response = client.get(url)
        assert response.status_code == 200, f"{url}: {response.status_code} {response.content[:300]!r}"
        content_type = response["Content-Type"]
        assert content_type.startswith(("text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml")), \
            f"{url}: {content_type}"
        bad, kept = problems_in(cells_of(response.content, content_type, name), planted)
        assert bad == [], f"{url}: cells a spreadsheet runs as a formula: {bad[:10]}"
        assert kept, f"{url}: no planted text in the export (the test would prove nothing)"


def test_every_export_route_is_checked():
    """A new route that exports (its name or path says so) must be added to NAMED_EXPORTS or PDF_EXPORTS."""
    routes = {name for name, route, _cb in iter_routes() if EXPORT_ROUTE.search(name + " " + route)}
    assert routes - set(NAMED_EXPORTS) - PDF_EXPORTS == set()
    assert set(NAMED_EXPORTS) | PDF_EXPORTS <= routes  # nothing stale


def test_the_api_exports_are_found():
    found = set(api_list_exports())
    assert {"api:barrier-list", "api:target-group-list", "api:working-group-list", "monitoring_api:indicator-list",
            "api:api-token-list", "api:action-list", "monitoring_api:status-update-list"} <= found
    assert "api:barrier-detail" not in found and "api:plan-chapters" not in found


def test_every_page_that_exports_is_checked(client, world):
    """Every page of the URL conf, asked for ``?format=csv``: the ones that answer with a file are LIST_PAGES."""
    o, _planted = world
    client.force_login(o["users"]["coordinator"])
    exporting = []
    for name, _route, _callback in iter_routes():
        if name.split(":")[0] in API_NAMESPACES or "GET" not in RULES.get(name, {}):
            continue
        kwargs = KWARGS[name](o, "") if name in KWARGS else {}
        query = QUERIES[name](o, "") if name in QUERIES else ""
        url = reverse(name, kwargs=kwargs) + (query + "&" if query else "?") + "format=csv"
        response = client.get(url)
        if response.get("Content-Disposition", "").startswith("attachment") or \
                response.get("Content-Type", "").startswith("text/csv"):
            exporting.append(name)
    assert set(exporting) - set(NAMED_EXPORTS) - PDF_EXPORTS - UPLOADED_FILES == set(LIST_PAGES)
