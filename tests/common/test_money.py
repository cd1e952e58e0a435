"""One Belgian money format everywhere, cents kept (issue 16, defect 6)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from actieplan.plan import selectors as sel
from common.money import format_euro, format_number
from tests import factories as f
from tests.conftest import login
from tests.importing import media_root, upload, xlsx_bytes  # noqa: F401


@pytest.mark.parametrize("value, text", [
    (Decimal("450000.50"), "€ 450.000,50"),
    (Decimal("1200000.00"), "€ 1.200.000"),
    (Decimal("1250.5"), "€ 1.250,50"),
    (Decimal("999.995"), "€ 1.000"),
    (0, "€ 0"),
    ("12", "€ 12"),
    (None, ""),
    ("", ""),
    ("geen getal", ""),
])
def test_format_euro(value, text):
    assert format_euro(value) == text


def test_format_number():
    assert format_number(Decimal("1250.5")) == "1.250,5"
    assert format_number(794276) == "794.276"
    assert format_number(Decimal("76.9"), 1) == "76,9"
    assert format_number(Decimal("-1234.5"), 2) == "-1.234,50"


@pytest.fixture
def actions(group, barrier):
    a = f.action(working_group=group, primary_barrier=barrier, code="MOB-70", status="submitted",
                 budget_estimate=Decimal("450000.50"))
    b = f.action(working_group=group, primary_barrier=barrier, code="MOB-71", status="submitted",
                 budget_estimate=Decimal("1200000.00"))
    return a, b


def test_an_imported_amount_keeps_its_cents_on_the_action_page(client, media_root, chair, group, barrier):  # noqa: F811
    from actieplan.models import Action, ImportJob

    login(client, chair)
    client.post(reverse("import_start"), {"file": upload(xlsx_bytes([{
        "title": "Pendelbus", "description": "Een bus.", "primary_barrier": "Mobiliteit",
        "budget_estimate": "450000,50"}])), "working_group": group.pk})
    client.post(reverse("import_confirm", args=[ImportJob.objects.get().pk]))
    action = Action.objects.get(title="Pendelbus")
    assert action.budget_estimate == Decimal("450000.50")
    html = client.get(action.get_absolute_url()).content.decode()
    assert "raming € 450.000,50" in html
    assert "450.001" not in html


def test_the_compare_view_and_the_detail_page_agree(client, coordinator, actions):
    a, b = actions
    login(client, coordinator)
    compare = client.get(reverse("alignment_compare", args=[a.pk, b.pk])).content.decode()
    assert "€ 450.000,50" in compare and "€ 1.200.000" in compare
    assert "1200000.00" not in compare and "450000.50" not in compare
    assert "raming € 1.200.000" in client.get(b.get_absolute_url()).content.decode()


def test_the_plan_exports_and_diff_use_the_same_format():
    assert sel.field_text({"budget_estimate": "450000.50"}, "budget_estimate") == "€ 450.000,50"
