"""No PDF fetches or embeds anything a user wrote (issue 13, finding 1).

Markup is planted in every user field that reaches a PDF: a ``</style>`` that would end the
footer's style element, a ``<link rel=attachment>`` to a server file, an ``<img>`` and a CSS
``@import`` to a loopback HTTP listener that this test runs, a link to ``file:``. The real PDFs
are then rendered through their URLs (the plan, live and frozen, and the cabinet report, page
and API). Each PDF must carry no embedded file, no request may reach the listener, and every
planted text must appear literally in the PDF's text.
"""

from __future__ import annotations

import io
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse
from pypdf import PdfReader

from actieplan.plan import services as svc
from actieplan.models import Action, Chapter, Milestone, Plan, Status
from common import datacache
from monitoring import services as monitoring_services
from tests import factories as f
from tests.conftest import login
from tests.monitoring_helpers import indicator
from tests.plan_factories import make_plan, retained_action


class Listener:
    """A loopback HTTP server that records every request made to it."""

    def __init__(self):
        hits = self.hits = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - the name http.server calls
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"gelezen")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def markup(label: str, port: int, limit: int = 2000) -> str:
    """Hostile markup that starts with ``label``, as much of it as fits in ``limit`` characters."""
    parts = [
        f"{label} </style>",
        " <link rel=attachment href=file:///etc/passwd>",
        f" <img src=http://127.0.0.1:{port}/{label}>",
        f" <style>@import 'http://127.0.0.1:{port}/{label}.css';</style>",
        " <a href=file:///etc/hosts>hosts</a>",
        f" <iframe src=http://127.0.0.1:{port}/{label}-frame></iframe> einde",
    ]
    text = ""
    for part in parts:
        if len(text + part) > limit:
            break
        text += part
    return text


def rich(label: str, port: int) -> str:
    """Rich text (HTML) with the markup typed as text, plus real tags the sanitiser must drop."""
    typed = markup(label, port).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return (f"<p>{typed}</p><img src=http://127.0.0.1:{port}/{label}-img>"
            f"<link rel=attachment href=file:///etc/passwd><style>@import 'http://127.0.0.1:{port}/{label}-css';</style>"
            f"<p><a href=file:///etc/passwd>bijlage</a> <a href='data:text/html,x'>data</a></p>")


def squeeze(text: str) -> str:
    """Text without any whitespace: a PDF breaks long lines where it likes."""
    return "".join(text.split())


def pdf_text(content: bytes) -> str:
    return squeeze("\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages))


def embedded_files(content: bytes) -> list:
    """Files embedded in the PDF: its attachments and every file-attachment annotation."""
    reader = PdfReader(io.BytesIO(content))
    found = list(reader.attachments)
    names = reader.trailer["/Root"].get("/Names")
    if names is not None and "/EmbeddedFiles" in names.get_object():
        found.append("/EmbeddedFiles")
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            if annotation.get_object().get("/Subtype") == "/FileAttachment":
                found.append("/FileAttachment")
    return found


def assert_safe(content: bytes, listener: Listener, texts: dict[str, str]):
    assert content.startswith(b"%PDF")
    assert embedded_files(content) == []
    assert b"root:x:0:0" not in content
    assert listener.hits == [], f"the PDF requested {listener.hits}"
    text = pdf_text(content)
    missing = [field for field, value in texts.items() if squeeze(value) not in text]
    assert not missing, f"not shown literally: {missing}"


# --------------------------------------------------------------------------- the plan
@pytest.fixture
def hostile_plan(coordinator, group, listener):
    port = listener.port
    m = {name: markup(name, port, limit) for name, limit in [
        ("PLANTITEL", 300), ("HOOFDSTUK", 300), ("ACTIETITEL", 200), ("BESCHRIJVING", 2000), ("RESULTAAT", 2000),
        ("MIJLPAAL", 200), ("DOMEIN", 200), ("DREMPEL", 200), ("DOELGROEP", 200), ("ORGANISATIE", 200),
        ("PARTNER", 200), ("VRREF", 100), ("AFWIJKING", 2000),
    ]}
    lead = f.policy_domain(name=m["DOMEIN"], abbreviation="<b>&D")
    partner = f.policy_domain(name=m["PARTNER"], abbreviation="</style>")
    barrier = f.barrier(name=m["DREMPEL"], slug="hostile")
    action = retained_action(
        working_group=group, primary_barrier=barrier, lead_domain=lead, partner_domains=[partner], code="MOB-10",
        title=m["ACTIETITEL"], description=m["BESCHRIJVING"], intended_result=m["RESULTAAT"],
        target_groups=[f.target_group(name=m["DOELGROEP"])], partner_organisations=[f.organisation(name=m["ORGANISATIE"])],
    )
    Milestone.objects.create(action=action, title=m["MIJLPAAL"], due_date=date(2026, 12, 1))
    plan = make_plan(coordinator, [action], title="Voorlopig")
    svc.plan_update(plan=plan, user=coordinator, title=m["PLANTITEL"], introduction=rich("INLEIDING", port),
                    conclusion=rich("BESLUIT", port))
    chapter = Chapter.objects.get(plan=plan, items__action=action)
    svc.chapter_update(chapter=chapter, user=coordinator, title=m["HOOFDSTUK"], barrier=barrier,
                       introduction=rich("HOOFDSTUKINTRO", port))
    svc.plan_consult(plan=plan, user=coordinator)
    svc.plan_finalise(plan=plan, user=coordinator, vr_reference=m["VRREF"], vr_date=date(2026, 7, 3),
                      override_reason=m["AFWIJKING"])
    typed = {name: markup(name, port) for name in ("INLEIDING", "BESLUIT", "HOOFDSTUKINTRO")}
    return Plan.objects.get(pk=plan.pk), m | typed


@pytest.mark.parametrize("version", ["", "?version=1"])
def test_the_plan_pdf_shows_planted_markup_as_text_and_loads_nothing(client, coordinator, hostile_plan, listener,
                                                                     version):
    plan, texts = hostile_plan
    if not version:
        texts = {k: v for k, v in texts.items() if k != "AFWIJKING"}  # only a frozen version names its override
        # A stored text that never went through the sanitiser (an old row, a direct write) is cleaned as it is shown.
        raw = rich("INLEIDING", listener.port) + f"<p><img src=http://127.0.0.1:{listener.port}/raw></p>"
        Plan.objects.filter(pk=plan.pk).update(introduction=raw)
        datacache.bump()
    response = login(client, coordinator).get(reverse("api:plan-export", kwargs={"id": plan.pk, "fmt": "pdf"}) + version)
    assert response.status_code == 200
    assert_safe(response.content, listener, texts)


# --------------------------------------------------------------------------- the cabinet report
@pytest.fixture
def hostile_report(coordinator, group, listener):
    port = listener.port
    m = {name: markup(name, port, limit) for name, limit in [
        ("RAPPORTDOMEIN", 200), ("RAPPORTDREMPEL", 200), ("RAPPORTACTIE", 200), ("GEDAAN", 5000),
        ("VOLGENDE", 5000), ("KNELPUNT", 5000), ("LATEMIJLPAAL", 200), ("INDICATOR", 200), ("BRON", 200),
    ]}
    domain = f.policy_domain(name=m["RAPPORTDOMEIN"], abbreviation="<i>")
    barrier = f.barrier(name=m["RAPPORTDREMPEL"], slug="hostile-report")
    action = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-30",
                             title=m["RAPPORTACTIE"])
    plan = make_plan(coordinator, [action])
    svc.plan_consult(plan=plan, user=coordinator)
    svc.plan_finalise(plan=plan, user=coordinator, vr_reference="VR 2026", vr_date=date(2026, 7, 3),
                      override_reason="Akkoord.")
    action = Action.objects.get(pk=action.pk)
    assert action.status == Status.ADOPTED
    monitoring_services.status_update_create(action=action, user=coordinator, data={
        "progress_state": "blocked", "percent_complete": 10, "done": m["GEDAAN"], "next_steps": m["VOLGENDE"],
        "blockers": m["KNELPUNT"]})
    Milestone.objects.create(action=action, title=m["LATEMIJLPAAL"], due_date=date(2020, 1, 1))
    indicator(name=m["INDICATOR"], slug="hostile-indicator", source=m["BRON"])
    datacache.bump()
    return domain, m


@pytest.mark.parametrize("url_name", ["cabinet_report_pdf", "monitoring_api:cabinet-report-pdf"])
def test_the_cabinet_report_pdf_shows_planted_markup_as_text_and_loads_nothing(client, coordinator, hostile_report,
                                                                              listener, caplog, url_name):
    domain, texts = hostile_report
    caplog.set_level("WARNING", logger="common.pdf")
    response = login(client, coordinator).get(reverse(url_name) + f"?domains={domain.pk}")
    assert response.status_code == 200
    assert_safe(response.content, listener, texts)
    # The report's own charts (data: images) were loaded: nothing was refused.
    assert [r.getMessage() for r in caplog.records if r.name == "common.pdf"] == []
