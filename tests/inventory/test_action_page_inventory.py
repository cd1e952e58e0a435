"""The action page names the existing measures the action relates to and the research behind it (issue 20 §2)."""

from django.urls import reverse

from tests.conftest import login
from tests.inventory.factories import evidence_source, measure


def test_the_action_page_lists_its_measures_and_sources(client, member, submitted_action, domain):
    measure(domain=domain, name="Re-integratietrajecten <RIZIV-VDAB>", links=[(submitted_action, "builds_on")])
    source = evidence_source(title="Leefloners aan het werk", year=2023, actions=[submitted_action])
    evidence_source(title="Studie over een andere actie")

    html = login(client, member).get(reverse("action_detail", args=[submitted_action.pk])).content.decode()

    assert "Bestaande maatregelen en onderzoek" in html
    assert "Deze actie bouwt voort op: <a" in html
    assert "<bdi>Re-integratietrajecten &lt;RIZIV-VDAB&gt;</bdi>" in html  # user text escaped and isolated
    assert f'href="{reverse("evidence_detail", args=[source.pk])}"' in html and "(2023)" in html
    assert "Studie over een andere actie" not in html


def test_without_measures_or_sources_the_section_is_left_out(client, member, submitted_action):
    html = login(client, member).get(reverse("action_detail", args=[submitted_action.pk])).content.decode()
    assert "Bestaande maatregelen en onderzoek" not in html
