"""The key figures as indicators (load_indicators) and the monitoring demo data: complete and idempotent."""

import io
from datetime import datetime
from decimal import Decimal

import time_machine
from django.core.management import call_command

from actieplan.seed.reference import load_reference
from monitoring.models import Indicator, Measurement, StatusUpdate
from monitoring.reference_data import INDICATORS, load_indicators
from monitoring.selectors import dashboard
from tests.monitoring_helpers import TZ

KEY_FIGURES = {
    # DOMAIN.md "Key figures": slug -> (unit, baseline value, year)
    "werkzaamheidsgraad-20-64": ("percent", "76.9", 2024),
    "niet-beroepsactieven-20-64": ("count", "794276", 2024),
    "arbeidsongeschikten-20-64": ("count", "233703", 2024),
    "huisvrouwen-huismannen-20-64": ("count", "116435", 2024),
    "zoekend-beschikbaar-20-64": ("count", "78764", 2024),
    "werklozen-ilo-20-64": ("count", "102898", 2024),
    "ivt-it-tegemoetkoming": ("count", "132644", 2024),
    "deeltijdse-werkhervatting": ("count", "78752", 2023),
    "actieve-mantelzorgers-26-64": ("percent", "37.1", 2021),
    "geboren-buiten-eu27-15-64": ("count", "450000", 2024),
    "niet-beroepsactiviteit-niet-eu-vrouwen": ("percent", "42.5", 2023),
    "jongerenwerkloosheid-15-24": ("percent", "14.5", 2024),
    "vroegtijdige-schoolverlaters-18-24": ("percent", "5.8", 2023),
    "neet-ratio-15-29": ("percent", "7.3", 2024),
    "mobiliteitsarmoede": ("percent", "16", 2020),
    "zonder-rijbewijs": ("percent", "14", 2024),
    "auto-afhankelijkheid-jobs": ("percent", "70.5", 2025),
    "baanloze-gezinnen-18-59": ("percent", "6.6", 2024),
}


def test_every_key_figure_is_an_indicator_with_its_source(db):
    load_reference()
    report = load_indicators()
    assert report.created == len(KEY_FIGURES) == len(INDICATORS)
    assert not report.missing_barriers
    for slug, (unit, value, year) in KEY_FIGURES.items():
        indicator = Indicator.objects.get(slug=slug)
        assert (indicator.unit, indicator.baseline_value, indicator.baseline_year) == (unit, Decimal(value), year)
        assert indicator.source
        assert indicator.measurements.filter(year=year, value=Decimal(value)).exists()
    rate = Indicator.objects.get(slug="werkzaamheidsgraad-20-64")
    assert (rate.target_value, rate.target_year) == (Decimal("80"), 2029)
    assert set(Indicator.objects.filter(barriers__slug="mobiliteit").values_list("slug", flat=True)) == {
        "mobiliteitsarmoede", "zonder-rijbewijs", "auto-afhankelijkheid-jobs"}
    assert Measurement.objects.get(indicator__slug="deeltijdse-werkhervatting", year=2017).value == Decimal("43383")


def test_loading_twice_changes_nothing(db):
    load_reference()
    out = io.StringIO()
    call_command("load_indicators", stdout=out)
    before = list(Measurement.objects.values_list("pk", "value", "created_at"))
    out = io.StringIO()
    call_command("load_indicators", stdout=out)
    assert "alles was al aanwezig" in out.getvalue()
    assert list(Measurement.objects.values_list("pk", "value", "created_at")) == before


def test_demo_loads_reports_and_series_once(group, barrier, domain, domain_contact, coordinator):
    from actieplan.models import Status
    from monitoring import demo
    from tests.monitoring_helpers import adopted_action

    load_reference()
    with time_machine.travel(datetime(2026, 11, 26, 9, 0, tzinfo=TZ), tick=False):
        for n in range(8):
            adopted_action(group=group, barrier=barrier, domain=domain, code=f"MOB-{n + 1:02d}",
                           status=Status.IN_PROGRESS if n % 2 else Status.ADOPTED)
        first = demo.load(stdout=io.StringIO())
        assert first["status_updates"] > 8 and first["measurements"] >= 3 * len(INDICATORS)
        states = set(StatusUpdate.objects.values_list("progress_state", flat=True))
        assert {"on_track", "delayed", "blocked", "at_risk"} <= states
        assert StatusUpdate.objects.filter(created_by=domain_contact).exists()
        assert Measurement.objects.filter(indicator__slug="werkzaamheidsgraad-20-64").count() >= 4
        board = dashboard(user=coordinator)
        assert board.overdue_updates, "some demo actions are late"
        second = demo.load(stdout=io.StringIO())
        assert not any(second.values())
