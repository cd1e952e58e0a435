"""Overlap suggestions: the lexical path (``actieplan.similarity``) and, with the embedding
model installed, the semantic path, fused (``actieplan.similarity_hybrid``).

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

from actieplan import embeddings, similarity, similarity_hybrid
from actieplan.models import Action, Status
from actieplan.thesaurus import Thesaurus
from overlap.models import ActionEmbedding, SynonymSet

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


def embed_actions(action_ids, *, force: bool = False) -> int:
    """Compute and store the vectors of ``action_ids`` whose text or model changed. Returns how many."""
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
    for start in range(0, len(todo), 256):
        chunk = todo[start:start + 256]
        vectors = embeddings.embed([text for _pk, text, _h in chunk])
        rows = [ActionEmbedding(action_id=pk, vector=vector.astype("<f4").tobytes(), model_name=name,
                                model_version=version, text_hash=digest)
                for (pk, _text_, digest), vector in zip(chunk, vectors)]
        with transaction.atomic():
            ActionEmbedding.objects.filter(action_id__in=[row.action_id for row in rows]).delete()
            ActionEmbedding.objects.bulk_create(rows)
    return len(todo)


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

        embed_actions_task.delay(ids)
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
    return result


# --------------------------------------------------------------------------- semantic index
class _IndexMemo:
    lock = threading.Lock()
    stamp = None
    index = None


def semantic_index() -> similarity_hybrid.SemanticIndex:
    """Every stored vector of the current model, centred (rebuilt when a vector was added or changed)."""
    name, version = embeddings.model_name(), embeddings.model_version()
    rows = ActionEmbedding.objects.filter(model_name=name, model_version=version)
    stamp = tuple(rows.aggregate(n=Count("pk"), last=Max("updated_at")).values())
    with _IndexMemo.lock:
        if _IndexMemo.index is None or _IndexMemo.stamp != stamp:
            ids, blobs = [], []
            for pk, blob in rows.order_by("action_id").values_list("action_id", "vector"):
                ids.append(pk)
                blobs.append(bytes(blob))
            matrix = (np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(ids), embeddings.DIMENSIONS)
                      if ids else np.zeros((0, embeddings.DIMENSIONS), np.float32))
            _IndexMemo.index, _IndexMemo.stamp = similarity_hybrid.SemanticIndex(ids, matrix), stamp
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
    vector = _vector_of(action)
    excluded = similarity.dismissed_with(action.pk) | {action.pk}
    semantic = semantic_index().neighbours(vector, k=NEIGHBOURS + len(excluded), exclude=excluded)
    allowed = set(Action.objects.filter(pk__in=list(semantic), status__in=similarity.ELIGIBLE)
                  .values_list("pk", flat=True))
    semantic = {pk: c for pk, c in semantic.items() if pk in allowed}
    return _fused(action.primary_barrier_id, lexical, semantic, _own_text(action), limit, min_score, explain)


def similar_to_text(*, title: str, description: str, user, working_group_id: int | None = None,
                    limit: int = TYPED_LIMIT, exclude: int | None = None, explain: bool = True) -> list[Suggestion]:
    """Existing actions like a proposal being typed: any group, any status but other groups' drafts.

    Drafts count only when they belong to ``working_group_id`` (the group the member writes
    for) and the user may see them; ``exclude`` leaves out the action being edited.
    """
    from actieplan.selectors import actions_visible_to

    text = f"{title}\n{description}".strip()
    if not text:
        return []
    visible = actions_visible_to(user).exclude(status=Status.DRAFT)
    drafts = Q(status=Status.DRAFT, working_group_id=working_group_id) if working_group_id else Q(pk__in=[])
    allowed_qs = actions_visible_to(user).filter(Q(pk__in=visible.values("pk")) | drafts)
    if exclude:
        allowed_qs = allowed_qs.exclude(pk=exclude)
    lexical = _lexical_for_text(title, description)
    semantic = {}
    if backend() == HYBRID:
        vector = embeddings.embed([_text(title, description, "")])[0]
        semantic = semantic_index().neighbours(vector, k=NEIGHBOURS * 2)
    candidates = set(lexical) | set(semantic)
    allowed = set(allowed_qs.filter(pk__in=list(candidates)).values_list("pk", flat=True))
    lexical = {pk: v for pk, v in lexical.items() if pk in allowed}
    semantic = {pk: c for pk, c in semantic.items() if pk in allowed}
    own = _text(title, description, "")
    if backend() == LEXICAL:
        ranked = sorted(lexical.items(), key=lambda kv: (-kv[1][0], kv[0]))
        found = [Suggestion(pk, score, terms, lexical=score) for pk, (score, terms) in ranked
                 if score >= similarity.THRESHOLD][:limit]
        return _explained(found, own, explain=explain)
    lexical_rows = [similarity.Suggestion(pk, score, terms) for pk, (score, terms) in lexical.items()]
    return _fused(None, lexical_rows, semantic, own, limit, similarity_hybrid.THRESHOLD, explain)


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


def _fused(own_barrier, lexical, semantic: dict, own_text: str, limit: int, min_score: float,
           explain: bool) -> list[Suggestion]:
    terms = {s.action: s.shared_terms for s in lexical}
    lexical_scores = {s.action: s.score for s in lexical}
    keys = set(lexical_scores) | set(semantic)
    barriers = dict(Action.objects.filter(pk__in=list(keys)).values_list("pk", "primary_barrier_id"))
    fused = similarity_hybrid.fuse(lexical_scores, semantic, barriers=barriers, own_barrier=own_barrier,
                                   min_score=min_score, limit=limit)
    found = [Suggestion(s.key, s.score, terms.get(s.key, []), lexical=s.lexical, semantic=s.semantic)
             for s in fused]
    return _explained(found, own_text, explain=explain)


def _explained(found: list[Suggestion], own_text: str, *, explain: bool) -> list[Suggestion]:
    if not explain or not found:
        return found
    texts = {pk: _text(t, d, r) for pk, t, d, r in Action.objects.filter(pk__in=[s.action for s in found])
             .values_list("pk", "title", "description", "intended_result")}
    thes = thesaurus()
    for s in found:
        hybrid = similarity_hybrid.HybridSuggestion(s.action, s.score, s.semantic, s.lexical)
        semantic_ok = backend() == HYBRID
        data = similarity_hybrid.explain(hybrid if semantic_ok else similarity_hybrid.HybridSuggestion(s.action, s.score),
                                         shared_terms=s.shared_terms, own_text=own_text,
                                         other_text=texts.get(s.action, ""), thesaurus=thes)
        s.synonyms, s.sentences, s.explanation = data.synonyms, data.sentences, data.text
    return found
