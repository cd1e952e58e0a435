"""The reference data of the concept note and its idempotent loader."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from actieplan.models import Barrier, LinkedPlan, Organisation, Phase, PolicyDomain, TargetGroup
from actieplan.seed.reference import BARRIERS, load_reference

MODELS = [Barrier, TargetGroup, PolicyDomain, Organisation, LinkedPlan, Phase]


def snapshot():
    return {model.__name__: sorted(model.objects.values_list()) for model in MODELS}


@pytest.fixture
def loaded(db):
    call_command("load_reference", stdout=StringIO())


def test_it_loads_the_17_barriers_in_the_order_of_the_note(loaded):
    names = list(Barrier.objects.values_list("name", flat=True))
    assert len(names) == 17
    assert names[0] == "Gebrek aan motivatie"
    assert names[-1] == "Loonkosten"
    assert names.index("Zorgtaken") < names.index("Integratie & taal") < names.index("Mobiliteit")


def test_it_flags_the_five_priority_barriers(loaded):
    priority = set(Barrier.objects.filter(is_priority=True).values_list("name", flat=True))
    assert priority == {
        "Gezondheidsproblematiek en arbeidsbeperking",
        "Zorgtaken",
        "Integratie & taal",
        "Aansluiting onderwijs-arbeidsmarkt",
        "Mobiliteit",
    }
    # Every priority barrier is taken further; barriers centred on Work or federal ones are not.
    assert not Barrier.objects.filter(is_priority=True, taken_further=False).exists()
    assert not Barrier.objects.get(slug="loonkosten").taken_further
    assert not Barrier.objects.get(slug="motivatie").taken_further


def test_it_keeps_the_citizen_wording_and_the_reason(loaded):
    mobility = Barrier.objects.get(name="Mobiliteit")
    assert mobility.citizen_wording == "Ik raak niet of moeilijk op het werk"
    assert mobility.reason == "Gecoördineerde aanpak vereist"
    detention = Barrier.objects.get(name="Detentie")
    assert "Vlaams strategisch plan" in detention.reason
    assert Barrier.objects.get(name="Inactiviteitsvallen").reason == "Federale bevoegdheid"
    assert all(b.citizen_wording.startswith(("Ik ", "Mijn ", "Zorgtaken", "Het ", "Potentiële", "Werkgevers"))
               for b in Barrier.objects.all())


def test_it_loads_the_eight_policy_domains_with_abbreviations(loaded):
    assert set(PolicyDomain.objects.values_list("abbreviation", flat=True)) == {
        "KBBJ", "FB", "OV", "WEWIS", "WVG", "OMG", "MOW", "CJM",
    }
    assert PolicyDomain.objects.get(abbreviation="MOW").name == "Mobiliteit en Openbare Werken"


def test_it_links_executing_organisations_to_their_domain(loaded):
    assert Organisation.objects.get(name="VDAB").policy_domain.abbreviation == "WEWIS"
    assert Organisation.objects.get(name="Agentschap Opgroeien").policy_domain.abbreviation == "WVG"
    assert Organisation.objects.get(name="De Lijn").policy_domain.abbreviation == "MOW"
    assert Organisation.objects.get(name="RIZIV (federaal)").policy_domain is None
    assert Organisation.objects.filter(name__startswith="Lokale besturen", policy_domain=None).exists()


def test_it_loads_the_target_groups_with_sub_groups(loaded):
    largest = set(TargetGroup.objects.filter(has_largest_potential=True, parent=None).values_list("slug", flat=True))
    assert largest == {"migratieachtergrond-buiten-eu27", "jongeren-neet", "kortgeschoolden-25-64", "arbeidshandicap"}
    non_active = TargetGroup.objects.get(slug="niet-beroepsactieven")
    assert set(non_active.children.values_list("name", flat=True)) == {
        "Zoekend of beschikbaar", "Arbeidsongeschikten", "Huisvrouwen en -mannen",
    }
    assert TargetGroup.objects.filter(name="Leefloongerechtigden").exists()
    assert TargetGroup.objects.get(slug="vrouwen-migratieachtergrond").parent.slug == "migratieachtergrond-buiten-eu27"


def test_it_loads_the_linked_plans_with_their_references(loaded):
    assert LinkedPlan.objects.count() == 6
    assert LinkedPlan.objects.get(name="Actieplan Vlaanderen Werkt!").reference == "VR 2025 1407 MED.0278-1"
    assert LinkedPlan.objects.get(
        name="Actieplan aanklampende aanpak van werkzoekenden"
    ).reference == "VR 2025 1402 MED.0036/1"


def test_the_three_phases_end_before_the_summer_recess_of_2026(loaded):
    phases = list(Phase.objects.order_by("number"))
    assert [p.number for p in phases] == [1, 2, 3, 4]
    assert phases[2].deadline <= date(2026, 7, 15)
    # the fourth, implementation and follow-up, runs to the end of the legislature
    assert phases[3].deadline.year == 2029
    for earlier, later in zip(phases, phases[1:]):
        assert earlier.starts_on < earlier.deadline < later.starts_on <= later.deadline


def test_loading_twice_changes_nothing(loaded):
    before = snapshot()
    report = load_reference()
    assert not report.changed
    assert snapshot() == before
    assert len(before["Barrier"]) == len(BARRIERS)


def test_the_command_says_when_everything_was_up_to_date(loaded):
    out = StringIO()
    call_command("load_reference", stdout=out)
    assert "up-to-date" in out.getvalue()


def test_reloading_keeps_phase_dates_edited_by_staff(loaded):
    Phase.objects.filter(number=3).update(deadline=date(2026, 7, 3), name="Actieplan (verschoven)")
    load_reference()
    phase = Phase.objects.get(number=3)
    assert phase.deadline == date(2026, 7, 3)
    assert phase.name == "Actieplan (verschoven)"


def test_reloading_restores_a_missing_phase(loaded):
    Phase.objects.filter(number=2).delete()
    load_reference()
    assert Phase.objects.count() == 4


def test_reloading_keeps_a_wording_edited_by_staff(loaded):
    Barrier.objects.filter(slug="mobiliteit").update(citizen_wording="Ik geraak moeilijk op mijn werk")
    report = load_reference()
    assert not report.changed
    assert Barrier.objects.get(slug="mobiliteit").citizen_wording == "Ik geraak moeilijk op mijn werk"


def test_update_flag_resets_a_changed_citizen_wording(loaded):
    Barrier.objects.filter(slug="mobiliteit").update(citizen_wording="iets anders")
    report = load_reference(update=True)
    assert report.updated == {"drempels": 1}
    assert Barrier.objects.get(slug="mobiliteit").citizen_wording == "Ik raak niet of moeilijk op het werk"


def test_staff_can_move_a_phase_deadline_in_the_admin(loaded, admin_client):
    phase = Phase.objects.get(number=3)
    response = admin_client.post(
        f"/admin/actieplan/phase/{phase.pk}/change/",
        {"number": 3, "name": phase.name, "description": phase.description,
         "starts_on": "2026-05-25", "deadline": "2026-07-08"},
    )
    assert response.status_code == 302
    phase.refresh_from_db()
    assert phase.deadline == date(2026, 7, 8)
    load_reference()
    phase.refresh_from_db()
    assert phase.deadline == date(2026, 7, 8)


def test_the_admin_lists_the_barriers_with_their_citizen_wording(loaded, admin_client):
    response = admin_client.get("/admin/actieplan/barrier/")
    assert response.status_code == 200
    assert "Ik raak niet of moeilijk op het werk" in response.content.decode()
