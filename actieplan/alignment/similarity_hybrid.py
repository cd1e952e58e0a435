"""Hybrid overlap detection: the lexical score and the semantic similarity in one ranking.

Pure functions over ids, scores and vectors: no database access here, so the same code
serves the suggestions of a stored action, the warning while a proposal is typed and the
evaluation (``bench/similarity_eval.py``). The lexical side is whatever
``actieplan.alignment.similarity`` returns (TF-IDF, metadata boost, ideally on texts expanded with
``actieplan.alignment.thesaurus``); the semantic side are e5 embeddings (``actieplan.alignment.embeddings``).

Semantic similarity
-------------------
e5 embeddings of any two Dutch policy texts have a cosine of 0.8 to 0.95: everything
shares the direction "Flemish labour-market policy". ``SemanticIndex`` therefore
*centres* the vectors on the mean of the corpus before comparing them (the cosine of the
deviations from the mean). On the tuning part of the labelled set this alone raised
recall@1 from 0.49 to 0.60 and MRR from 0.65 to 0.72; removing more principal components
did not help. The mean is recomputed whenever the index is built (cheap: one pass over
the matrix), so it follows the corpus.

Hubness
-------
Some texts are close to everything (general texts about "begeleiding naar werk"), and
they crowd the top of every ranking. The semantic score is therefore the centred cosine
minus half the *hubness* of each side (the mean centred cosine of a text with its
``HUBNESS_K`` nearest neighbours; cross-domain similarity local scaling, CSLS). The
hubness of an action is computed when it is embedded and again by ``reindex_similarity``.

Sentences
---------
Two groups often write the same idea at different levels of detail: one sentence of a
long description says what the other action says in its title. ``sentence_similarity``
compares both texts sentence by sentence (centred sentence vectors): for each sentence
its best match on the other side, averaged both ways.

Fusion
------
A calibrated weighted score, not reciprocal-rank fusion: RRF has no absolute scale, so
every action would get a "best match" however unrelated, and a threshold could not keep
near misses out::

    raw   = csls + W_SENTENCES * sentences + W_LEXICAL * lexical + BARRIER_BONUS * same_primary_barrier
    score = clip((raw - LOW) / (HIGH - LOW), 0, 1)

The weights were chosen on the tuning part of the labelled set (a grid over the hubness
neighbours, the sentence, lexical and barrier weights), never on the held-out part. The
lexical weight is small on purpose: a larger one lets near misses that share words with
the query climb above the real duplicate. ``LOW`` and ``HIGH`` map the raw scores seen
for unrelated actions and clear duplicates onto 0..1; ``THRESHOLD`` is where, on the
tuning part, more duplicates are shown than by the lexical path and fewer near misses,
at a higher precision than both the lexical path and the previous hybrid.

Explanation
-----------
``explain`` gives the Dutch explanation data of one suggestion: the shared terms (from
the lexical path), the synonyms that connected the texts (from the thesaurus), and for a
semantic match the closest sentences of both actions side by side
(``closest_sentences``: both texts split into sentences, embedded, the best pair).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

W_SENTENCES = 0.5
W_LEXICAL = 0.05
BARRIER_BONUS = 0.05
HUBNESS_K = 5
LOW = -0.1
HIGH = 0.5
THRESHOLD = 0.5
SEMANTIC_SHOWN = 0.05  # a match whose semantic part (csls) reaches this gets the closest sentences


def calibrate(raw: float) -> float:
    return round(float(min(1.0, max(0.0, (raw - LOW) / (HIGH - LOW)))), 4)


def semantic_score(cosine: float) -> float:
    """A centred cosine on the 0..1 scale of the hybrid score (semantic alone)."""
    return calibrate(cosine)


@dataclass
class HybridSuggestion:
    key: object  # an action id (or any key the caller uses)
    score: float
    semantic: float = 0.0  # centred cosine less the hubness (csls)
    lexical: float = 0.0  # lexical score
    same_barrier: bool = False
    sentences: float = 0.0  # sentence-by-sentence similarity


def fuse(lexical: dict, semantic: dict, *, sentences: dict | None = None, barriers: dict | None = None,
         own_barrier=None, min_score: float = 0.0, limit: int | None = None) -> list[HybridSuggestion]:
    """One ranking of the candidates of both paths, best first.

    ``lexical``: key -> lexical score (0..1); ``semantic``: key -> csls score (centred
    cosine less the hubness; a plain centred cosine also works); ``sentences``: key ->
    ``sentence_similarity``; ``barriers``: key -> primary barrier, compared with
    ``own_barrier`` for the bonus. Candidates found by one path only count 0 on the other.
    """
    barriers = barriers or {}
    sentences = sentences or {}
    out = []
    for key in set(lexical) | set(semantic):
        cosine = float(semantic.get(key, 0.0))
        lex = float(lexical.get(key, 0.0))
        sent = float(sentences.get(key, 0.0))
        same = own_barrier is not None and barriers.get(key) == own_barrier
        score = calibrate(cosine + W_SENTENCES * sent + W_LEXICAL * lex + (BARRIER_BONUS if same else 0.0))
        if score >= min_score:
            out.append(HybridSuggestion(key, score, round(cosine, 6), lex, same, round(sent, 6)))
    out.sort(key=lambda s: (-s.score, -s.semantic, -s.lexical, str(s.key)))
    return out[:limit] if limit else out


class SemanticIndex:
    """Brute-force nearest neighbours over centred, L2-normalised vectors.

    ``ids``: one id per row of ``matrix`` (unit vectors from ``embeddings.embed``). At
    10,000 actions x 384 dimensions a query is one matrix-vector product (about 4 million
    multiply-adds) and a partial sort. ``hubness``: one value per row (stored with the
    vectors); computed here when not given (a product of the matrix with itself: fine for
    the evaluation's 500 rows, ``hubness_of`` does it in chunks for more).
    ``sentence_mean``: the centre of the sentence vectors (``sentence_similarity``).
    """

    def __init__(self, ids, matrix: np.ndarray, hubness=None, sentence_mean=None):
        self.ids = list(ids)
        matrix = np.atleast_2d(np.asarray(matrix, dtype=np.float32))
        if matrix.shape[0] != len(self.ids):
            raise ValueError("one row per id")
        self.mean = matrix.mean(axis=0) if len(self.ids) else np.zeros(matrix.shape[1], np.float32)
        self.centred = _unit(matrix - self.mean)
        self._row = {pk: row for row, pk in enumerate(self.ids)}
        self.hubness = (np.asarray(hubness, dtype=np.float32) if hubness is not None
                        else self.hubness_of(self.centred, exclude_self=True))
        self.sentence_mean = self.mean if sentence_mean is None else np.asarray(sentence_mean, np.float32)

    def hubness_of(self, centred_rows: np.ndarray, *, exclude_self: bool = False, chunk: int = 512) -> np.ndarray:
        """Mean centred cosine of each row with its ``HUBNESS_K`` nearest rows of the index."""
        rows = np.atleast_2d(centred_rows)
        out = np.zeros(len(rows), dtype=np.float32)
        if not self.ids:
            return out
        k = min(HUBNESS_K, len(self.ids) - (1 if exclude_self else 0))
        if k <= 0:
            return out
        for start in range(0, len(rows), chunk):
            products = rows[start:start + chunk] @ self.centred.T
            if exclude_self:
                products[np.arange(len(products)), np.arange(start, start + len(products))] = -np.inf
            top = np.partition(products, -k, axis=1)[:, -k:]
            out[start:start + len(products)] = top.mean(axis=1)
        return out

    def csls(self, vector: np.ndarray, exclude=(), own_hubness: float | None = None) -> np.ndarray:
        """Centred cosine with every row less half the hubness of both sides (``exclude``: rows of itself)."""
        cosines = self.cosines(vector)
        if own_hubness is None:
            rest = cosines.copy()
            for pk in exclude:
                row = self._row.get(pk)
                if row is not None:
                    rest[row] = -np.inf
            k = min(HUBNESS_K, int(np.isfinite(rest).sum()))
            own_hubness = float(np.partition(rest, -k)[-k:].mean()) if k > 0 else 0.0
        return cosines - 0.5 * self.hubness - 0.5 * own_hubness

    def centre(self, vector: np.ndarray) -> np.ndarray:
        return _unit(np.asarray(vector, dtype=np.float32).reshape(1, -1) - self.mean)[0]

    def cosines(self, vector: np.ndarray) -> np.ndarray:
        """Centred cosine of ``vector`` (an uncentred unit vector) with every row."""
        return self.centred @ self.centre(vector)

    def neighbours(self, vector: np.ndarray, k: int = 20, exclude=(), own_hubness: float | None = None) -> dict:
        """The ``k`` most similar ids with their csls score (``exclude``: ids left out, the query's own first)."""
        if not self.ids:
            return {}
        scores = self.csls(vector, exclude=exclude, own_hubness=own_hubness)
        for pk in exclude:
            row = self._row.get(pk)
            if row is not None:
                scores[row] = -np.inf
        k = min(k, len(self.ids))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return {self.ids[row]: float(scores[row]) for row in top if np.isfinite(scores[row])}


def sentence_similarity(own: np.ndarray, other: np.ndarray, mean: np.ndarray) -> float:
    """Sentence by sentence (vectors centred on ``mean``): each sentence's best match, averaged both ways."""
    if own is None or other is None or not len(own) or not len(other):
        return 0.0
    a, b = _unit(np.atleast_2d(own) - mean), _unit(np.atleast_2d(other) - mean)
    products = a @ b.T
    return float(0.5 * (products.max(axis=1).mean() + products.max(axis=0).mean()))


def sentence_similarities(own: np.ndarray, others: dict, mean: np.ndarray) -> dict:
    """``sentence_similarity`` of ``own`` with every matrix of ``others`` (key -> sentence rows), in one product."""
    keys = [key for key, rows in others.items() if rows is not None and len(rows)]
    if own is None or not len(own) or not keys:
        return {}
    a = _unit(np.atleast_2d(own) - mean)
    stacked = _unit(np.concatenate([np.atleast_2d(others[key]) for key in keys]) - mean)
    products = a @ stacked.T  # own sentences x all candidate sentences
    out, start = {}, 0
    for key in keys:
        block = products[:, start:start + len(others[key])]
        start += len(others[key])
        out[key] = float(0.5 * (block.max(axis=1).mean() + block.max(axis=0).mean()))
    return out


def _unit(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


# --------------------------------------------------------------------------- explanation
@dataclass
class SentencePair:
    own: str
    other: str
    similarity: float


def closest_sentences(own_text: str, other_text: str, *, own_vectors: np.ndarray | None = None,
                      other_vectors: np.ndarray | None = None) -> SentencePair | None:
    """The sentence of each text that are most alike (cosine of their embeddings).

    Vectors of the sentences may be passed when they are stored; otherwise the sentences
    are embedded here (about 40 ms a sentence on one core).
    """
    from actieplan.alignment import embeddings

    own, other = embeddings.split_sentences(own_text), embeddings.split_sentences(other_text)
    if not own or not other:
        return None
    if own_vectors is None:
        own_vectors = embeddings.embed(own)
    if other_vectors is None:
        other_vectors = embeddings.embed(other)
    products = np.asarray(own_vectors) @ np.asarray(other_vectors).T
    i, j = np.unravel_index(int(np.argmax(products)), products.shape)
    return SentencePair(own[i], other[j], round(float(products[i, j]), 4))


@dataclass
class Explanation:
    """What the page shows under a suggestion, in Dutch (``text``), and the parts it is made of."""

    shared_terms: list[str] = field(default_factory=list)
    synonyms: list[tuple[str, str]] = field(default_factory=list)
    sentences: SentencePair | None = None
    text: str = ""


def explain(suggestion: HybridSuggestion, *, shared_terms: list[str], own_text: str, other_text: str,
            thesaurus=None, sentence_vectors: tuple | None = None) -> Explanation:
    """The explanation data of one suggestion (shared terms, synonyms, closest sentences)."""
    from django.utils.translation import gettext as _

    synonyms = thesaurus.links(own_text, other_text) if thesaurus is not None else []
    sentences = None
    if suggestion.semantic >= SEMANTIC_SHOWN:
        own_vectors, other_vectors = sentence_vectors or (None, None)
        sentences = closest_sentences(own_text, other_text, own_vectors=own_vectors, other_vectors=other_vectors)
    parts = []
    if shared_terms:
        parts.append(_("Gedeelde termen: %(terms)s.") % {"terms": ", ".join(shared_terms)})
    if synonyms:
        parts.append(_("Synoniemen: %(pairs)s.") % {"pairs": ", ".join(f"{a} = {b}" for a, b in synonyms)})
    if sentences is not None:
        parts.append(_("Zelfde betekenis: “%(own)s” en “%(other)s”.") % {"own": sentences.own,
                                                                         "other": sentences.other})
    if not parts:
        parts.append(_("Gelijkaardige inhoud."))
    return Explanation(list(shared_terms), synonyms, sentences, " ".join(parts))
