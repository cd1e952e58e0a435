"""End to end in headless Chromium: a chair downloads the template, uploads a file, reads the
preview with its errors, uploads a corrected file, confirms, and sees the result; the progress
page of a background import refreshes itself. Every page is scanned with axe-core."""

import io
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from openpyxl import load_workbook
from playwright.sync_api import expect

from actieplan.models import Action, ImportJob, ImportStatus
from tests import factories as f
from tests.importing import XLSX, media_root, xlsx_bytes  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("media_root")]

SERIOUS = {"serious", "critical"}


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "nl-BE", "accept_downloads": True}


def assert_accessible(page, name):
    violations = Axe().run(page).response["violations"]
    serious = [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
        if v.get("impact") in SERIOUS
    ]
    assert not serious, f"axe violations on {name} ({page.url}):\n" + "\n".join(serious)


@pytest.fixture
def world(transactional_db):
    barrier = f.barrier(name="Mobiliteit", slug="mobiliteit")
    f.barrier(name="Zorgtaken", slug="zorgtaken")
    f.target_group(name="Kortgeschoolden 25-64", slug="kortgeschoolden")
    f.policy_domain(name="Mobiliteit en Openbare Werken", abbreviation="MOW")
    group = f.working_group(name="Werkgroep Mobiliteit", code_prefix="MOB")
    group.barriers.set([barrier])
    chair = f.user("voorzitter", first_name="Vera", last_name="Voorzitter")
    f.membership(chair, group, role="chair")
    f.action(working_group=group, code="MOB-01", title="Jobbus", description="Een bus.",
             intended_result="", primary_barrier=barrier)
    return {"group": group, "chair": chair}


def log_in(page, live_server):
    page.goto(live_server.url + reverse("login"))
    page.get_by_label("Gebruikersnaam").fill("voorzitter")
    page.get_by_label("Wachtwoord").fill(f.PASSWORD)
    page.get_by_role("button", name="Aanmelden").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")


def choose_file(page, content: bytes):
    page.get_by_label("Excel-bestand (.xlsx)").set_input_files(
        files=[{"name": "acties.xlsx", "mimeType": XLSX, "buffer": content}]
    )


def test_chair_previews_fixes_and_confirms_an_import(page, live_server, world):
    page.set_default_timeout(10_000)
    log_in(page, live_server)
    page.goto(live_server.url + reverse("import_start"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Acties inlezen uit Excel")
    assert_accessible(page, "import start")

    # The template with the group's current actions downloads as a real workbook.
    with page.expect_download() as download:
        page.get_by_role("link", name="Sjabloon met de huidige acties van Werkgroep Mobiliteit (.xlsx)").click()
    assert download.value.suggested_filename.startswith("acties-mob-")
    workbook = load_workbook(io.BytesIO(open(download.value.path(), "rb").read()))
    assert workbook["Acties"]["A2"].value == "MOB-01"

    # A file with a good row, an update and two bad rows: the preview shows every error.
    rows = [
        {"title": "Pendelbus naar het bedrijventerrein", "description": "Bus", "primary_barrier": "Mobiliteit"},
        {"code": "MOB-01", "title": "Jobbus voor ploegenwerk", "description": "Een bus.", "primary_barrier": "Mobiliteit"},
        {"title": "Zonder drempel", "description": "x"},
        {"title": "Verkeerde drempel", "description": "x", "primary_barrier": "Bestaat niet", "level": "Europees"},
    ]
    choose_file(page, xlsx_bytes(rows))
    page.get_by_role("button", name="Opladen en controleren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import van acties.xlsx")
    expect(page.get_by_role("heading", name="3 fouten in het bestand")).to_be_visible()
    errors = page.get_by_role("table", name="Fouten per rij en kolom")
    expect(errors.get_by_role("row").filter(has_text="Dit veld is verplicht.")).to_contain_text("Drempel")
    expect(errors.get_by_role("row").filter(has_text="Bestaat niet")).to_contain_text("5")
    expect(errors.get_by_role("row").filter(has_text="Europees")).to_contain_text("Niveau")
    preview = page.get_by_role("table", name="Rijen in het bestand")
    expect(preview.get_by_role("row").filter(has_text="Pendelbus")).to_contain_text("nieuw")
    expect(preview.get_by_role("row").filter(has_text="Jobbus voor ploegenwerk")).to_contain_text("wijzigt")
    expect(page.get_by_role("link", name="Doorgaan naar inlezen")).to_have_count(0)
    assert_accessible(page, "import preview with errors")
    assert Action.objects.count() == 1

    # The corrected file can be confirmed, after a confirmation step.
    page.goto(live_server.url + reverse("import_start"))
    choose_file(page, xlsx_bytes(rows[:2]))
    page.get_by_role("button", name="Opladen en controleren").click()
    expect(page.get_by_text("1 nieuwe actie", exact=True)).to_be_visible()
    expect(page.get_by_text("1 bestaande actie wijzigt")).to_be_visible()
    assert_accessible(page, "import preview")
    page.get_by_role("link", name="Doorgaan naar inlezen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inlezen bevestigen")
    assert_accessible(page, "import confirm")
    assert Action.objects.count() == 1
    page.get_by_role("button", name="Ja, inlezen").click()
    expect(page.get_by_text("Ingelezen: 1 nieuwe en 1 gewijzigde acties.")).to_be_visible()
    assert_accessible(page, "import done")
    assert Action.objects.get(code="MOB-01").title == "Jobbus voor ploegenwerk"
    assert Action.objects.get(code="MOB-02").title == "Pendelbus naar het bedrijventerrein"


def test_the_progress_page_refreshes_itself_until_the_preview_is_ready(page, live_server, world):
    page.set_default_timeout(10_000)
    job = ImportJob.objects.create(
        created_by=world["chair"], working_group=world["group"], filename="groot.xlsx", file="imports/x.xlsx",
        status=ImportStatus.VALIDATING, progress=40, total_rows=5000,
    )
    log_in(page, live_server)
    page.goto(live_server.url + reverse("import_detail", args=[job.pk]))
    expect(page.get_by_label("Voortgang")).to_have_attribute("value", "40")
    assert_accessible(page, "import progress")
    ImportJob.objects.filter(pk=job.pk).update(progress=80)
    expect(page.get_by_text(re.compile("wordt gecontroleerd: 80%"))).to_be_visible()
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportStatus.PREVIEW, progress=100,
        preview=[{"row": 2, "operation": "create", "code": "", "title": "Uit de achtergrond", "action_id": None,
                  "changes": []}],
    )
    expect(page.get_by_role("heading", name="Voorbeeld")).to_be_visible()
    expect(page.get_by_text("Uit de achtergrond")).to_be_visible()
