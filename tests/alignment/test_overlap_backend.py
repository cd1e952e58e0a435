"""SIMILARITY_BACKEND and a missing model: the application keeps working on the lexical path and says so."""

import pytest

from actieplan.alignment import embeddings
from actieplan.models import Status
from overlap import services
from tests import factories as f
from tests.conftest import login

pytestmark = pytest.mark.django_db


@pytest.fixture
def no_model(monkeypatch, settings):
    settings.SIMILARITY_BACKEND = ""
    monkeypatch.setattr(embeddings, "available", lambda: False)


def test_without_the_model_the_backend_is_lexical_and_the_board_says_so(no_model, client, coordinator):
    assert services.backend() == services.LEXICAL and services.model_missing()
    html = login(client, coordinator).get("/afstemming/").content.decode()
    assert "Het taalmodel voor betekenisovereenkomst is niet geïnstalleerd" in html


def test_without_the_model_suggestions_still_come_from_the_lexical_path(no_model, group, other_group, barrier):
    from actieplan.alignment import similarity

    a = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED, intended_result="",
                 title="Pendelbus naar het bedrijventerrein", description="Een pendelbus vanaf het station.")
    b = f.action(working_group=other_group, primary_barrier=barrier, status=Status.SUBMITTED, intended_result="",
                 title="Pendelbus station - bedrijventerrein", description="Vanaf het station rijdt een pendelbus.")
    similarity.reindex_all()
    found = services.similar_to(a)
    assert found[0].action == b.pk and "pendelbus" in found[0].shared_terms
    assert found[0].explanation.startswith("Gedeelde termen:")


def test_the_lexical_backend_can_be_chosen_with_the_model_installed(settings, client, coordinator):
    settings.SIMILARITY_BACKEND = "lexical"
    assert services.backend() == services.LEXICAL and not services.model_missing()
    html = login(client, coordinator).get("/afstemming/").content.decode()
    assert "niet geïnstalleerd" not in html


def test_a_wrong_backend_name_is_refused_at_start_up():
    from tests.settings_helpers import run_with_settings

    result = run_with_settings("print('started')", SIMILARITY_BACKEND="semantisch")
    assert result.returncode != 0 and "SIMILARITY_BACKEND must be lexical or hybrid" in result.stderr
    assert "started" in run_with_settings("print('started')", SIMILARITY_BACKEND="lexical").stdout
