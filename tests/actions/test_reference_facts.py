"""Issue 20, factual fixes: the reference and demo data say what the seeds say, and existing
databases are corrected by the data migrations."""

import importlib
from datetime import datetime

import pytest
import time_machine
from django.apps import apps as django_apps
from django.urls import reverse

from actieplan.models import Barrier, LinkedPlan, PolicyDomain, TargetGroup
from actieplan.seed import demo, demo_plan
from actieplan.seed.reference import load_reference
from monitoring.models import FICTITIOUS_NOTE, Indicator, Measurement
from monitoring.reference_data import load_indicators
from tests.conftest import login
from tests.monitoring_helpers import TZ, indicator

reference_facts = importlib.import_module("actieplan.migrations.0012_reference_facts")
indicator_facts = importlib.import_module("monitoring.migrations.0007_reference_facts")


@pytest.fixture
def loaded(db):
    load_reference()
    load_indicators()


def test_the_80_percent_target_holds_during_this_legislature(loaded):
    # Concept note: "Tijdens deze legislatuur streven we in Vlaanderen naar een hogere werkzaamheidsgraad van 80%."
    rate = Indicator.objects.get(slug="werkzaamheidsgraad-20-64")
    assert rate.target_year == 2029
    assert "tijdens deze legislatuur" in rate.definition
    assert "2030" not in demo_plan.INTRODUCTION_V1
    assert "tijdens deze legislatuur (tegen 2029)" in demo_plan.INTRODUCTION_V1


def test_the_culture_domain_matches_its_department(loaded):
    domain = PolicyDomain.objects.get(abbreviation="CJM")
    assert domain.name == "Cultuur, Jeugd en Media"
    assert domain.organisations.filter(name="Departement Cultuur, Jeugd en Media").exists()
    assert not PolicyDomain.objects.filter(name__contains="Sport").exists()


def test_target_group_definitions_follow_the_standard_or_say_they_are_a_working_definition(loaded):
    assert "hoger secundair onderwijs" in TargetGroup.objects.get(slug="kortgeschoolden-25-64").description
    neet = TargetGroup.objects.get(slug="jongeren-neet").description
    assert "15-29-jarigen" in neet and "werkdefinitie van het departement" in neet


def test_the_poverty_barrier_keeps_the_notes_ampersand(loaded):
    assert Barrier.objects.get(slug="armoede").citizen_wording == "Ik leef in armoede & sociale uitsluiting"


def test_vlaanderen_werkt_is_a_plan_of_the_government_not_of_vdab(loaded):
    description = LinkedPlan.objects.get(name="Actieplan Vlaanderen Werkt!").description
    assert "van VDAB" not in description and "Vlaamse Regering" in description


def test_the_searching_indicator_is_not_linked_to_orientation(loaded):
    indicator_ = Indicator.objects.get(slug="zoekend-beschikbaar-20-64")
    assert not indicator_.barriers.filter(slug="orientatie").exists()


def test_demo_action_gez_03_states_the_target_for_2024():
    # parliamentary answer: 12.000 re-integration trajectories as the RIZIV target for 2024
    gez03 = next(a for actions in demo.GROUP_ACTIONS.values() for a in actions if a["code"] == "GEZ-03")
    assert "12.000 nieuwe re-integratietrajecten voor 2024" in gez03["result"]
    assert "per jaar" not in gez03["result"]


def test_the_demo_cabinet_follows_the_ministers_portfolio():
    cabinet = next(u for u in demo.USERS if u["username"] == "kabinet")
    # the minister of Onderwijs, Justitie en Werk: education, justice (KBBJ) and work
    assert set(cabinet["cabinet_domains"]) == {"OV", "KBBJ", "WEWIS"}


def test_the_migrations_correct_an_existing_database(loaded):
    PolicyDomain.objects.filter(abbreviation="CJM").update(abbreviation="CJSM", name="Cultuur, Jeugd, Sport en Media")
    Barrier.objects.filter(slug="armoede").update(citizen_wording="Ik leef in armoede en sociale uitsluiting")
    TargetGroup.objects.filter(slug="kortgeschoolden-25-64").update(
        description="Personen van 25 tot 64 jaar zonder diploma secundair onderwijs.")
    rate = Indicator.objects.get(slug="werkzaamheidsgraad-20-64")
    Indicator.objects.filter(pk=rate.pk).update(target_year=2030)
    searching = Indicator.objects.get(slug="zoekend-beschikbaar-20-64")
    searching.barriers.add(Barrier.objects.get(slug="orientatie"))

    reference_facts.forwards(django_apps, None)
    indicator_facts.forwards(django_apps, None)

    assert PolicyDomain.objects.get(abbreviation="CJM").name == "Cultuur, Jeugd en Media"
    assert Barrier.objects.get(slug="armoede").citizen_wording == "Ik leef in armoede & sociale uitsluiting"
    assert "hoger secundair" in TargetGroup.objects.get(slug="kortgeschoolden-25-64").description
    assert Indicator.objects.get(pk=rate.pk).target_year == 2029
    assert not searching.barriers.filter(slug="orientatie").exists()
    # a second load writes nothing: the migrated rows equal the reference data
    assert not load_reference(update=True).changed


def test_fictitious_demo_values_are_labelled_in_the_indicator_list(client, coordinator, db):
    with time_machine.travel(datetime(2026, 11, 26, 12, 0, tzinfo=TZ), tick=False):
        real = indicator()
        made_up = indicator(name="Deeltijdse werkhervatting", slug="deeltijds")
        Measurement.objects.create(indicator=real, year=2024, value="76.9", note="basiswaarde")
        Measurement.objects.create(indicator=made_up, year=2025, value="81000", note=FICTITIOUS_NOTE)
        login(client, coordinator)
        html = client.get(reverse("indicator_list")).content.decode()
    rows = {name: html.split(name, 1)[1].split("</tr>", 1)[0] for name in ("Werkzaamheidsgraad", "Deeltijdse")}
    assert "fictief" in rows["Deeltijdse"]
    assert "fictief" not in rows["Werkzaamheidsgraad"]
