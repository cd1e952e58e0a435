"""The exports as office software reads them (issue 17): LibreOffice, headless, in a Belgian (nl-BE) locale.

Every kind of export the application writes for people is downloaded from the demo installation and
opened by LibreOffice, as a user in the Flemish administration would open it:

* the spreadsheets (plan XLSX, action list XLSX, dashboard XLSX) and the CSV files (plan CSV, API
  action list CSV, opened with the ``;`` separator, UTF-8 and the nl-BE language that a Belgian
  spreadsheet uses) are converted to OpenDocument: the cell types LibreOffice gives them show that
  dates arrive as dates and amounts as numbers, not as text that looks like one;
* the plan XLSX is converted to CSV "as shown" in nl-BE: a date reads 01/09/2026, an amount
  1.250.000,50;
* the DOCX files (plan, meeting agenda) are converted to PDF: A4 pages, and the accents and the euro
  sign of the texts survive.

LibreOffice comes from Debian (``libreoffice-calc-nogui``, ``libreoffice-writer-nogui``), installed by
``.ci/run``; without it these tests are skipped, except in CI, where they must run.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader

from actieplan.models import Action, Plan
from governance.models import Meeting

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
if SOFFICE is None and os.environ.get("CI") != "true":
    pytest.skip("LibreOffice is not installed (apt-get install libreoffice-calc-nogui libreoffice-writer-nogui)",
                allow_module_level=True)

pytestmark = pytest.mark.django_db

# What a user typed: accents, a euro sign, a dash and a quote, as in the administration's texts.
TITLE = "Één loket – premie € 1.250,50 voor coördinatie van ‘naïeve’ zorg"
PLACE = "Hôtel d’Ursel, zaal Ève – huur € 450,00"
ESTIMATE = Decimal("1250000.50")
START, END = date(2027, 9, 1), date(2028, 6, 30)
# A Belgian spreadsheet opens a CSV as: separator ;, text delimiter ", UTF-8 (76), from line 1,
# standard cell format, language nl-BE (2067).
CSV_IMPORT_NL_BE = "59,34,76,1,,2067"
NS = {
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
}


# --------------------------------------------------------------------------- LibreOffice
def soffice(profile: Path, outdir: Path, convert_to: str, files: list[Path], infilter: str | None = None) -> None:
    """Convert ``files`` with LibreOffice headless, in the nl-BE locale, into ``outdir``."""
    assert SOFFICE, "LibreOffice is not installed: .ci/run installs libreoffice-calc-nogui and -writer-nogui"
    command = [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", convert_to, "--outdir", str(outdir), *map(str, files)]
    env = {**os.environ, "LC_ALL": "nl_BE.UTF-8", "LANG": "nl_BE.UTF-8", "HOME": str(profile)}
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=300)
    for file in files:
        target = outdir / f"{file.stem}.{convert_to.split(':')[0]}"
        assert target.exists(), f"LibreOffice did not convert {file.name}"


def ods_sheets(path: Path) -> dict[str, list[list[tuple[str, str, str]]]]:
    """Every sheet of an OpenDocument spreadsheet: rows of cells (value type, value, shown text)."""
    with zipfile.ZipFile(path) as archive:
        root = ElementTree.fromstring(archive.read("content.xml"))
    sheets = {}
    for table in root.iter(f"{{{NS['table']}}}table"):
        rows = []
        for row in table.iter(f"{{{NS['table']}}}table-row"):
            cells = []
            for cell in row:
                kind = cell.get(f"{{{NS['office']}}}value-type", "")
                value = (cell.get(f"{{{NS['office']}}}date-value") or cell.get(f"{{{NS['office']}}}value")
                         or "")
                shown = "\n".join("".join(p.itertext()) for p in cell.iter(f"{{{NS['text']}}}p"))
                repeat = int(cell.get(f"{{{NS['table']}}}number-columns-repeated", "1"))
                cells.extend([(kind, value, shown)] * min(repeat, 50))
            rows.append(cells)
        sheets[table.get(f"{{{NS['table']}}}name")] = rows
    return sheets


def record(rows, title_column: str, title: str) -> dict[str, tuple[str, str, str]]:
    """The row whose ``title_column`` shows ``title``, as header → cell."""
    header = [shown for _kind, _value, shown in rows[0]]
    index = header.index(title_column)
    for row in rows[1:]:
        if len(row) > index and row[index][2] == title:
            return dict(zip(header, row))
    raise AssertionError(f"no row with {title!r} in {title_column!r}: {[r[:3] for r in rows[:5]]}")


# --------------------------------------------------------------------------- the exports
@pytest.fixture(scope="module")
def exports(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo installation's exports, with an action whose text, dates and estimate are known."""
    from django.test import Client

    from actieplan.seed import demo_alignment, demo_plan
    from actieplan.seed.demo import load_demo
    from governance import demo as governance_demo
    from monitoring import demo as monitoring_demo

    folder = tmp_path_factory.mktemp("exports")
    # No data cache: the writes below are rolled back, so nothing they computed may stay cached.
    with django_db_blocker.unblock(), override_settings(DATACACHE_ENABLED=False), transaction.atomic():
        load_demo()
        demo_alignment.load()
        demo_plan.load()
        monitoring_demo.load()
        governance_demo.load()
        plan = Plan.objects.order_by("pk").first()
        action = Action.objects.filter(plan_items__chapter__plan=plan).order_by("code").first()
        Action.objects.filter(pk=action.pk).update(title=TITLE, budget_estimate=ESTIMATE, planned_start=START,
                                                   planned_end=END)
        meeting = Meeting.objects.order_by("date", "pk").first()
        Meeting.objects.filter(pk=meeting.pk).update(location=PLACE)
        client = Client()
        client.force_login(get_user_model().objects.get(username="coordinator"))
        downloads = {
            "plan.xlsx": reverse("api:plan-export", kwargs={"id": plan.pk, "fmt": "xlsx"}),
            "plan-csv.csv": reverse("api:plan-export", kwargs={"id": plan.pk, "fmt": "csv"}),
            "plan.docx": reverse("api:plan-export", kwargs={"id": plan.pk, "fmt": "docx"}),
            "acties.xlsx": "/acties/?format=xlsx",
            "api-acties.csv": "/api/v1/actions/?format=csv",
            "dashboard.xlsx": reverse("dashboard_xlsx"),
            "agenda.docx": reverse("governance_meeting_agenda_docx",
                                   kwargs={"pk": meeting.pk}),
        }
        for name, url in downloads.items():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            (folder / name).write_bytes(response.getvalue() if not response.streaming
                                        else b"".join(response.streaming_content))
        code = action.code
        transaction.set_rollback(True)
    profile = tmp_path_factory.mktemp("libreoffice-profile")
    return {"folder": folder, "profile": profile, "code": code}


@pytest.fixture(scope="module")
def opened(exports, tmp_path_factory):
    """The spreadsheets and CSV files as LibreOffice opened them (OpenDocument), the DOCX files as PDF."""
    folder, profile = exports["folder"], exports["profile"]
    out = tmp_path_factory.mktemp("opened")
    soffice(profile, out, "ods", [folder / "plan.xlsx", folder / "acties.xlsx", folder / "dashboard.xlsx"])
    soffice(profile, out, "ods", [folder / "plan-csv.csv", folder / "api-acties.csv"],
            infilter=f"Text - txt - csv (StarCalc):{CSV_IMPORT_NL_BE}")
    soffice(profile, out, "pdf", [folder / "plan.docx", folder / "agenda.docx"])
    return out


def test_the_plan_xlsx_has_dates_amounts_and_text_as_libreoffice_reads_them(opened):
    sheets = ods_sheets(opened / "plan.ods")
    row = record(sheets["Acties"], "Titel", TITLE)  # accents, € and quotes survive
    assert row["Geplande start"][0] == "date" and row["Geplande start"][1].startswith("2027-09-01")
    assert row["Geplande start"][2] == "01/09/2027"
    assert row["Gepland einde"][0] == "date" and row["Gepland einde"][1].startswith("2028-06-30")
    assert row["Raming (euro)"][:2] == ("float", "1250000.5")
    assert row["Raming (euro)"][2] == "1.250.000,50"  # the nl-BE thousands point and decimal comma


def test_the_csv_files_open_in_a_belgian_spreadsheet_as_columns_of_dates_and_numbers(opened, exports):
    plan = next(iter(ods_sheets(opened / "plan-csv.ods").values()))
    row = record(plan, "Titel", TITLE)
    assert row["Code"][2] == exports["code"]
    assert row["Geplande start"][0] == "date" and row["Geplande start"][1].startswith("2027-09-01")
    assert row["Raming (euro)"][:2] == ("float", "1250000.5")
    api = next(iter(ods_sheets(opened / "api-acties.ods").values()))
    header = [shown for _k, _v, shown in api[0]]
    assert len(header) > 5, header  # columns, not one column of text with semicolons in it
    row = record(api, header[[h.lower() for h in header].index("titel")], TITLE)
    start = next(cell for name, cell in row.items() if name.lower() == "geplande start")
    assert start[0] == "date" and start[1].startswith("2027-09-01")


def test_the_action_list_and_dashboard_xlsx_keep_their_types(opened):
    actions = ods_sheets(opened / "acties.ods")
    row = record(next(iter(actions.values())), "Titel", TITLE)
    assert row["ID"][0] == "float" and row["Trekker-ID"][0] in ("float", "")
    assert row["Geplande start"][0] == "date" and row["Geplande start"][1].startswith("2027-09-01")
    board = ods_sheets(opened / "dashboard.ods")
    overview = {cells[0][2]: cells[1] for cells in board["Overzicht"] if len(cells) > 1 and cells[0][2]}
    assert overview["Stand op"][0] == "date"
    assert overview["Acties"][0] == "float"
    indicators = board["Indicatoren"]
    header = [shown for _k, _v, shown in indicators[0]]
    values = [row[header.index("Laatste waarde")] for row in indicators[1:] if len(row) > len(header) // 2]
    assert values and all(kind == "float" for kind, _v, _s in values if _s)


def test_the_plan_as_xlsx_shown_as_csv_uses_belgian_dates_and_decimal_commas(exports, tmp_path):
    out = tmp_path / "csv"
    soffice(exports["profile"], out, "csv:Text - txt - csv (StarCalc):59,34,76,1,,2067,false,true,true",
            [exports["folder"] / "plan.xlsx"])
    rows = list(csv.reader(io.StringIO((out / "plan.csv").read_text("utf-8")), delimiter=";"))
    row = dict(zip(rows[0], next(r for r in rows if TITLE in r)))
    assert row["Geplande start"] == "01/09/2027" and row["Gepland einde"] == "30/06/2028"
    assert row["Raming (euro)"] == "1.250.000,50"


@pytest.mark.parametrize("name", ["plan", "agenda"])
def test_the_docx_exports_are_a4_and_keep_accents_and_the_euro_sign(opened, name):
    pdf = opened / f"{name}.pdf"
    reader = PdfReader(pdf)
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842), box  # A4, not US Letter (612 x 792)
    text = "\n".join(page.extract_text() for page in reader.pages)
    if name == "plan":
        assert " ".join(TITLE.split()) in " ".join(text.split())
        assert "01/09/2027 – 30/06/2028" in text  # Belgian dates
    else:
        assert "Agenda" in text
        assert f"Plaats: {PLACE}" in text
