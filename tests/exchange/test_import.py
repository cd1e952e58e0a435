"""Excel import: the template, the preview of a file with good and bad rows, confirm (all or
nothing) and the round trip export → import → no changes."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from actieplan.exchange import importer
from actieplan.models import Action, ImportStatus, Level, Status
from tests import factories as f
from tests.importing import HEADERS, media_root, row, upload, xlsx_bytes  # noqa: F401

pytestmark = pytest.mark.usefixtures("media_root")


@pytest.fixture
def world(group, barrier, other_barrier, target_group, domain, other_domain, chair):
    f.organisation(name="VDAB", abbreviation="VDAB")
    f.linked_plan(name="Actieplan Vlaanderen Werkt!")
    return group


def start(user, group, rows, **kw):
    return importer.import_start(user=user, upload=upload(xlsx_bytes(rows)), working_group=group, **kw)


def good_row(title="Vervoer op maat naar de werkplek", **kw):
    values = dict(title=title, description="Een busje van de gemeente naar het bedrijventerrein.",
                  primary_barrier="Mobiliteit")
    values.update(kw)
    return row(**values)


# --------------------------------------------------------------------------- template
def test_template_has_dutch_headers_instructions_and_dropdowns_from_reference_data(world, domain):
    workbook = load_workbook(io.BytesIO(importer.template_workbook()))
    assert workbook.sheetnames == ["Acties", "Lijsten", "Instructies"]
    sheet = workbook["Acties"]
    assert [c.value for c in sheet[1]] == HEADERS
    assert "Titel" in HEADERS and "Drempel" in HEADERS and "Budgettaire impact" in HEADERS
    assert workbook["Lijsten"].sheet_state == "hidden"
    lists = {col[0].value: [c.value for c in col[1:] if c.value] for col in workbook["Lijsten"].iter_cols()}
    assert lists["Drempels"] == ["Mobiliteit", "Zorgtaken"]
    assert lists["Beleidsdomeinen"] == [domain.name, "Onderwijs en Vorming"]
    assert lists["Doelgroepen"] == ["Kortgeschoolden 25-64"]
    assert lists["Niveaus"] == ["Vlaams", "lokaal", "federaal signaal"]
    assert "dienstverlening" in lists["Types instrument"]
    assert lists["Budgettaire impact"] == ["budgetneutraal", "binnen bestaande middelen", "extra middelen"]
    validations = {str(dv.sqref).split(":")[0]: dv for dv in sheet.data_validations.dataValidation}
    barrier_column = HEADERS.index("Drempel")
    barrier_dv = validations[f"{chr(ord('A') + barrier_column)}2"]
    assert barrier_dv.type == "list" and barrier_dv.formula1.startswith("Lijsten!$A$2")
    headers_with_lists = {HEADERS[ord(ref[0]) - ord("A")] for ref in validations}
    assert {"Drempel", "Doelgroepen", "Trekker (beleidsdomein)", "Niveau", "Type instrument",
            "Budgettaire impact"} <= headers_with_lists
    instructions = " ".join(str(c.value) for r in workbook["Instructies"].iter_rows() for c in r if c.value)
    assert "puntkomma" in instructions and "formules" in instructions


def test_template_download_page_and_api(client, world, chair):
    client.force_login(chair)
    response = client.get("/import/sjabloon.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert "attachment" in response["Content-Disposition"]
    assert load_workbook(io.BytesIO(response.content))["Acties"]["B1"].value == "Titel"
    api = APIClient()
    api.force_authenticate(chair)
    response = api.get("/api/v1/imports/template.xlsx")
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "Acties"


# --------------------------------------------------------------------------- preview
def test_preview_shows_creates_updates_and_every_error_with_row_and_column(world, chair, group, domain):
    existing = f.action(working_group=group, code="MOB-01", title="Oude titel", description="Beschrijving.",
                        primary_barrier=world.barriers.first())
    f.action(working_group=group, code="MOB-02", status=Status.SUBMITTED)
    before = Action.objects.count()
    rows = [
        good_row(),                                                                       # 2 create, code automatic
        good_row(code="MOB-01", title="Nieuwe titel", description="Beschrijving.",       # 3 update
                 intended_result=existing.intended_result),
        good_row(title=None),                                                             # 4 title missing
        good_row(primary_barrier="Onbekende drempel"),                                    # 5 unknown barrier
        good_row(planned_start="31/02/2027"),                                            # 6 no such date
        good_row(planned_start=date(2027, 6, 1), planned_end=date(2027, 1, 1)),          # 7 end before start
        good_row(code="MOB-01"),                                                          # 8 code twice
        good_row(title="=HYPERLINK(\"http://x\")"),                                       # 9 formula text
        good_row(level="Europees"),                                                       # 10 no such level
        good_row(code="mob-50", secondary_barriers="Zorgtaken; mobiliteit",              # 11 create with code
                 target_groups="Kortgeschoolden 25-64", lead_domain="MOW", level="lokaal",
                 budget_estimate="250.000,50", planned_start="01/01/2027"),
        {},                                                                               # 12 empty: skipped
        good_row(code="MOB-02", title="Wijziging"),                                       # 13 already submitted
        good_row(budget_estimate="veel", partner_domains="Onderwijs en Vorming; Justitie"),  # 14 two errors
    ]
    job = start(chair, group, rows)

    assert job.status == ImportStatus.PREVIEW
    operations = {entry["row"]: entry["operation"] for entry in job.preview}
    assert operations == {2: "create", 3: "update", 4: "error", 5: "error", 6: "error", 7: "error", 8: "error",
                          9: "error", 10: "error", 11: "create", 13: "error", 14: "error"}
    update = next(e for e in job.preview if e["row"] == 3)
    assert update["action_id"] == existing.pk and update["changes"] == ["Titel"]
    found = {(e["row"], e["column"]) for e in job.errors}
    assert found == {(4, "Titel"), (5, "Drempel"), (6, "Geplande start"), (7, "Geplande einde"), (8, "Code"),
                     (9, "Titel"), (10, "Niveau"), (13, "Code"), (14, "Raming (euro)"), (14, "Partnerdomeinen")}
    messages = {(e["row"], e["column"]): e["message"] for e in job.errors}
    assert messages[(4, "Titel")] == "Dit veld is verplicht."
    assert "Onbekende drempel" in messages[(5, "Drempel")] and "keuzelijst" in messages[(5, "Drempel")]
    assert "ook in rij 3" in messages[(8, "Code")]
    assert "Formules" in messages[(9, "Titel")]
    assert "Vlaams, lokaal, federaal signaal" in messages[(10, "Niveau")]
    assert "ingediend" in messages[(13, "Code")]
    assert "‘Justitie’" in messages[(14, "Partnerdomeinen")]
    # Nothing is written by a preview, and a file with errors cannot be confirmed.
    assert Action.objects.count() == before
    assert Action.objects.get(pk=existing.pk).title == "Oude titel"
    assert not importer.can_confirm(job)
    with pytest.raises(importer.ImportNotReady):
        importer.import_confirm(job=job, user=chair)
    assert Action.objects.count() == before


def test_missing_required_columns_are_reported_on_the_header_row(world, chair, group):
    content = xlsx_bytes([["Iets"]], headers=["Code", "Omschrijving"])
    job = importer.import_start(user=chair, upload=upload(content), working_group=group)
    assert {(e["row"], e["column"]) for e in job.errors} == {(1, "Titel"), (1, "Beschrijving"), (1, "Drempel")}
    assert "ontbreekt" in job.errors[0]["message"]


# --------------------------------------------------------------------------- confirm
def test_confirm_creates_and_updates_through_the_services_with_history(world, chair, group, domain):
    existing = f.action(working_group=group, code="MOB-01", title="Oude titel", primary_barrier=world.barriers.first())
    rows = [
        good_row(code="MOB-01", title="Nieuwe titel", description=existing.description,
                 intended_result=existing.intended_result),
        good_row(title="Kinderopvang op wisseluren", primary_barrier="Zorgtaken", secondary_barriers="Mobiliteit",
                 target_groups="Kortgeschoolden 25-64", lead_domain=domain.name, partner_organisations="VDAB",
                 linked_plans="Actieplan Vlaanderen Werkt!", level="lokaal", instrument_type="financiering",
                 budget_impact="extra middelen", budget_estimate=125000, planned_start=date(2027, 1, 1),
                 planned_end="2027-12-31"),
    ]
    job = start(chair, group, rows)
    assert importer.can_confirm(job)
    job = importer.import_confirm(job=job, user=chair)

    assert job.status == ImportStatus.DONE
    assert job.result["created"] == 1 and job.result["updated"] == 1
    existing.refresh_from_db()
    assert existing.title == "Nieuwe titel" and existing.version == 2
    assert existing.history.first().history_user == chair
    created = Action.objects.get(title="Kinderopvang op wisseluren")
    assert created.code == "MOB-02"  # the group's next code
    assert created.status == Status.DRAFT and created.working_group == group and created.created_by == chair
    assert created.primary_barrier.name == "Zorgtaken"
    assert [b.name for b in created.secondary_barriers.all()] == ["Mobiliteit"]
    assert created.lead_domain == domain and created.level == Level.LOCAL
    assert created.instrument_type == "funding" and created.budget_impact == "extra"
    assert created.budget_estimate == Decimal("125000.00")
    assert (created.planned_start, created.planned_end) == (date(2027, 1, 1), date(2027, 12, 31))
    assert [o.name for o in created.partner_organisations.all()] == ["VDAB"]
    assert created.history.count() == 1 and created.history.first().history_user == chair
    # A second confirmation does nothing.
    with pytest.raises(importer.ImportNotReady):
        importer.import_confirm(job=job, user=chair)
    assert Action.objects.filter(title="Kinderopvang op wisseluren").count() == 1


def test_all_or_nothing_when_the_last_row_fails_on_writing(world, chair, group, coordinator):
    rows = [good_row(code="MOB-10", title="Eén"), good_row(code="MOB-11", title="Twee"),
            good_row(code="MOB-12", title="Drie")]
    job = start(chair, group, rows)
    assert importer.can_confirm(job)
    # Between preview and confirmation somebody else takes the code of the last row.
    f.action(working_group=group, code="MOB-12", title="Intussen aangemaakt")
    before = Action.objects.count()

    job = importer.import_confirm(job=job, user=chair)

    assert job.status == ImportStatus.FAILED
    assert Action.objects.count() == before
    assert not Action.objects.filter(code__in=["MOB-10", "MOB-11"]).exists()
    assert job.errors[0]["row"] == 4 and job.errors[0]["column"] == "Code"
    assert job.errors[0]["message"].startswith("Niets ingelezen.") and "MOB-12" in job.errors[0]["message"]


def test_an_edit_made_after_the_preview_stops_the_whole_import(world, chair, member, group):
    target = f.action(working_group=group, code="MOB-01", title="Oud")
    job = start(chair, group, [good_row(title="Nieuw (1)"), good_row(code="MOB-01", title="Nieuw")])
    from actieplan.actions.services import action_update

    action_update(action=target, user=member, data={"title": "Lotte was sneller"}, m2m=None, expected_version=1)
    job = importer.import_confirm(job=job, user=chair)
    assert job.status == ImportStatus.FAILED
    assert "intussen gewijzigd" in job.errors[0]["message"]
    assert not Action.objects.filter(title="Nieuw (1)").exists()
    assert Action.objects.get(pk=target.pk).title == "Lotte was sneller"


# --------------------------------------------------------------------------- round trip
def test_round_trip_export_import_changes_nothing(world, chair, group, domain, other_domain, target_group):
    vdab = world.barriers.first()
    a = f.action(working_group=group, code="MOB-01", title="=Een titel met een gelijkteken?",
                 description="Regel één\nRegel twee", intended_result="", primary_barrier=vdab,
                 secondary_barriers=[f.barrier(name="Integratie & taal", slug="integratie")],
                 target_groups=[target_group], lead_domain=domain, partner_domains=[other_domain],
                 level=Level.FEDERAL_SIGNAL, instrument_type="regulation", budget_impact="existing",
                 budget_estimate=Decimal("99999.99"), planned_start=date(2027, 1, 1), planned_end=date(2027, 6, 30))
    b = f.action(working_group=group, code="MOB-02", title="Tweede actie", primary_barrier=vdab)
    versions = {a.pk: a.version, b.pk: b.version}
    history = {a.pk: a.history.count(), b.pk: b.history.count()}

    exported = importer.template_workbook(actions=Action.objects.filter(working_group=group).order_by("code"))
    # The exported title starting with "=" is stored as text, not as a formula ...
    cell = load_workbook(io.BytesIO(exported))["Acties"]["B2"]
    assert cell.data_type == "s"
    # ... but the import refuses any value starting with "=": only the second row is clean.
    job = importer.import_start(user=chair, upload=upload(exported), working_group=group)
    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "Titel")]

    Action.objects.filter(pk=a.pk).update(title="Een titel zonder gelijkteken")
    exported = importer.template_workbook(actions=Action.objects.filter(working_group=group).order_by("code"))
    job = importer.import_start(user=chair, upload=upload(exported), working_group=group)
    assert job.errors == []
    assert [(e["row"], e["operation"]) for e in job.preview] == [(2, "unchanged"), (3, "unchanged")]
    assert not importer.can_confirm(job)
    for action in Action.objects.filter(pk__in=versions):
        assert action.version == versions[action.pk]
        assert action.history.count() == history[action.pk]


def test_round_trip_with_one_edit_updates_only_that_action(world, chair, group):
    f.action(working_group=group, code="MOB-01", title="Eerste", primary_barrier=world.barriers.first())
    f.action(working_group=group, code="MOB-02", title="Tweede", primary_barrier=world.barriers.first())
    workbook = load_workbook(io.BytesIO(importer.template_workbook(
        actions=Action.objects.filter(working_group=group).order_by("code"))))
    workbook["Acties"]["B3"] = "Tweede, scherper geformuleerd"
    out = io.BytesIO()
    workbook.save(out)
    job = importer.import_start(user=chair, upload=upload(out.getvalue()), working_group=group)
    assert [(e["code"], e["operation"], e["changes"]) for e in job.preview] == [
        ("MOB-01", "unchanged", []), ("MOB-02", "update", ["Titel"])]
    job = importer.import_confirm(job=job, user=chair)
    assert job.result["updated"] == 1 and job.result["unchanged"] == 1
    assert Action.objects.get(code="MOB-02").title == "Tweede, scherper geformuleerd"
    assert Action.objects.get(code="MOB-01").version == 1


def test_a_coordinator_imports_as_a_domains_proposals(world, coordinator, domain):
    job = importer.import_start(user=coordinator, upload=upload(xlsx_bytes([good_row()])), proposing_domain=domain)
    job = importer.import_confirm(job=job, user=coordinator)
    action = Action.objects.get(title="Vervoer op maat naar de werkplek")
    assert action.working_group is None and action.proposing_domain == domain and action.code == "MOW-01"
