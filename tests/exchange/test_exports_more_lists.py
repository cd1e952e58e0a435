"""?format=csv / ?format=xlsx on the monitoring and plan API lists export what is filtered."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest

from actieplan.models import Plan
from monitoring.models import Indicator

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicators(db):
    Indicator.objects.create(name="Werkzaamheidsgraad 20-64", slug="werkzaamheidsgraad", unit="percent",
                             source="Tabel 1", baseline_value=Decimal("76.9"), baseline_year=2024)
    Indicator.objects.create(name="NEET-ratio 15-29", slug="neet", unit="percent",
                             source="drempel onderwijs", baseline_value=Decimal("7.3"), baseline_year=2024)


def test_indicators_export_as_csv_with_bom(client, member, indicators):
    client.force_login(member)
    response = client.get("/api/v1/indicators/?format=csv")
    assert response.status_code == 200
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    names = {row[rows[0].index("Naam")] for row in rows[1:]}  # for people: ';' and Dutch headers
    assert names == {"Werkzaamheidsgraad 20-64", "NEET-ratio 15-29"}
    machine = client.get("/api/v1/indicators/?format=csv&dialect=machine")
    rows = list(csv.reader(io.StringIO(machine.content.decode("utf-8-sig"))))
    assert {row[rows[0].index("name")] for row in rows[1:]} == names
    assert {row[rows[0].index("baseline_value")] for row in rows[1:]} >= {"7.30"}  # a decimal point
    assert client.get("/api/v1/indicators/?format=csv&dialect=excel").status_code == 400


def test_plans_export_as_xlsx(client, coordinator):
    Plan.objects.create(title="Overkoepelend actieplan drempels naar werk")
    client.force_login(coordinator)
    response = client.get("/api/v1/plans/?format=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "Overkoepelend actieplan drempels naar werk" in values


def test_status_updates_export_needs_login(client):
    assert client.get("/api/v1/status-updates/?format=csv").status_code in (401, 403)


@pytest.mark.parametrize("url, name", [
    ("/indicatoren/?format=csv", "Werkzaamheidsgraad 20-64"),
])
def test_indicator_page_exports_csv(client, member, indicators, url, name):
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert name in response.content.decode("utf-8-sig")


def test_reminders_page_exports_only_own_rows(client, member, coordinator):
    from monitoring.models import SentReminder

    SentReminder.objects.create(recipient=member, kind="status_due", item_type="action", item_id=1,
                                period="p1", reason="Stand van zaken voor MOB-01 verwacht")
    SentReminder.objects.create(recipient=coordinator, kind="coordinator_digest", item_type="week", item_id=1,
                                period="2026-W48", reason="Weekoverzicht")
    client.force_login(member)
    text = client.get("/herinneringen/?format=csv").content.decode("utf-8-sig")
    assert "MOB-01" in text and "Weekoverzicht" not in text


def test_progress_list_exports_for_coordinators(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/voortgang/acties/?format=xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
