"""Exports of the plan (PDF, DOCX, XLSX, CSV), opened and read back."""

import csv
import io
import re
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from actieplan.plan import services as svc
from actieplan.models import Action, PlanItem
from actieplan.actions.services import action_update
from tests import factories as f
from tests.conftest import login
from tests.plan_factories import make_plan, retained_action


def export_url(plan, fmt, version=None):
    url = reverse("api:plan-export", kwargs={"id": plan.pk, "fmt": fmt})
    return f"{url}?version={version}" if version else url


@pytest.fixture
def plan(coordinator, group, other_group, barrier, other_barrier, domain, other_domain, target_group):
    a1 = retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-10",
                         partner_domains=[other_domain], title="Jobbus naar bedrijventerreinen",
                         target_groups=[target_group], intended_result="500 extra werkzoekenden bereikt.")
    a2 = retained_action(working_group=other_group, primary_barrier=other_barrier, lead_domain=other_domain,
                         code="ZORG-10", title="Flexibele kinderopvang voor ploegenwerk",
                         budget_estimate=Decimal("1250000.50"), planned_start=date(2027, 1, 1), planned_end=date(2028, 3, 31))
    plan = make_plan(coordinator, [a1, a2])
    svc.plan_update(plan=plan, user=coordinator, title=plan.title,
                    introduction="<p>Vlaanderen wil een <strong>werkzaamheidsgraad van 80%</strong>.</p>",
                    conclusion="<p>Het besluit.</p>")
    svc.plan_consult(plan=plan, user=coordinator)
    svc.plan_finalise(plan=plan, user=coordinator, vr_reference="VR 2026 0307 MED.0123/1",
                      vr_date=date(2026, 7, 3), override_reason="Nog niet alle domeinen ondertekenden.")
    # a change after final: the live plan is version 2 (draft)
    a1 = Action.objects.get(pk=a1.pk)
    action_update(action=a1, user=coordinator, data={"title": "Jobbus en deelfietsen"}, m2m={},
                  expected_version=a1.version)
    return plan


def pdf_text(content: bytes) -> list[str]:
    """The text of each page, with line breaks and runs of spaces as one space."""
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages]


class TestPdf:
    def test_the_frozen_version_is_a_formal_document(self, client, cabinet, plan):
        response = login(client, cabinet).get(export_url(plan, "pdf", 1))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            'attachment; filename="overkoepelend-actieplan-drempels-naar-werk-versie-1.pdf"')
        pages = pdf_text(response.content)
        title_page, toc = pages[0], pages[1]
        assert "Overkoepelend actieplan drempels naar werk" in title_page
        assert "Versie 1" in title_page and "VR 2026 0307 MED.0123/1" in title_page
        assert "Pagina" not in title_page  # no footer on the title page
        # table of contents with page numbers
        assert "Inhoud" in toc
        assert re.search(r"1\. Mobiliteit\s*\.*\s*\d+", toc), toc
        assert re.search(r"Tijdlijn\s*\.*\s*\d+", toc)
        body = "\n".join(pages)
        assert "werkzaamheidsgraad van 80%" in body
        assert "MOB-10 Jobbus naar bedrijventerreinen" in body  # the frozen title, not the later edit
        assert "Jobbus en deelfietsen" not in body
        assert "500 extra werkzoekenden bereikt." in body and "Kortgeschoolden 25-64" in body
        assert "Startvergadering met de partners" in body
        assert "Bijlage: verantwoordelijkheden per beleidsdomein" in body
        assert "2026 K4" in body and "2028 K1" in body  # timeline quarters
        # footer with version, reference, date and page numbers on every other page
        for number, text in enumerate(pages[1:], 2):
            assert f"Pagina {number} van {len(pages)}" in text
            assert "Versie 1 · VR 2026 0307 MED.0123/1 · 03/07/2026" in text

    def test_the_current_draft_is_exported_as_the_next_version(self, client, coordinator, plan):
        response = login(client, coordinator).get(export_url(plan, "pdf"))
        assert response["Content-Disposition"].endswith('versie-2-ontwerp.pdf"')
        body = "\n".join(pdf_text(response.content))
        assert "Versie 2 (ontwerp)" in body and "Jobbus en deelfietsen" in body


class TestDocx:
    def test_it_has_the_same_structure(self, client, member, plan):
        response = login(client, member).get(export_url(plan, "docx", 1))
        assert response.status_code == 200
        assert response["Content-Type"] == (
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        assert response["Content-Disposition"].endswith('versie-1.docx"')
        document = Document(io.BytesIO(response.content))
        headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
        assert headings[0] == "Overkoepelend actieplan drempels naar werk"
        assert {"Inhoud", "Inleiding", "1. Mobiliteit", "2. Zorgtaken", "Tijdlijn",
                "Bijlage: verantwoordelijkheden per beleidsdomein", "Besluit"} <= set(headings)
        assert "MOB-10 Jobbus naar bedrijventerreinen" in headings
        text = "\n".join(p.text for p in document.paragraphs)
        assert "Versie 1" in text and "VR 2026 0307 MED.0123/1" in text
        assert "werkzaamheidsgraad van 80%" in text
        facts = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
        assert facts["Trekker"] == "Mobiliteit en Openbare Werken"
        assert facts["Partners"] == "Onderwijs en Vorming"
        assert "Startvergadering met de partners" in facts["Mijlpalen"]
        footer = document.sections[0].footer.paragraphs[0]
        assert "Versie 1" in footer.text and "03/07/2026" in footer.text
        assert "PAGE" in footer._p.xml


class TestSpreadsheets:
    def test_xlsx_has_a_row_per_action_and_a_sheet_per_domain(self, client, domain_contact, plan):
        response = login(client, domain_contact).get(export_url(plan, "xlsx", 1))
        assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        assert response["Content-Disposition"].endswith('versie-1.xlsx"')
        wb = load_workbook(io.BytesIO(response.content))
        assert wb.sheetnames == ["Acties", "Info", "MOW", "OV"]
        rows = list(wb["Acties"].values)
        assert rows[0][:4] == ("Code", "Titel", "Hoofdstuk", "Beschrijving")
        assert [r[0] for r in rows[1:]] == ["MOB-10", "ZORG-10"]
        record = dict(zip(rows[0], rows[1]))
        assert record["Trekker (beleidsdomein)"] == "Mobiliteit en Openbare Werken"
        assert record["Status"] == "opgenomen in actieplan"
        # dates and amounts are typed cells a spreadsheet can sort, filter and add up
        sheet = wb["Acties"]
        column = {name: index for index, name in enumerate(rows[0], start=1)}
        start = sheet.cell(row=2, column=column["Geplande start"])
        assert start.value == datetime(2026, 9, 1) and start.is_date and start.number_format == "dd/mm/yyyy"
        estimate = sheet.cell(row=3, column=column["Raming (euro)"])
        assert estimate.value == 1250000.5 and estimate.data_type == "n" and estimate.number_format == "#,##0.00"
        assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
        ov = list(wb["OV"].values)
        assert [(r[0], r[1]) for r in ov[1:]] == [("partner", "MOB-10"), ("trekker", "ZORG-10")]

    def test_csv_has_the_same_rows_with_a_bom(self, client, cabinet, plan):
        response = login(client, cabinet).get(export_url(plan, "csv", 1))
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        assert response["Content-Disposition"].endswith('versie-1.csv"')
        assert response.content.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        xlsx = load_workbook(io.BytesIO(login(client, cabinet).get(export_url(plan, "xlsx", 1)).content))
        assert [r[:2] for r in rows] == [[c or "" for c in r[:2]] for r in xlsx["Acties"].values]
        record = dict(zip(rows[0], rows[2]))
        # Belgian spreadsheet conventions: dd/mm/yyyy and a decimal comma, no thousands separator or euro sign
        assert record["Geplande start"] == "01/01/2027" and record["Gepland einde"] == "31/03/2028"
        assert record["Raming (euro)"] == "1250000,50"

    def test_a_frozen_export_is_reproduced_exactly(self, client, coordinator, plan):
        first = login(client, coordinator).get(export_url(plan, "csv", 1)).content
        a = Action.objects.get(code="ZORG-10")
        action_update(action=a, user=coordinator, data={"title": "Nog een wijziging"}, m2m={}, expected_version=a.version)
        PlanItem.objects.filter(action=a).delete()
        assert client.get(export_url(plan, "csv", 1)).content == first


class TestAccessAndInput:
    @pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "csv"])
    def test_anonymous_gets_401(self, client, plan, fmt):
        assert client.get(export_url(plan, fmt)).status_code == 401

    def test_unknown_plan_or_version_is_404(self, client, coordinator, plan):
        login(client, coordinator)
        assert client.get(reverse("api:plan-export", kwargs={"id": 999999, "fmt": "csv"})).status_code == 404
        assert client.get(export_url(plan, "csv", 7)).status_code == 404
        assert client.get(export_url(plan, "csv") + "?version=abc").status_code == 400

    def test_an_unknown_format_is_404(self, client, coordinator, plan):
        login(client, coordinator)
        assert client.get(f"/api/v1/plans/{plan.pk}/export.exe").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "docx", "pdf"])
def test_export_queries_do_not_grow_with_actions(client, coordinator, group, barrier, domain, other_domain,
                                                 target_group, django_assert_num_queries, fmt):
    small = make_plan(coordinator, [retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain,
                                                    partner_domains=[other_domain], target_groups=[target_group])],
                      title="Klein")
    org = f.organisation()
    big_actions = [
        retained_action(working_group=group, primary_barrier=barrier, lead_domain=domain, partner_domains=[other_domain],
                        target_groups=[target_group], partner_organisations=[org])
        for _ in range(50)
    ]
    big = make_plan(coordinator, big_actions, title="Groot")
    login(client, coordinator)
    client.get(reverse("plan_list"))  # warm up the session
    # Queries: session, user, plan, latest version, chapters, items (+ action, barrier, group, domains),
    # five many-to-many lists, milestones, assignments, sign-offs; the reader's answer scope (profile,
    # memberships, domains) for the redaction of domain answers.
    with django_assert_num_queries(17):
        assert client.get(export_url(small, fmt)).status_code == 200
    with django_assert_num_queries(17):
        assert client.get(export_url(big, fmt)).status_code == 200
