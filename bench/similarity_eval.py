"""Evaluation of overlap detection on the labelled Dutch paraphrase set (issue 18).

The set (``tests/data/similarity_paraphrases.json``) holds items of one query action, the
same action as another group wrote it (the duplicate) and near misses (distractors: same
barrier, another idea). The corpus is realistic: every action of the demo data
(``actieplan.seed.demo`` and the overlapping proposals of ``actieplan.seed.demo_alignment``)
plus every action of the set, all submitted, so each query competes with about 500
actions. For each query every backend ranks all other actions:

* ``lexical``: ``actieplan.alignment.similarity.similar_to`` as it is (stemmed TF-IDF plus the
  metadata boost, through the database index built by ``reindex_all``);
* ``lexical+thesaurus``: the same after query expansion with the thesaurus
  (``actieplan.alignment.thesaurus.expand``) applied to every action's text before indexing;
* ``semantic``: cosine of the e5 embeddings (``actieplan.alignment.embeddings``), brute force;
* ``hybrid``: ``actieplan.alignment.similarity_hybrid.fuse`` of the lexical (with thesaurus)
  and semantic signals.

Metrics, per split (``tune``, ``heldout``) and in total:

* ``recall@1``, ``recall@3``: share of queries whose duplicate is ranked first / in the top 3;
* ``MRR``: mean of 1 / rank of the duplicate (0 when it is not ranked at all);
* ``distractor rate``: share of queries where one of the item's own distractors is ranked
  above the duplicate (or is ranked while the duplicate is not);
* at the backend's suggestion threshold (what a user is shown): ``dup shown`` (share of
  duplicates scoring at or above it), ``distr shown`` (share of distractors scoring at or
  above it) and ``precision`` (duplicates shown / (duplicates + distractors shown)).

A duplicate given as a demo code also counts when one of the demo alignment proposals
that echo that code is found first: those say the same thing too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
SET_PATH = ROOT / "tests" / "data" / "similarity_paraphrases.json"
SPLITS = ("tune", "heldout")
EVAL_GROUP_PREFIX = "EVAL"


@dataclass
class Doc:
    key: str
    title: str
    description: str
    intended_result: str
    barrier: str


@dataclass
class Query:
    id: str
    split: str
    key: str
    relevant: set[str]
    distractors: list[str]
    shared_words: int = 0  # content words (stems) the query and its duplicate share


@dataclass
class Ranked:
    """One backend's ranking for one query: (key, score) best first, and explanation data per key."""

    hits: list[tuple[str, float]]
    shared: dict[str, list[str]] = field(default_factory=dict)


def load_set(path: Path = SET_PATH) -> list[dict]:
    return json.loads(path.read_text())["items"]


def corpus(items: list[dict]) -> tuple[dict[str, Doc], list[Query]]:
    """The documents of the corpus by key, and the queries with their relevant and distractor keys."""
    from actieplan.seed import demo_alignment
    from actieplan.seed.demo import all_actions

    docs: dict[str, Doc] = {}
    for row in all_actions():
        docs[f"demo:{row['code']}"] = Doc(f"demo:{row['code']}", row["title"], row["description"],
                                          row.get("result", ""), row["barrier"])
    echoes: dict[str, set[str]] = {}
    for n, row in enumerate(demo_alignment.PROPOSALS):
        key = f"proposal:{n}:{row['overlaps']}"
        docs[key] = Doc(key, row["title"], row["description"], row.get("result", ""), row["barrier"])
        echoes.setdefault(f"demo:{row['overlaps']}", set()).add(key)

    def add(action: dict, key: str) -> str:
        if "demo" in action:
            return f"demo:{action['demo']}"
        docs[key] = Doc(key, action["title"], action["description"], "", action["barrier"])
        return key

    queries, demo_codes = [], {}
    for item in items:
        query = add(item["query"], f"set:{item['id']}:query")
        duplicate = add(item["duplicate"], f"set:{item['id']}:duplicate")
        distractors = [add(d, f"set:{item['id']}:distractor:{n}") for n, d in enumerate(item["distractors"])]
        relevant = {duplicate} | echoes.get(duplicate, set())
        for also in item.get("also", []):
            key = f"demo:{also['demo']}" if "demo" in also else f"set:{also['item']}:distractor:{also['distractor']}"
            relevant |= {key} | echoes.get(key, set())
        queries.append(Query(item["id"], item["split"], query, relevant, distractors,
                             shared_content_words(docs[query], docs[duplicate])))
        for key in relevant:
            if key.startswith("demo:"):
                demo_codes.setdefault(key, []).append(queries[-1])
    # two queries that duplicate the same demo action duplicate each other (and each other's duplicate)
    own = {query.id: set(query.relevant) for query in queries}
    for same in demo_codes.values():
        for query in same:
            for other in same:
                if other is not query:
                    query.relevant |= {other.key} | {k for k in own[other.id] if k.startswith("set:")}
    missing = {key for q in queries for key in q.relevant | set(q.distractors) if key not in docs}
    if missing:
        raise ValueError(f"the set refers to unknown actions: {sorted(missing)}")
    both = [q.id for q in queries if q.relevant & set(q.distractors) or q.key in q.relevant]
    if both:
        raise ValueError(f"an action is both relevant and a distractor (or the query itself) in: {both}")
    return docs, queries


def shared_content_words(a: Doc, b: Doc) -> int:
    """How many content words (stems of the lexical analysis) the titles and descriptions share."""
    from actieplan.alignment.similarity import analyse

    def stems(doc: Doc) -> set[str]:
        return {stem for stem, _word in analyse(f"{doc.title} {doc.description}")}

    return len(stems(a) & stems(b))


# --------------------------------------------------------------------------- the database (lexical path)
def build_database(docs: dict[str, Doc]) -> dict[str, int]:
    """Every document as a submitted action (reference data loaded); returns the action id per key."""
    from actieplan.models import Action, Barrier, Status
    from actieplan.seed.reference import load_reference
    from werkgroepen.models import WorkingGroup

    load_reference()
    barriers = dict(Barrier.objects.values_list("slug", "pk"))
    group, _ = WorkingGroup.objects.get_or_create(
        code_prefix=EVAL_GROUP_PREFIX, defaults={"name": "Evaluatie overlapdetectie"})
    rows = [Action(code=f"{EVAL_GROUP_PREFIX}-{n:04d}", title=doc.title[:200], description=doc.description,
                   intended_result=doc.intended_result, primary_barrier_id=barriers[doc.barrier],
                   working_group=group, status=Status.SUBMITTED)
            for n, doc in enumerate(docs.values(), start=1)]
    Action.objects.bulk_create(rows, batch_size=500)
    ids = dict(Action.objects.filter(working_group=group).values_list("code", "pk"))
    return {key: ids[f"{EVAL_GROUP_PREFIX}-{n:04d}"] for n, key in enumerate(docs, start=1)}


def set_texts(docs: dict[str, Doc], pk_of: dict[str, int], transform=None) -> None:
    """Write every action's title and description (through ``transform``) and rebuild the lexical index."""
    from actieplan.alignment import similarity
    from actieplan.models import Action

    actions = list(Action.objects.filter(pk__in=pk_of.values()))
    key_of = {pk: key for key, pk in pk_of.items()}
    for action in actions:
        doc = docs[key_of[action.pk]]
        action.title = doc.title[:200]
        action.description = transform(doc.description) if transform else doc.description
        action.intended_result = transform(doc.intended_result) if transform and doc.intended_result \
            else doc.intended_result
        if transform:  # expansion of the title goes to the description: titles are short fields
            extra = transform(doc.title)[len(doc.title):]
            action.description += extra
    Action.objects.bulk_update(actions, ["title", "description", "intended_result"], batch_size=500)
    similarity.reindex_all()


def lexical_rankings(queries: list[Query], pk_of: dict[str, int]) -> dict[str, Ranked]:
    """``similarity.similar_to`` for every query, with no threshold and no limit to speak of."""
    from actieplan.alignment import similarity

    key_of = {pk: key for key, pk in pk_of.items()}
    out = {}
    for query in queries:
        suggestions = similarity.similar_to(pk_of[query.key], limit=10_000, min_score=0.0)
        out[query.id] = Ranked([(key_of[s.action], s.score) for s in suggestions],
                               {key_of[s.action]: s.shared_terms for s in suggestions})
    return out


# --------------------------------------------------------------------------- semantic path
def embed_documents(docs: dict[str, Doc], cache: Path | None = None) -> dict[str, np.ndarray]:
    """The embedding of every document (``embeddings.action_text``); ``cache`` keeps them between runs."""
    from actieplan.alignment import embeddings

    texts = {key: embeddings.action_text(doc.title, doc.description, doc.intended_result)
             for key, doc in docs.items()}
    known: dict[str, np.ndarray] = {}
    stamp = f"{embeddings.model_name()} {embeddings.model_version()}"
    if cache and cache.exists():
        stored = json.loads(cache.read_text())
        if stored.get("model") == stamp:
            known = {text: np.asarray(vec, dtype=np.float32) for text, vec in stored["vectors"].items()}
    missing = sorted({text for text in texts.values() if text not in known})
    if missing:
        for text, vector in zip(missing, embeddings.embed(missing)):
            known[text] = vector
        if cache:
            cache.parent.mkdir(parents=True, exist_ok=True)
            cache.write_text(json.dumps({"model": stamp, "vectors": {t: [round(float(x), 7) for x in v]
                                                                      for t, v in known.items()}}))
    return {key: known[text] for key, text in texts.items()}


def embed_sentences(docs: dict[str, Doc]) -> dict[str, np.ndarray]:
    """The embeddings of every document's sentences (``embeddings.split_sentences`` of ``action_text``)."""
    from actieplan.alignment import embeddings

    split = {key: embeddings.split_sentences(embeddings.action_text(doc.title, doc.description, doc.intended_result))
             or [doc.title] for key, doc in docs.items()}
    unique = sorted({sentence for sentences in split.values() for sentence in sentences})
    vectors = dict(zip(unique, embeddings.embed(unique)))
    return {key: np.stack([vectors[sentence] for sentence in sentences]) for key, sentences in split.items()}


def semantic_scores(queries: list[Query], vectors: dict[str, np.ndarray]) -> dict[str, dict[str, float]]:
    """Csls score (``similarity_hybrid.SemanticIndex``: centred cosine less the hubness) of every query with
    every other document."""
    from actieplan.alignment.similarity_hybrid import SemanticIndex

    keys = list(vectors)
    index = SemanticIndex(keys, np.stack([vectors[k] for k in keys]))
    out = {}
    for query in queries:
        scores = index.csls(vectors[query.key], exclude=[query.key])
        out[query.id] = {key: float(c) for key, c in zip(keys, scores) if key != query.key}
    return out


def sentence_scores(queries: list[Query], semantic: dict[str, dict[str, float]], lexical: dict[str, "Ranked"],
                    sentences: dict[str, np.ndarray], candidates: int = 50) -> dict[str, dict[str, float]]:
    """``similarity_hybrid.sentence_similarity`` of each query with its candidates (the best ``candidates``
    of the semantic path and those of the lexical path), as the application computes it."""
    from actieplan.alignment.similarity_hybrid import sentence_similarity

    mean = np.concatenate(list(sentences.values())).mean(axis=0)
    out = {}
    for query in queries:
        best = sorted(semantic[query.id].items(), key=lambda kv: -kv[1])[:candidates]
        keys = {key for key, _c in best} | {key for key, _s in lexical[query.id].hits[:candidates]}
        out[query.id] = {key: sentence_similarity(sentences[query.key], sentences[key], mean) for key in keys}
    return out


def semantic_rankings(scores: dict[str, dict[str, float]]) -> dict[str, Ranked]:
    from actieplan.alignment import similarity_hybrid

    return {qid: Ranked(sorted(((k, similarity_hybrid.semantic_score(c)) for k, c in row.items()),
                               key=lambda kv: (-kv[1], kv[0])))
            for qid, row in scores.items()}


def hybrid_rankings(lexical: dict[str, Ranked], semantic: dict[str, dict[str, float]],
                    docs: dict[str, Doc], queries: list[Query] | None = None,
                    sentences: dict[str, dict[str, float]] | None = None) -> dict[str, Ranked]:
    """``similarity_hybrid.fuse`` of the lexical, semantic and sentence scores, with the same-barrier bonus."""
    from actieplan.alignment import similarity_hybrid

    barriers = {key: doc.barrier for key, doc in docs.items()}
    key_of = {query.id: query.key for query in queries or []}
    out = {}
    for qid, lex in lexical.items():
        own = docs[key_of[qid]].barrier if qid in key_of else None
        fused = similarity_hybrid.fuse(dict(lex.hits), semantic[qid], sentences=(sentences or {}).get(qid),
                                       barriers=barriers, own_barrier=own)
        out[qid] = Ranked([(s.key, s.score) for s in fused], lex.shared)
    return out


# --------------------------------------------------------------------------- metrics
def rank_of(ranked: Ranked, keys) -> int | None:
    for position, (key, _score) in enumerate(ranked.hits, start=1):
        if key in keys:
            return position
    return None


def metrics(rankings: dict[str, Ranked], queries: list[Query], threshold: float) -> dict[str, float]:
    n = len(queries)
    r1 = r3 = rr = above = dup_shown = distr_shown = distr_total = 0.0
    for query in queries:
        ranked = rankings[query.id]
        rank = rank_of(ranked, query.relevant)
        distractor_rank = rank_of(ranked, set(query.distractors))
        if rank is not None:
            r1 += rank == 1
            r3 += rank <= 3
            rr += 1 / rank
        if distractor_rank is not None and (rank is None or distractor_rank < rank):
            above += 1
        scores = dict(ranked.hits)
        dup_shown += max((scores.get(k, 0.0) for k in query.relevant), default=0.0) >= threshold
        distr_total += len(query.distractors)
        distr_shown += sum(scores.get(k, 0.0) >= threshold for k in query.distractors)
    shown = dup_shown + distr_shown
    return {
        "queries": n,
        "recall@1": r1 / n, "recall@3": r3 / n, "MRR": rr / n, "distractor rate": above / n,
        "dup shown": dup_shown / n, "distr shown": distr_shown / max(1, distr_total),
        "precision": dup_shown / shown if shown else 1.0,
    }


def by_split(rankings: dict[str, Ranked], queries: list[Query], threshold: float) -> dict[str, dict[str, float]]:
    out = {}
    for split in SPLITS:
        part = [q for q in queries if q.split == split]
        if part:
            out[split] = metrics(rankings, part, threshold)
    out["all"] = metrics(rankings, queries, threshold)
    return out


def by_difficulty(rankings: dict[str, Ranked], queries: list[Query], threshold: float) -> dict[str, dict[str, float]]:
    """All splits together, apart for pairs sharing fewer than three content words and the others."""
    hard = [q for q in queries if q.shared_words < 3]
    easy = [q for q in queries if q.shared_words >= 3]
    return {"< 3 shared words": metrics(rankings, hard, threshold),
            ">= 3 shared words": metrics(rankings, easy, threshold)}


COLUMNS = ("recall@1", "recall@3", "MRR", "distractor rate", "dup shown", "distr shown", "precision")


def table(results: dict[str, dict[str, dict[str, float]]]) -> str:
    """A Markdown table: one row per backend and split."""
    lines = ["| backend | part | queries | " + " | ".join(COLUMNS) + " |",
             "|---|---|---:|" + "---:|" * len(COLUMNS)]
    for backend, splits in results.items():
        for split, values in splits.items():
            lines.append(f"| {backend} | {split} | {values['queries']} | "
                         + " | ".join(f"{values[c]:.3f}" for c in COLUMNS) + " |")
    return "\n".join(lines)


def misses(rankings: dict[str, Ranked], queries: list[Query], docs: dict[str, Doc], top: int = 3) -> list[str]:
    """A line per query whose duplicate is not first: what came first instead (for reading, not for tuning)."""
    lines = []
    for query in queries:
        ranked = rankings[query.id]
        rank = rank_of(ranked, query.relevant)
        if rank == 1:
            continue
        first = ", ".join(f"{docs[k].title[:50]!r} {s:.3f}" for k, s in ranked.hits[:top])
        lines.append(f"{query.split:<7} {query.id:<28} rank {rank}: {first}")
    return lines


def run_backends(docs: dict[str, Doc], queries: list[Query], pk_of: dict[str, int]):
    """Every backend's rankings and figures: ``lexical`` (no thesaurus), ``lexical+thesaurus`` (the
    maintained synonym sets, as the application indexes), ``semantic`` and ``hybrid`` (with the model)."""
    from actieplan.alignment import embeddings, similarity, similarity_hybrid
    from overlap import services

    rankings = {}
    similarity.set_expander(None)
    try:
        similarity.reindex_all()
        rankings["lexical"] = lexical_rankings(queries, pk_of)
    finally:
        similarity.set_expander(services.expand_text)
    similarity.reindex_all()
    rankings["lexical+thesaurus"] = lexical_rankings(queries, pk_of)
    thresholds = {"lexical": similarity.THRESHOLD, "lexical+thesaurus": similarity.THRESHOLD}
    if embeddings.available():
        semantic = semantic_scores(queries, embed_documents(docs))
        sentences = sentence_scores(queries, semantic, rankings["lexical+thesaurus"], embed_sentences(docs))
        rankings["semantic"] = semantic_rankings(semantic)
        rankings["hybrid"] = hybrid_rankings(rankings["lexical+thesaurus"], semantic, docs, queries, sentences)
        thresholds.update(semantic=similarity_hybrid.THRESHOLD, hybrid=similarity_hybrid.THRESHOLD)
    results = {name: by_split(ranked, queries, thresholds[name]) for name, ranked in rankings.items()}
    return rankings, results
