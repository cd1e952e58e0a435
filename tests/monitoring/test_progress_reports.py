"""The periodic progress report to the Flemish Government (issue 19): API, pages, freezing, PDF and DOCX."""

from __future__ import annotations

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from monitoring.summary import summary_text
from monitoring.svgcharts import PROGRESS_SERIES
from reporting.models import ProgressReport, ReportingPeriod
from tests import factories as f
from tests.conftest import login
from tests.monitoring_helpers import adopted_action, report

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
API = "/api/v1/progress-reports/"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def period(db):
    f.reporting_periods()
    return ReportingPeriod.objects.get(name="2026 – tweede semester")


@pytest.fixture
def plan(frozen, group, barrier, domain):
    states = ["on_track", "on_track", "at_risk", "delayed", "blocked"]
    for i, state in enumerate(states):
        action = adopted_action(group=group, barrier=barrier, domain=domain, code=f"MOB-{i + 1}",
                                title=f"Actie <{i}>", adopted_on=date(2026, 3, 1))
        report(action, day=date(2026, 11, 1), state=state, percent=10 * (i + 1), next_steps="Volgende <stap>")


def _create(client, period, as_of="2026-12-01"):
    return client.post(API, {"period": period.pk, "as_of": as_of}, content_type="application/json")


def test_it_lets_a_coordinator_create_approve_and_export_a_report(client, coordinator, plan, period):
    login(client, coordinator)
    response = _create(client, period)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft" and body["as_of"] == "2026-12-01"
    pk = body["id"]
    assert [r["id"] for r in client.get(API).json()["results"]] == [pk]

    approved = client.post(f"{API}{pk}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert client.post(f"{API}{pk}/approve/").status_code == 400  # once only

    pdf = client.get(f"{API}{pk}/export.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf.content))
    assert reader.pages[0].mediabox.width == pytest.approx(595.3, abs=1)  # A4
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Van de 5 acties in het actieplan zijn er 2 op schema" in text
    assert "Voortgang per trekkend beleidsdomein" in text and "Bijlage: alle acties" in text
    docx = client.get(f"{API}{pk}/export.docx")
    assert docx.status_code == 200 and docx["Content-Type"].endswith("wordprocessingml.document")


def test_the_docx_is_a4_in_dutch_of_belgium(client, coordinator, plan, period):
    from docx import Document
    from docx.oxml.ns import qn

    login(client, coordinator)
    pk = _create(client, period).json()["id"]
    document = Document(io.BytesIO(client.get(f"{API}{pk}/export.docx").content))
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
    assert document.core_properties.language == "nl-BE"
    langs = {el.get(qn("w:val")) for el in document.styles.element.iter(qn("w:lang"))}
    assert langs == {"nl-BE"}
    text = "\n".join(p.text for p in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "Van de 5 acties in het actieplan zijn er 2 op schema" in text, text
    assert "MOB-1 Actie <0>" in cells and "Volgende <stap>" in cells


def test_the_summary_agrees_with_the_report(client, coordinator, plan, period):
    login(client, coordinator)
    pk = _create(client, period).json()["id"]
    page = client.get(reverse("progress_report_detail", args=[pk])).content.decode()
    assert ("Van de 5 acties in het actieplan zijn er 2 op schema, 1 met een aandachtspunt, 1 vertraagd en 1 "
            "geblokkeerd.") in page
    assert "Actie &lt;0&gt;" in page and "Actie <0>" not in page


def test_an_approved_report_is_frozen(client, coordinator, plan, period, group, barrier, domain):
    login(client, coordinator)
    pk = _create(client, period).json()["id"]
    client.post(f"{API}{pk}/approve/")
    # later data no longer change it
    adopted_action(group=group, barrier=barrier, domain=domain, code="MOB-99", adopted_on=date(2026, 11, 2))
    page = client.get(reverse("progress_report_detail", args=[pk]))
    assert b"MOB-99" not in page.content
    response = client.post(reverse("progress_report_detail", args=[pk]), {"title": "Anders"})
    assert response.status_code == 403
    assert ProgressReport.objects.get(pk=pk).title != "Anders"


def test_a_coordinator_edits_the_texts_of_a_draft(client, coordinator, plan, period, barrier):
    login(client, coordinator)
    pk = _create(client, period).json()["id"]
    data = {"title": "Voortgangsrapport najaar 2026", "introduction": "Inleiding <b>vet</b>", "conclusion": "",
            "communication": "Mededeling aan de Vlaamse Regering", "vr_reference": "VR 2026 1212 MED.0456",
            "vr_date": "2026-12-12", f"chapter_{barrier.pk}_introduction": "Over mobiliteit.",
            f"chapter_{barrier.pk}_conclusion": ""}
    response = client.post(reverse("progress_report_detail", args=[pk]), data)
    assert response.status_code == 302
    page = client.get(reverse("progress_report_detail", args=[pk])).content.decode()
    assert "Over mobiliteit." in page and "Inleiding &lt;b&gt;vet&lt;/b&gt;" in page
    assert "VR 2026 1212 MED.0456" in page


@pytest.mark.parametrize("data,field", [({"as_of": "2027-01-01"}, "as_of"), ({"period": 999999}, "period"),
                                        ({"as_of": "2026-02-01"}, "as_of"), ({"as_of": "gisteren"}, "as_of")])
def test_it_refuses_bad_input(client, coordinator, plan, period, data, field):
    login(client, coordinator)
    response = client.post(API, {"period": period.pk, **data}, content_type="application/json")
    assert response.status_code == 400 and field in response.json()


def test_cabinets_read_approved_reports_only(client, coordinator, cabinet, plan, period):
    login(client, coordinator)
    draft = _create(client, period).json()["id"]
    other = ReportingPeriod.objects.get(name="2026 – eerste semester")
    approved = _create(client, other, "2026-06-30").json()["id"]
    client.post(f"{API}{approved}/approve/")
    login(client, cabinet)
    assert [r["id"] for r in client.get(API).json()["results"]] == [approved]
    assert client.get(f"{API}{draft}/").status_code == 404
    assert client.get(f"{API}{draft}/export.pdf").status_code == 404
    assert _create(client, period).status_code == 403
    assert client.post(f"{API}{approved}/approve/").status_code == 403
    assert client.get(reverse("progress_report_list")).status_code == 200


@pytest.mark.parametrize("role", ["domain_contact", "member", "chair"])
def test_others_may_not_read_progress_reports(client, users, role, plan, period, coordinator):
    login(client, coordinator)
    pk = _create(client, period).json()["id"]
    login(client, users[role])
    assert client.get(API).status_code == 403
    assert client.get(reverse("progress_report_list")).status_code == 403
    assert client.get(reverse("progress_report_pdf", args=[pk])).status_code == 403


def test_the_summary_counts_come_from_the_headline():
    headline = {"actions": 19, "overdue_updates": 0,
                "by_progress": [{"key": "on_track", "count": 8}, {"key": "at_risk", "count": 5},
                                {"key": "delayed", "count": 3}, {"key": "blocked", "count": 2},
                                {"key": "none", "count": 1}],
                "by_status": [{"key": "completed", "count": 0}]}
    text = summary_text(headline, since=date(2026, 10, 1), completed_since=2)
    assert text.startswith("Van de 19 acties in het actieplan zijn er 8 op schema, 5 met een aandachtspunt, "
                           "3 vertraagd en 2 geblokkeerd.")
    assert "Sinds 1 oktober 2026 werden 2 acties gerealiseerd." in text


def test_only_common_docx_starts_a_word_document():
    """Every DOCX (the plan's, the progress report's) starts from common/docx.py: A4 and nl-BE."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = [str(p.relative_to(root)) for p in root.rglob("*.py")
                 if ".venv" not in p.parts and "tests" not in p.parts and p.name != "docx.py"
                 and "Document()" in p.read_text(encoding="utf-8", errors="ignore")]
    assert offenders == []


def test_the_docx_shows_each_chart_as_an_image_with_its_text_alternative_and_table(client, coordinator, plan,
                                                                                    period):
    from docx import Document
    from docx.oxml.ns import qn
    from PIL import Image

    from reporting import content

    login(client, coordinator)
    pk = _create(client, period).json()["id"]
    document = Document(io.BytesIO(client.get(f"{API}{pk}/export.docx").content))
    doc = content.document(ProgressReport.objects.get(pk=pk))
    charts = list(doc["charts"].values()) + [item["chart"] for item in doc["indicators"]]
    shapes = document.inline_shapes
    assert len(shapes) == len(charts) >= 2
    described = [shape._inline.docPr.get("descr") for shape in shapes]
    assert described == [chart.desc for chart in charts] and all(described)
    # the progress chart: a bar in the colour of each progress state the plan has (5 actions, 4 states)
    blip = shapes[0]._inline.graphic.graphicData.pic.blipFill.blip
    image = Image.open(io.BytesIO(document.part.related_parts[blip.get(qn("r:embed"))].blob)).convert("RGB")
    assert image.size == (charts[0].width * 2, charts[0].height * 2)
    colours = {colour for _count, colour in image.getcolors(maxcolors=1 << 20)}
    for state in ("on_track", "at_risk", "delayed", "blocked"):
        hex_colour = PROGRESS_SERIES[state][0]
        assert tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)) in colours, state
    # the table behind the chart still follows it
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert charts[0].title in captions
