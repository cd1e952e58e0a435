"""Overlap suggestions: the lexical path (``actieplan.alignment.similarity``) and, with the embedding
model installed, the semantic path, fused (``actieplan.alignment.similarity_hybrid``).

* ``backend()``: ``"hybrid"`` or ``"lexical"``. ``settings.SIMILARITY_BACKEND`` chooses
  (default hybrid when the model package is installed); hybrid without the package falls
  back to lexical, and ``model_missing()`` says so (the alignment board shows it).
* Vectors are computed when an action's text is saved (``actieplan.signals.action_text_changed``),
  once its transaction commits: a few inline, more (an import) in one Celery task; an
  unchanged text (same hash, same model) is not embedded again.
  ``reindex(backend)`` recomputes everything (``manage.py reindex_similarity``).
* ``similar_to(action)`` and ``similar_to_text(title, description, user=…)`` return
  ``Suggestion`` rows (action id, score 0..1, shared terms, synonyms, closest sentences,
  a Dutch explanation), best first.
* ``expand_text`` is the thesaurus' query expansion for the lexical path, from the
  ``SynonymSet`` rows (cached in the process, reloaded when a set changes).
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from actieplan.alignment import embeddings, similarity, similarity_hybrid
from actieplan.models import Action, Status
from actieplan.alignment.thesaurus import Thesaurus
from overlap.models import ActionEmbedding, SynonymSet, sentence_matrix

LEXICAL, HYBRID = "lexical", "hybrid"
BACKENDS = (LEXICAL, HYBRID)
INLINE_MAX = 20  # more actions saved in one transaction (an import): embedded in a Celery task
NEIGHBOURS = 50  # semantic candidates per query
TYPED_LIMIT = 3


def configured_backend() -> str:
    value = (getattr(settings, "SIMILARITY_BACKEND", "") or "").strip().lower()
    if value in BACKENDS:
        return value
    return HYBRID if embeddings.available() else LEXICAL


def backend() -> str:
    """The backend in use: the configured one, lexical when the model is not installed."""
    return HYBRID if configured_backend() == HYBRID and embeddings.available() else LEXICAL


def model_missing() -> bool:
    """Hybrid is wanted (configured, or by default) but the embedding package is absent."""
    value = (getattr(settings, "SIMILARITY_BACKEND", "") or "").strip().lower()
    return value != LEXICAL and not embeddings.available()


def threshold() -> float:
    return similarity_hybrid.THRESHOLD if backend() == HYBRID else similarity.THRESHOLD


# --------------------------------------------------------------------------- thesaurus
_STAMP_KEY = "overlap:thesaurus:stamp"


class _ThesaurusMemo(threading.local):
    stamp = None
    thesaurus = None


_memo = _ThesaurusMemo()


def thesaurus() -> Thesaurus:
    """The active synonym sets (one query when they changed since this process last read them)."""
    stamp = cache.get(_STAMP_KEY, 0)
    if _memo.thesaurus is None or _memo.stamp != stamp:
        sets = [row.term_list() for row in SynonymSet.objects.filter(is_active=True).order_by("pk")]
        _memo.thesaurus, _memo.stamp = Thesaurus(sets), stamp
    return _memo.thesaurus


def thesaurus_changed() -> None:
    """After a synonym set is saved or deleted: every process reloads the sets."""
    try:
        cache.incr(_STAMP_KEY)
    except ValueError:
        cache.set(_STAMP_KEY, 1, None)
    _memo.thesaurus = None


def thesaurus_saved() -> None:
    """A coordinator changed the thesaurus: reload it everywhere and re-index the lexical path after commit."""
    thesaurus_changed()

    from outbox.services import enqueue
    from overlap.tasks import reindex_lexical_task

    enqueue(reindex_lexical_task.name)


def expand_text(text: str) -> str:
    """The heads of the synonym sets ``text`` mentions and does not contain itself (for the lexical index)."""
    if not text:
        return ""
    expanded = thesaurus().expand(text)
    return expanded[len(text):].strip()


# --------------------------------------------------------------------------- embeddings
def _text(title: str, description: str, intended_result: str) -> str:
    return embeddings.action_text(title, description, intended_result)


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def _sentences(text: str) -> list[str]:
    return embeddings.split_sentences(text) or [text or "-"]


def embed_actions(action_ids, *, force: bool = False) -> int:
    """Compute and store the vectors of ``action_ids`` whose text or model changed, and their hubness.

    Returns how many were embedded. Each action: one vector for its whole text and one per
    sentence (for the explanation and the sentence-by-sentence score).
    """
    if not embeddings.available():
        return 0
    ids = sorted(set(action_ids))
    name, version = embeddings.model_name(), embeddings.model_version()
    current = {} if force else {
        pk: (h, n, v) for pk, h, n, v in ActionEmbedding.objects.filter(action_id__in=ids).values_list(
            "action_id", "text_hash", "model_name", "model_version")}
    todo = []
    for pk, title, description, result in Action.objects.filter(pk__in=ids).values_list(
            "pk", "title", "description", "intended_result").order_by("pk"):
        text = _text(title, description, result)
        digest = _hash(text)
        if current.get(pk) != (digest, name, version):
            todo.append((pk, text, digest))
    for start in range(0, len(todo), 128):
        chunk = todo[start:start + 128]
        split = [_sentences(text) for _pk, text, _h in chunk]
        flat = [sentence for sentences in split for sentence in sentences]
        vectors = embeddings.embed([text for _pk, text, _h in chunk] + flat)
        whole, parts = vectors[:len(chunk)], vectors[len(chunk):]
        rows, offset = [], 0
        for (pk, _text_, digest), vector, sentences in zip(chunk, whole, split):
            block = parts[offset:offset + len(sentences)]
            offset += len(sentences)
            rows.append(ActionEmbedding(action_id=pk, vector=vector.astype("<f4").tobytes(),
                                        sentences=block.astype("<f4").tobytes(), model_name=name,
                                        model_version=version, text_hash=digest))
        with transaction.atomic():
            ActionEmbedding.objects.filter(action_id__in=[row.action_id for row in rows]).delete()
            ActionEmbedding.objects.bulk_create(rows)
    if todo:
        update_hubness([pk for pk, _t, _h in todo])
    return len(todo)


def update_hubness(action_ids=None) -> None:
    """Store the hubness of ``action_ids`` (all when None) against the current index."""
    index = semantic_index()
    if not index.ids:
        return
    wanted = index.ids if action_ids is None else [pk for pk in action_ids if pk in index._row]
    rows = np.array([index._row[pk] for pk in wanted], dtype=np.int64)
    values = np.zeros(len(rows), dtype=np.float32)
    for start in range(0, len(rows), 512):
        part = rows[start:start + 512]
        products = index.centred[part] @ index.centred.T
        products[np.arange(len(part)), part] = -np.inf
        k = min(similarity_hybrid.HUBNESS_K, len(index.ids) - 1)
        if k > 0:
            values[start:start + len(part)] = np.partition(products, -k, axis=1)[:, -k:].mean(axis=1)
    now = timezone.now()  # a new stamp: every process rebuilds its index with the new values
    objects = [ActionEmbedding(action_id=pk, hubness=float(value), updated_at=now) for pk, value in zip(wanted, values)]
    ActionEmbedding.objects.bulk_update(objects, ["hubness", "updated_at"], batch_size=1000)
    _IndexMemo.index = None  # the hubness is part of the index


class _Pending(threading.local):
    ids: set | None = None


_pending = _Pending()


def on_action_text_changed(sender, action, **kwargs) -> None:
    """Embed the action once its transaction commits (many in one transaction: one Celery task)."""
    if backend() != HYBRID:
        return
    if _pending.ids is None:
        _pending.ids = set()
        transaction.on_commit(_flush)
    _pending.ids.add(action.pk)


def _flush() -> None:
    ids, _pending.ids = sorted(_pending.ids or ()), None
    if not ids:
        return
    if len(ids) > INLINE_MAX:
        from overlap.tasks import embed_actions_task

        from outbox.services import enqueue

        enqueue(embed_actions_task.name, ids)
    else:
        embed_actions(ids)


def reindex(backend_name: str | None = None) -> dict:
    """Recompute the lexical index (with the thesaurus) and, for hybrid, every vector of an older model or text."""
    backend_name = backend_name or backend()
    result = {"lexical": similarity.reindex_all()}
    if backend_name == HYBRID:
        if not embeddings.available():
            raise RuntimeError("the embedding package is not installed")
        name, version = embeddings.model_name(), embeddings.model_version()
        ActionEmbedding.objects.exclude(model_name=name, model_version=version).delete()
        result["embedded"] = embed_actions(Action.objects.values_list("pk", flat=True))
        update_hubness()  # every action's: the collection changed
    return result


# --------------------------------------------------------------------------- semantic index
class _IndexMemo:
    lock = threading.Lock()
    stamp = None
    index = None


def semantic_index() -> similarity_hybrid.SemanticIndex:
    """Every stored vector of the current model, centred, with its hubness (rebuilt when a vector changed)."""
    name, version = embeddings.model_name(), embeddings.model_version()
    rows = ActionEmbedding.objects.filter(model_name=name, model_version=version)
    stamp = tuple(rows.aggregate(n=Count("pk"), last=Max("updated_at")).values())
    with _IndexMemo.lock:
        if _IndexMemo.index is None or _IndexMemo.stamp != stamp:
            ids, blobs, hubness = [], [], []
            sentence_sum, sentence_count = np.zeros(embeddings.DIMENSIONS, np.float64), 0
            for pk, blob, sentences, hub in rows.order_by("action_id").values_list(
                    "action_id", "vector", "sentences", "hubness"):
                ids.append(pk)
                blobs.append(bytes(blob))
                hubness.append(hub)
                block = sentence_matrix(sentences)
                sentence_sum += block.sum(axis=0)
                sentence_count += len(block)
            matrix = (np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(ids), embeddings.DIMENSIONS)
                      if ids else np.zeros((0, embeddings.DIMENSIONS), np.float32))
            mean = (sentence_sum / sentence_count).astype(np.float32) if sentence_count else None
            _IndexMemo.index = similarity_hybrid.SemanticIndex(ids, matrix, hubness=hubness, sentence_mean=mean)
            _IndexMemo.stamp = stamp
        return _IndexMemo.index


# --------------------------------------------------------------------------- suggestions
@dataclass
class Suggestion:
    action: int
    score: float
    shared_terms: list[str] = field(default_factory=list)
    synonyms: list[tuple[str, str]] = field(default_factory=list)
    sentences: similarity_hybrid.SentencePair | None = None
    explanation: str = ""
    lexical: float = 0.0
    semantic: float = 0.0


def similar_to(action: Action, *, limit: int = 10, min_score: float | None = None,
               explain: bool = True) -> list[Suggestion]:
    """The submitted and retained actions most like ``action``, best first (dismissed pairs left out)."""
    min_score = threshold() if min_score is None else min_score
    if backend() == LEXICAL:
        found = similarity.similar_to(action, limit=limit, min_score=min_score)
        return _explained([Suggestion(s.action, s.score, s.shared_terms, lexical=s.score) for s in found],
                          _own_text(action), explain=explain)
    lexical = similarity.similar_to(action, limit=NEIGHBOURS, min_score=0.0)
    row = ActionEmbedding.objects.filter(action_id=action.pk, model_name=embeddings.model_name(),
                                         model_version=embeddings.model_version()).first()
    if row is not None:
        vector, sentences, hubness = row.as_array(), row.sentence_array(), row.hubness
    else:  # not embedded yet (written in bulk): embed it now
        text = _own_text(action)
        vectors = embeddings.embed([text, *_sentences(text)])
        vector, sentences, hubness = vectors[0], vectors[1:], None
    excluded = similarity.dismissed_with(action.pk) | {action.pk}
    semantic = _semantic(vector, hubness, excluded, [s.action for s in lexical])
    allowed = set(Action.objects.filter(pk__in=list(semantic), status__in=similarity.ELIGIBLE)
                  .values_list("pk", flat=True))
    semantic = {pk: c for pk, c in semantic.items() if pk in allowed}
    lexical = [s for s in lexical if s.action in allowed or s.action not in semantic]
    return _fused(action.primary_barrier_id, lexical, semantic, sentences, _own_text(action), limit, min_score,
                  explain)


def similar_to_text(*, title: str, description: str, user, working_group_id: int | None = None,
                    limit: int = TYPED_LIMIT, exclude: int | None = None, explain: bool = True) -> list[Suggestion]:
    """Existing actions like a proposal being typed: any group, any status but other groups' drafts.

    Drafts count only when they belong to ``working_group_id`` (the group the member writes
    for); ``exclude`` leaves out the action being edited. Only actions ``user`` may see.
    """
    from actieplan.actions.selectors import actions_visible_to

    own = _text(title, description, "")
    if not (title or "").strip() and not (description or "").strip():
        return []
    drafts = Q(status=Status.DRAFT, working_group_id=working_group_id) if working_group_id else Q(pk__in=[])
    allowed_qs = actions_visible_to(user).filter(~Q(status=Status.DRAFT) | drafts)
    if exclude:
        allowed_qs = allowed_qs.exclude(pk=exclude)
    lexical = _lexical_for_text(title, description)
    semantic, sentences = {}, None
    if backend() == HYBRID:
        vectors = embeddings.embed([own, *_sentences(own)])
        semantic = _semantic(vectors[0], None, {exclude} if exclude else set(), list(lexical), k=NEIGHBOURS * 2)
        sentences = vectors[1:]
    candidates = set(lexical) | set(semantic)
    allowed = set(allowed_qs.filter(pk__in=list(candidates)).values_list("pk", flat=True))
    lexical = {pk: v for pk, v in lexical.items() if pk in allowed}
    semantic = {pk: c for pk, c in semantic.items() if pk in allowed}
    if backend() == LEXICAL:
        ranked = sorted(lexical.items(), key=lambda kv: (-kv[1][0], kv[0]))
        found = [Suggestion(pk, score, terms, lexical=score) for pk, (score, terms) in ranked
                 if score >= similarity.THRESHOLD][:limit]
        return _explained(found, own, explain=explain)
    lexical_rows = [similarity.Suggestion(pk, score, terms) for pk, (score, terms) in lexical.items()]
    return _fused(None, lexical_rows, semantic, sentences, own, limit, similarity_hybrid.THRESHOLD, explain)


def _semantic(vector, hubness, excluded: set, also: list, k: int = NEIGHBOURS) -> dict:
    """Csls scores of the ``k`` nearest actions, and of ``also`` (the lexical path's candidates)."""
    index = semantic_index()
    if not index.ids:
        return {}
    scores = index.csls(vector, exclude=excluded, own_hubness=hubness)
    for pk in excluded:
        row = index._row.get(pk)
        if row is not None:
            scores[row] = -np.inf
    k = min(k, len(index.ids))
    top = np.argpartition(-scores, k - 1)[:k]
    out = {index.ids[row]: float(scores[row]) for row in top if np.isfinite(scores[row])}
    for pk in also:
        row = index._row.get(pk)
        if row is not None and np.isfinite(scores[row]):
            out[pk] = float(scores[row])
    return out


def _lexical_for_text(title: str, description: str) -> dict[int, tuple[float, list[str]]]:
    """TF-IDF of a typed text against the indexed actions (every status): id -> (score, shared terms)."""
    from actieplan.models import ActionTermVector, TermPosting

    tf = similarity.term_frequencies(title, description, "")
    if not tf:
        return {}
    n = ActionTermVector.objects.count() + 1
    df = dict(TermPosting.objects.filter(term__in=list(tf)).values_list("term").annotate(n=Count("id")).order_by())
    vector, _norm = similarity._vector(tf, {t: df.get(t, 0) + 1 for t in tf}, n)
    rare = sorted(vector, key=lambda t: (-vector[t][2], t))[:similarity.QUERY_TERMS]
    hits = ActionTermVector.objects.none()
    # every action's vector holds its terms: candidates are those sharing a rare term
    conditions = Q()
    for term in rare:
        conditions |= Q(terms__has_key=term)
    hits = ActionTermVector.objects.filter(conditions).values_list("action_id", "terms")[:2000]
    out = {}
    for pk, terms in hits:
        text, shared = similarity._dot(vector, terms)
        if text > 0:
            out[pk] = (round(min(1.0, text), 4), [vector[t][1] for _p, t in shared[:similarity.SHARED_TERMS_SHOWN]])
    return out


def _vector_of(action: Action) -> np.ndarray:
    row = ActionEmbedding.objects.filter(action_id=action.pk, model_name=embeddings.model_name(),
                                         model_version=embeddings.model_version()).first()
    if row is not None:
        return row.as_array()
    return embeddings.embed([_own_text(action)])[0]


def _own_text(action: Action) -> str:
    return _text(action.title, action.description, action.intended_result)


def _fused(own_barrier, lexical, semantic: dict, own_sentences, own_text: str, limit: int, min_score: float,
           explain: bool) -> list[Suggestion]:
    terms = {s.action: s.shared_terms for s in lexical}
    lexical_scores = {s.action: s.score for s in lexical}
    keys = set(lexical_scores) | set(semantic)
    barriers = dict(Action.objects.filter(pk__in=list(keys)).values_list("pk", "primary_barrier_id"))
    sentence_scores = {}
    if own_sentences is not None and len(own_sentences):
        others = {pk: sentence_matrix(blob) for pk, blob in ActionEmbedding.objects.filter(
            action_id__in=list(semantic)).values_list("action_id", "sentences")}
        sentence_scores = similarity_hybrid.sentence_similarities(own_sentences, others,
                                                                  semantic_index().sentence_mean)
    fused = similarity_hybrid.fuse(lexical_scores, semantic, sentences=sentence_scores, barriers=barriers,
                                   own_barrier=own_barrier, min_score=min_score, limit=limit)
    found = [Suggestion(s.key, s.score, terms.get(s.key, []), lexical=s.lexical, semantic=s.semantic)
             for s in fused]
    return _explained(found, own_text, explain=explain, own_sentences=own_sentences)


def _explained(found: list[Suggestion], own_text: str, *, explain: bool, own_sentences=None) -> list[Suggestion]:
    """The Dutch explanation of each suggestion: shared terms, synonyms, closest sentences (stored vectors)."""
    if not explain or not found:
        return found
    ids = [s.action for s in found]
    texts = {pk: _text(t, d, r) for pk, t, d, r in Action.objects.filter(pk__in=ids)
             .values_list("pk", "title", "description", "intended_result")}
    stored = {}
    if backend() == HYBRID and own_sentences is not None:
        stored = {pk: sentence_matrix(blob) for pk, blob in ActionEmbedding.objects.filter(action_id__in=ids)
                  .values_list("action_id", "sentences")}
    thes = thesaurus()
    for s in found:
        semantic = s.semantic if backend() == HYBRID else 0.0
        other = texts.get(s.action, "")
        vectors = None
        if s.action in stored and len(stored[s.action]) == len(_sentences(other)) \
                and len(own_sentences) == len(_sentences(own_text)):
            vectors = (own_sentences, stored[s.action])
        elif semantic >= similarity_hybrid.SEMANTIC_SHOWN:
            semantic = -1.0  # no stored sentence vectors: no sentences rather than embedding here
        data = similarity_hybrid.explain(
            similarity_hybrid.HybridSuggestion(s.action, s.score, semantic, s.lexical),
            shared_terms=s.shared_terms, own_text=own_text, other_text=other, thesaurus=thes,
            sentence_vectors=vectors)
        s.synonyms, s.sentences, s.explanation = data.synonyms, data.sentences, data.text
    return found
