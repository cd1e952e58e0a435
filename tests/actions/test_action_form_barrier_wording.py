"""Issue 20: the action form shows the citizen wording of the chosen barrier and the priority flag."""

import pytest
from django.urls import reverse

from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_the_new_action_form_lists_each_barrier_in_the_job_seekers_words(client, member, group, barrier):
    barrier.citizen_wording = "Ik raak niet of moeilijk op het werk"
    barrier.is_priority = True
    barrier.save()
    html = login(client, member).get(reverse("action_create") + f"?working_group={group.pk}").content.decode()
    assert "De drempels in de woorden van de werkzoekende" in html
    item = html.split("<strong><bdi>" + barrier.name + "</bdi></strong>", 1)[1].split("</li>", 1)[0]
    assert "prioritair" in item and "Ik raak niet of moeilijk op het werk" in item


def test_a_refused_form_shows_the_wording_of_the_chosen_barrier(client, member, group, barrier):
    other = f.barrier(name="Huisvesting", citizen_wording="Ik vind geen betaalbare woning dicht bij het werk")
    url = reverse("action_create") + f"?working_group={group.pk}"
    response = login(client, member).post(url, {"working_group": group.pk, "primary_barrier": other.pk, "title": "",
                                                "description": "", "level": "flemish", "budget_impact": "neutral"})
    html = response.content.decode()
    assert "Geef de actie een titel." in html
    assert "Voor de werkzoekende: “<bdi>Ik vind geen betaalbare woning dicht bij het werk</bdi>”" in html


def test_the_edit_form_shows_the_wording_of_the_actions_barrier(client, chair, group, barrier):
    barrier.citizen_wording = "Ik raak niet of moeilijk op het werk"
    barrier.is_priority = True
    barrier.save()
    action = f.action(working_group=group, primary_barrier=barrier)
    html = login(client, chair).get(reverse("action_edit", args=[action.pk])).content.decode()
    hint = html.split('class="field-hint barrier-chosen"', 1)[1].split("</p>", 1)[0]
    assert "prioritair" in hint and "Voor de werkzoekende: “<bdi>Ik raak niet of moeilijk op het werk</bdi>”" in hint
