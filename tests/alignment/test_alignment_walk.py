"""Flows without detours on the alignment board: a decision returns to the board, "Volgende open suggestie" walks on."""

import html as htmllib
import re

import pytest
from django.urls import reverse

from actieplan.alignment import similarity
from actieplan.models import SimilarityDismissal, Status
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(group, other_group, barrier, domain, other_domain):
    a = f.action(working_group=group, primary_barrier=barrier, lead_domain=domain, code="MOB-40",
                 status=Status.SUBMITTED, title="Pendelshuttles naar bedrijventerreinen",
                 description="Shuttles vanaf het station naar het bedrijventerrein, afgestemd op de ploegenuren.")
    b = f.action(working_group=other_group, primary_barrier=barrier, lead_domain=other_domain, code="ZORG-40",
                 status=Status.SUBMITTED, title="Pendelbussen naar bedrijventerreinen met ploegenarbeid",
                 description="Pendelbussen vanaf het station, afgestemd op de ploegenuren van de bedrijven.")
    similarity.reindex_all()
    return a, b


def _link(html: str, label: str, code: str) -> str:
    """The href of the board's decision link ``label`` for action ``code``."""
    match = re.search(r'<a href="([^"]+)">' + re.escape(label) + r'<span class="visually-hidden"> ' + re.escape(code),
                      html)
    assert match, (label, code)
    return htmllib.unescape(match.group(1))


def test_retaining_from_the_board_returns_to_the_board_with_a_confirmation(client, coordinator, pair, barrier):
    a, _b = pair
    board = login(client, coordinator).get(reverse("alignment_board")).content.decode()
    url = _link(board, "Weerhouden", "MOB-40")
    form = client.get(url).content.decode()
    assert 'name="next"' in form
    next_value = htmllib.unescape(re.search(r'name="next" value="([^"]+)"', form).group(1))
    response = client.post(url, {"to": "retained", "next": next_value})
    assert response.status_code == 302
    assert response["Location"] == reverse("alignment_board") + f"#drempel-{barrier.pk}"
    page = client.get(response["Location"]).content.decode()
    assert "De status van MOB-40 is nu ‘weerhouden’." in page
    a.refresh_from_db()
    assert a.status == Status.RETAINED


def test_rejecting_from_the_board_keeps_the_boards_page(client, coordinator, group, barrier):
    for n in range(30):
        f.action(working_group=group, primary_barrier=barrier, code=f"MOB-{n + 10}", status=Status.SUBMITTED)
    board = login(client, coordinator).get(reverse("alignment_board") + "?page=2").content.decode()
    code = re.search(r'<span class="visually-hidden"> (MOB-\d+)</span>', board).group(1)
    url = _link(board, "Niet weerhouden", code)
    assert "page%3D2" in url
    response = client.post(url, {"to": "rejected", "reason": "Valt buiten de opdracht.",
                                 "next": reverse("alignment_board") + f"?page=2#drempel-{barrier.pk}"})
    assert response["Location"] == reverse("alignment_board") + f"?page=2#drempel-{barrier.pk}"


def test_merging_from_the_board_returns_to_the_board(client, coordinator, pair, barrier):
    a, b = pair
    board = login(client, coordinator).get(reverse("alignment_board")).content.decode()
    url = _link(board, "Samenvoegen", "MOB-40")
    back = reverse("alignment_board") + f"#drempel-{barrier.pk}"
    response = client.post(url, {"into": b.pk, "reason": "Zelfde aanpak.", "next": back})
    assert response.status_code == 302 and response["Location"] == back
    assert "MOB-40 is samengevoegd in ZORG-40." in client.get(back).content.decode()


def test_a_decision_without_next_still_goes_to_the_action(client, coordinator, pair):
    a, _b = pair
    response = login(client, coordinator).post(reverse("action_transition", args=[a.pk]), {"to": "retained"})
    assert response["Location"] == reverse("action_detail", args=[a.pk])


def test_a_foreign_next_is_ignored(client, coordinator, pair):
    a, _b = pair
    response = login(client, coordinator).post(reverse("action_transition", args=[a.pk]),
                                               {"to": "retained", "next": "https://evil.example/"})
    assert response["Location"] == reverse("action_detail", args=[a.pk])


def test_the_board_offers_the_next_open_suggestion(client, coordinator, pair):
    a, b = pair
    board = login(client, coordinator).get(reverse("alignment_board")).content.decode()
    assert "Volgende open suggestie" in board and reverse("alignment_next_suggestion") in board
    response = client.get(reverse("alignment_next_suggestion"))
    assert response.status_code == 302
    assert response["Location"] == reverse("alignment_compare", args=[a.pk, b.pk])
    # from MOB-40's compare page, the next one is ZORG-40 (with MOB-40 as its best suggestion)
    compare = client.get(response["Location"]).content.decode()
    assert f'{reverse("alignment_next_suggestion")}?na={a.pk}' in compare
    response = client.get(reverse("alignment_next_suggestion") + f"?na={a.pk}")
    assert response["Location"] == reverse("alignment_compare", args=[b.pk, a.pk])


def test_a_decision_on_the_compare_page_walks_on_to_the_next_suggestion(client, coordinator, pair):
    a, b = pair
    walk = reverse("alignment_next_suggestion") + f"?na={a.pk}"
    response = login(client, coordinator).post(reverse("action_transition", args=[a.pk]),
                                               {"to": "retained", "next": walk})
    assert response["Location"] == walk
    # MOB-40 is decided; ZORG-40 still has MOB-40 as a (retained) suggestion
    assert client.get(walk)["Location"] == reverse("alignment_compare", args=[b.pk, a.pk])


def test_with_no_open_suggestion_left_it_returns_to_the_board_with_a_message(client, coordinator, pair):
    a, b = pair
    SimilarityDismissal.objects.create(action_low=min(a, b, key=lambda x: x.pk), action_high=max(a, b, key=lambda x: x.pk),
                                       by=coordinator)
    similarity.reindex_all()
    response = login(client, coordinator).get(reverse("alignment_next_suggestion"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("alignment_board")
    assert "Er zijn geen open suggesties van overlap meer." in response.content.decode()


@pytest.mark.parametrize("query", ["?na=abc", "?na=0", "?na=99999999999999999999999", "?na=%3Cscript%3E"])
def test_a_bad_start_is_ignored(client, coordinator, pair, query):
    a, b = pair
    response = login(client, coordinator).get(reverse("alignment_next_suggestion") + query)
    assert response["Location"] == reverse("alignment_compare", args=[a.pk, b.pk])


@pytest.mark.parametrize("role", ["chair", "member", "domain_contact", "cabinet"])
def test_only_coordinators_walk_the_suggestions(client, users, role):
    assert login(client, users[role]).get(reverse("alignment_next_suggestion")).status_code == 403
