"""The key figures as indicators (load_indicators) and the monitoring demo data: complete and idempotent."""

import io
from datetime import datetime
from decimal import Decimal

import time_machine
from django.core.management import call_command

from actieplan.seed.reference import load_reference
from monitoring.models import Indicator, Measurement, StatusUpdate
from monitoring.reference_data import INDICATORS, NO_DEMO_SERIES, load_indicators
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

# The concepts of the other seeds (issue 20 §4): slug -> (unit, baseline value or None, year, target)
SEED_FIGURES = {
    "werk-na-1-jaar-zoekend-beschikbaar": ("percent", "30", 2024, None),
    "werk-na-1-jaar-arbeidsongeschikten": ("percent", "10", 2024, None),
    "instroom-werk-leefloners": ("percent", "18.2", 2021, None),
    "arbeidsmarktparticipatiegraad": ("percent", "77.1", 2019, None),
    "kansengroepen-treden-3-5": ("count", "317495", 2019, None),
    "participatieladder-trede-3": ("count", "1453", 2019, None),
    "participatieladder-trede-4": ("count", "10198", 2019, None),
    "participatieladder-trede-5": ("count", "51901", 2019, None),
    "re-integratietrajecten-langdurig-zieken": ("count", None, None, ("12000", 2024)),
    "bijkomende-toeleidingen-gezondheid": ("count", "0", 2023, ("4000", 2025)),
    "lokale-partnerschappen-esf": ("count", "44", 2024, None),
    "gemeenten-samenwerkingsovereenkomst-vdab": ("percent", "85", 2024, None),
}


def test_the_seeds_concepts_are_indicators_with_their_sources_and_breakdowns(db):
    load_reference()
    load_indicators()
    for slug, (unit, value, year, target) in SEED_FIGURES.items():
        indicator = Indicator.objects.get(slug=slug)
        assert indicator.source, slug
        assert (indicator.unit, indicator.baseline_year) == (unit, year), slug
        assert indicator.baseline_value == (Decimal(value) if value is not None else None), slug
        if target:
            assert (indicator.target_value, indicator.target_year) == (Decimal(target[0]), target[1]), slug
    # the seed describes steps 3 to 6 only; step 6 has no figure of its own, and no other step is invented
    ladder = set(Indicator.objects.filter(slug__startswith="participatieladder-").values_list("slug", flat=True))
    assert ladder == {"participatieladder-trede-3", "participatieladder-trede-4", "participatieladder-trede-5"}
    # breakdowns: by region (West-Vlaanderen) and by target group, beside the Flemish series
    rate = Indicator.objects.get(slug="arbeidsmarktparticipatiegraad")
    assert rate.measurements.get(region="West-Vlaanderen").value == Decimal("79.2")
    inactive = Indicator.objects.get(slug="niet-beroepsactieven-20-64")
    assert inactive.measurements.get(target_group__slug="arbeidsongeschikten").value == Decimal("233703")
    employment = Indicator.objects.get(slug="werkzaamheidsgraad-20-64")
    assert employment.measurements.get(year=2019, region="").value == Decimal("75.5")
    assert employment.measurements.get(year=2019, region="West-Vlaanderen").value == Decimal("77.5")
    # nothing is duplicated: the searching group's count stays one indicator
    assert Indicator.objects.filter(name__startswith="Zoekend, beschikbaar").count() == 1


def test_a_breakdown_is_never_the_latest_measurement(client, coordinator, db):
    load_reference()
    load_indicators()
    client.force_login(coordinator)
    rate = Indicator.objects.get(slug="arbeidsmarktparticipatiegraad")
    page = client.get("/indicatoren/").content.decode()
    assert "79,2" not in page  # West-Vlaanderen is a breakdown, not the Flemish figure
    detail = client.get(f"/indicatoren/{rate.pk}/").content.decode()
    assert "77,1" in detail and "West-Vlaanderen" in detail and "79,2" in detail
    target_only = Indicator.objects.get(slug="re-integratietrajecten-langdurig-zieken")
    detail = client.get(f"/indicatoren/{target_only.pk}/").content.decode()
    assert "12.000" in detail and "niet gekend" in detail


def test_every_key_figure_is_an_indicator_with_its_source(db):
    load_reference()
    report = load_indicators()
    assert report.created == len(KEY_FIGURES) + len(SEED_FIGURES) == len(INDICATORS)
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
        assert first["status_updates"] > 8 and first["measurements"] >= 3 * (len(INDICATORS) - len(NO_DEMO_SERIES))
        states = set(StatusUpdate.objects.values_list("progress_state", flat=True))
        assert {"on_track", "delayed", "blocked", "at_risk"} <= states
        assert StatusUpdate.objects.filter(created_by=domain_contact).exists()
        assert Measurement.objects.filter(indicator__slug="werkzaamheidsgraad-20-64").count() >= 4
        board = dashboard(user=coordinator)
        assert board.overdue_updates, "some demo actions are late"
        second = demo.load(stdout=io.StringIO())
        assert not any(second.values())
