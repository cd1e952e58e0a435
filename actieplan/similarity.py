"""Overlap detection between actions: Dutch text similarity, boosted by shared metadata.

How it works
------------
* **Analysis.** Title, description and intended result are lower-cased, accents are
  folded (``coördinatie`` = ``coordinatie``), Dutch stop words (the list below) and
  numbers are dropped, and every word is stemmed with the Snowball ``dutch`` stemmer
  (``werkzoekenden`` and ``werkzoekende`` both become ``werkzoek``). Title words
  count double.
* **Index.** Each action gets a TF-IDF vector: ``(1 + log tf) * idf`` with the smoothed
  ``idf = 1 + log((N + 1) / (df + 1))`` of the moment it is indexed, normalised to
  length 1. Document frequencies count the candidates (submitted and retained actions).
  The weights of candidates are stored per term in :class:`TermPosting` (an inverted
  index on ``term``; ``status_changed`` adds or removes them after a transition), and
  every action's whole vector, with the word to show and the idf of
  each stem, in :class:`ActionTermVector`. ``index_action`` runs after every create and update
  (``actieplan.services``); ``reindex_all`` recomputes every vector with the current
  document frequencies (demo loader, benchmark, or after large imports).
* **Query.** The suggestions for one action read its vector, find candidates among
  submitted and retained actions through the postings of its most distinctive terms,
  score the best candidates exactly (cosine similarity of the unit vectors, summed in
  term order), and boost them by shared barrier,
  target groups and lead domain: ``score = min(1, text * (1 + boost))`` with ``boost``
  up to 0.4, so metadata re-ranks actions that share words but never makes unrelated
  text look similar. Pairs a coordinator dismissed ("geen overlap") are left out.

Everything is plain SQL on indexed columns and Python arithmetic in a fixed order, so
SQLite and PostgreSQL give the same scores; the number of queries does not depend on
the number of actions.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import snowballstemmer
from django.db import transaction
from django.db.models import Count, Q

from actieplan.models import Action, ActionTermVector, SimilarityDismissal, Status, TermPosting

# Suggestions at or above this score are shown (board counts, action page, API).
THRESHOLD = 0.2
# Statuses whose actions take part in alignment: they get and are suggestions.
ELIGIBLE = (Status.SUBMITTED, Status.RETAINED)
FIELD_WEIGHTS = (("title", 2.0), ("description", 1.0), ("intended_result", 1.0))
BOOST_BARRIER = 0.2  # same primary barrier (half when they only share a secondary one)
BOOST_TARGET_GROUPS = 0.1  # times the Jaccard overlap of the target groups
BOOST_LEAD_DOMAIN = 0.1  # same lead policy domain
MAX_BOOST = 1 + BOOST_BARRIER + BOOST_TARGET_GROUPS + BOOST_LEAD_DOMAIN
QUERY_TERMS = 16  # the rarest terms of an action find the candidates
MAX_CANDIDATES = 50  # candidates scored exactly on all shared terms
SHARED_TERMS_SHOWN = 8
MAX_TERM_LENGTH = 60  # TermPosting.term

# Dutch stop words: function words, auxiliaries, and words every action text uses
# ("actie", "werk" is *not* here: it carries meaning next to other words).
STOP_WORDS = frozenset(
    """
    aan aangezien al alle allen alles als alsook altijd ander andere anders bij binnen
    boven buiten daar daarbij daarin daarmee daarna daarom daarvan dan dat de deze die
    dit doch doen door dus echter een eens eigen elk elke en enkel enkele er erg ervan
    even ge geen geweest haar had hadden heb hebben heeft hem hen het hier hierbij hij
    hoe hun ieder iedere iemand iets ik in inzake is ja je jij jullie kan kon konden kun
    kunnen kunt laatste later liever maar mag meer met mij mijn moet moeten na naar
    naast niet niets nog nu of om omdat ondanks onder ons onze ook op over per reeds
    rond rondom sinds slechts sommige steeds te tegen ten ter terwijl toch toe tot tussen
    u uit uw van vanaf vanuit veel voor vooral voordat vorm wanneer want waren was wat
    we wel welk welke werd werden wie wij wil willen word worden wordt zal zelf zich zij
    zijn zo zoals zodat zonder zou zouden zullen via waar waarbij waarin waarmee
    waarvan waardoor daardoor hierdoor bv bijvoorbeeld mee samen minstens maximaal
    eerste tweede derde nieuw nieuwe jaar jaarlijks per procent
    actie acties gaan gaat komen komt maken maakt krijgen krijgt zetten zet
    """.split()
)

_stemmer = snowballstemmer.stemmer("dutch")
_WORD_RE = re.compile(r"[a-z][a-z0-9]*")


# --------------------------------------------------------------------------- analysis
def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", (text or "").lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def analyse(text: str) -> list[tuple[str, str]]:
    """``(stem, word)`` for every meaningful word of ``text``, in order."""
    words = [w for w in _WORD_RE.findall(_fold(text).replace("-", " ")) if len(w) > 2 and w not in STOP_WORDS]
    stems = _stemmer.stemWords(words)
    return [(stem[:MAX_TERM_LENGTH], word) for stem, word in zip(stems, words) if len(stem) > 1]


def term_frequencies(title: str, description: str, intended_result: str) -> dict[str, tuple[float, str]]:
    """Weighted term frequency per stem, and the word shown for it (its most frequent form)."""
    texts = {"title": title, "description": description, "intended_result": intended_result}
    tf: dict[str, float] = defaultdict(float)
    forms: dict[str, Counter] = defaultdict(Counter)
    for name, weight in FIELD_WEIGHTS:
        for stem, word in analyse(texts[name]):
            tf[stem] += weight
            forms[stem][word] += 1
    return {stem: (tf[stem], min(forms[stem].items(), key=lambda kv: (-kv[1], kv[0]))[0]) for stem in sorted(tf)}


def _idf(df: int, n: int) -> float:
    return 1.0 + math.log((n + 1) / (df + 1))


def _vector(tf: dict[str, tuple[float, str]], df: dict[str, int], n: int) -> tuple[dict[str, list], float]:
    """Unit TF-IDF vector ``{stem: [weight, word, idf]}`` and the norm before normalising."""
    idf = {stem: _idf(df.get(stem, 0), n) for stem in tf}
    raw = {stem: (1.0 + math.log(count)) * idf[stem] for stem, (count, _word) in tf.items()}
    norm = math.sqrt(sum(w * w for w in raw.values()))
    if not norm:
        return {}, 0.0
    return {stem: [round(raw[stem] / norm, 9), tf[stem][1], round(idf[stem], 6)] for stem in sorted(raw)}, norm


# --------------------------------------------------------------------------- indexing
def index_action(action: Action) -> None:
    """(Re)index one action with the current document frequencies (five or six queries).

    Document frequencies count the submitted and retained actions (the candidates) plus
    this action; only candidates have postings.
    """
    tf = term_frequencies(action.title, action.description, action.intended_result)
    n = ActionTermVector.objects.filter(action__status__in=ELIGIBLE).exclude(action_id=action.pk).count() + 1
    df = dict(
        TermPosting.objects.filter(term__in=list(tf)).exclude(action_id=action.pk)
        .values_list("term").annotate(n=Count("id")).order_by()
    ) if tf else {}
    df = {term: count + 1 for term, count in df.items()}  # this action itself
    for term in tf:
        df.setdefault(term, 1)
    vector, norm = _vector(tf, df, n)
    _store(action.pk, vector, norm, eligible=action.status in ELIGIBLE)


def _store(action_id: int, vector: dict, norm: float, *, eligible: bool) -> None:
    with transaction.atomic():
        TermPosting.objects.filter(action_id=action_id).delete()
        if eligible:
            TermPosting.objects.bulk_create(_postings(action_id, vector))
        ActionTermVector.objects.update_or_create(action_id=action_id, defaults={"terms": vector, "norm": norm})


def _postings(action_id: int, vector: dict) -> list[TermPosting]:
    return [TermPosting(action_id=action_id, term=stem, weight=w) for stem, (w, *_rest) in vector.items()]


def status_changed(action: Action) -> None:
    """After a transition: an action is a candidate (has postings) only while submitted or retained."""
    if action.status not in ELIGIBLE:
        TermPosting.objects.filter(action_id=action.pk).delete()
        return
    if TermPosting.objects.filter(action_id=action.pk).exists():
        return
    vector = ActionTermVector.objects.filter(action_id=action.pk).values_list("terms", flat=True).first()
    if vector is None:
        index_action(action)
    else:
        TermPosting.objects.bulk_create(_postings(action.pk, vector))


@transaction.atomic
def reindex_all() -> int:
    """Recompute every vector with the document frequencies of the current candidates."""
    rows = Action.objects.order_by("pk").values_list("pk", "status", "title", "description", "intended_result")
    tfs, eligible = {}, set()
    for pk, status, title, description, result in rows:
        tfs[pk] = term_frequencies(title, description, result)
        if status in ELIGIBLE:
            eligible.add(pk)
    df: Counter = Counter()
    for pk in eligible:
        df.update(tfs[pk].keys())
    n = len(eligible)
    TermPosting.objects.all().delete()
    ActionTermVector.objects.all().delete()
    postings, vectors = [], []
    for pk, tf in tfs.items():
        if pk in eligible:
            vector, norm = _vector(tf, df, n)
            postings += _postings(pk, vector)
        else:  # like index_action: the collection of candidates plus this action
            vector, norm = _vector(tf, {t: df.get(t, 0) + 1 for t in tf}, n + 1)
        vectors.append(ActionTermVector(action_id=pk, terms=vector, norm=norm))
    ActionTermVector.objects.bulk_create(vectors, batch_size=1000)
    TermPosting.objects.bulk_create(postings, batch_size=5000)
    return len(tfs)


# --------------------------------------------------------------------------- scoring
@dataclass(frozen=True)
class Meta:
    """What the boost looks at."""

    barrier: int | None
    secondary: frozenset = frozenset()
    target_groups: frozenset = frozenset()
    lead_domain: int | None = None
    status: str = ""


def boost_factor(a: Meta, b: Meta) -> float:
    factor = 1.0
    if a.barrier and a.barrier == b.barrier:
        factor += BOOST_BARRIER
    elif ({a.barrier} | a.secondary) & ({b.barrier} | b.secondary) - {None}:
        factor += BOOST_BARRIER / 2
    union = a.target_groups | b.target_groups
    if union:
        factor += BOOST_TARGET_GROUPS * len(a.target_groups & b.target_groups) / len(union)
    if a.lead_domain and a.lead_domain == b.lead_domain:
        factor += BOOST_LEAD_DOMAIN
    return factor


def combine(text: float, a: Meta, b: Meta) -> float:
    return round(min(1.0, text * boost_factor(a, b)), 4)


def metadata(action_ids) -> dict[int, Meta]:
    """Barrier, secondary barriers, target groups, lead domain and status per action (three queries)."""
    action_ids = list(action_ids)
    if not action_ids:
        return {}
    secondary, groups = defaultdict(set), defaultdict(set)
    through = Action.secondary_barriers.through
    rows = through.objects.filter(action_id__in=action_ids).values_list("action_id", "barrier_id")
    for action_id, barrier_id in rows:
        secondary[action_id].add(barrier_id)
    through = Action.target_groups.through
    rows = through.objects.filter(action_id__in=action_ids).values_list("action_id", "targetgroup_id")
    for action_id, group_id in rows:
        groups[action_id].add(group_id)
    return {
        pk: Meta(barrier, frozenset(secondary[pk]), frozenset(groups[pk]), lead, status)
        for pk, barrier, lead, status in Action.objects.filter(pk__in=action_ids).values_list(
            "pk", "primary_barrier_id", "lead_domain_id", "status")
    }


def dismissed_with(action_id: int) -> set[int]:
    pairs = SimilarityDismissal.objects.filter(Q(action_low_id=action_id) | Q(action_high_id=action_id))
    return {low if high == action_id else high for low, high in pairs.values_list("action_low_id", "action_high_id")}


@dataclass
class Suggestion:
    action: int
    score: float
    shared_terms: list[str] = field(default_factory=list)
    text_score: float = 0.0


def similar_to(action: Action | int, *, limit: int = 10, min_score: float = THRESHOLD,
               include_dismissed: bool = False) -> list[Suggestion]:
    """The submitted and retained actions most similar to ``action``, best first.

    Two steps, so the cost stays low with many actions: candidates come from the
    postings of the action's ``QUERY_TERMS`` rarest terms (highest idf);
    the best ``MAX_CANDIDATES`` of them are then scored exactly on all shared terms.
    Queries: the action's vector, the postings of its rare terms, the postings of the
    candidates for all its terms, the dismissed pairs, and the metadata of the action
    and its candidates (three): seven in all.
    """
    action_id = action if isinstance(action, int) else action.pk
    vector = ActionTermVector.objects.filter(action_id=action_id).values_list("terms", flat=True).first()
    if not vector:
        return []
    # the rarest terms (highest idf) find candidates; common words would only add rows
    query_terms = sorted(vector, key=lambda t: (-_rarity(vector[t]), -vector[t][0], t))[:QUERY_TERMS]
    partial: dict[int, float] = defaultdict(float)
    # Only candidates (submitted, retained) have postings; their status is checked again below.
    postings = TermPosting.objects.filter(term__in=query_terms).exclude(action_id=action_id).values_list(
        "action_id", "term", "weight")
    for other, term, weight in sorted(postings):  # a fixed order: same sums on every database
        partial[other] += vector[term][0] * weight
    ranked = sorted(partial, key=lambda other: (-round(partial[other], 6), other))[:MAX_CANDIDATES]
    if not ranked:
        return []
    # Exact scores: every shared term of the best candidates (not only the rare ones).
    shared_weights: dict[int, dict[str, list]] = defaultdict(dict)
    for other, term, weight in TermPosting.objects.filter(action_id__in=ranked, term__in=list(vector)).values_list(
            "action_id", "term", "weight"):
        shared_weights[other][term] = [weight]
    excluded = set() if include_dismissed else dismissed_with(action_id)
    scored = []
    for other in ranked:
        if other in excluded or other not in shared_weights:
            continue
        text, shared = _dot(vector, shared_weights[other])
        if text * MAX_BOOST >= min_score:
            scored.append((text, other, shared))
    if not scored:
        return []
    meta = metadata([action_id] + [other for _text, other, _shared in scored])
    own = meta.get(action_id, Meta(None))
    suggestions = []
    for text, other, shared in scored:
        theirs = meta.get(other)
        if theirs is None or theirs.status not in ELIGIBLE:
            continue
        score = combine(text, own, theirs)
        if score >= min_score:
            suggestions.append(Suggestion(other, score, [vector[t][1] for _p, t in shared[:SHARED_TERMS_SHOWN]], text))
    suggestions.sort(key=lambda s: (-s.score, -s.text_score, s.action))
    return suggestions[:limit]


def _rarity(entry: list) -> float:
    return entry[2] if len(entry) > 2 else entry[0]


def _dot(a: dict, b: dict) -> tuple[float, list[tuple[float, str]]]:
    """Cosine of two unit vectors (summed in term order) and the shared terms, heaviest first."""
    products = [(a[t][0] * b[t][0], t) for t in sorted(set(a) & set(b))]
    text = round(sum(p for p, _t in products), 6)
    return text, sorted(products, key=lambda pair: (-pair[0], pair[1]))


def suggestion_counts(action_ids, *, min_score: float = THRESHOLD) -> dict[int, int]:
    """How many suggestions at or above ``min_score`` each of ``action_ids`` has (constant queries)."""
    return {pk: count for pk, (count, _best) in suggestion_summary(action_ids, min_score=min_score).items()}


def suggestion_summary(action_ids, *, min_score: float = THRESHOLD) -> dict[int, tuple[int, int | None]]:
    """Per action of ``action_ids``: (number of suggestions at or above ``min_score``, best one).

    Computes all pairs among eligible actions in memory from their postings: meant for
    the board (the submitted actions of one alignment round).
    """
    action_ids = set(action_ids)
    if not action_ids:
        return {}
    by_term: dict[str, list[tuple[int, float]]] = defaultdict(list)
    own: dict[int, dict[str, float]] = defaultdict(dict)
    for other, term, weight in sorted(TermPosting.objects.values_list("action_id", "term", "weight")):
        by_term[term].append((other, weight))
        if other in action_ids:
            own[other][term] = weight
    dismissed = defaultdict(set)
    for low, high in SimilarityDismissal.objects.values_list("action_low_id", "action_high_id"):
        dismissed[low].add(high)
        dismissed[high].add(low)
    texts: dict[int, dict[int, float]] = {}
    candidates = set(action_ids)
    for action_id in action_ids:
        dot: dict[int, float] = defaultdict(float)
        for term, weight in sorted(own.get(action_id, {}).items()):
            for other, other_weight in by_term[term]:
                if other != action_id:
                    dot[other] += weight * other_weight
        texts[action_id] = {
            other: round(text, 6) for other, text in dot.items()
            if other not in dismissed[action_id] and text * MAX_BOOST >= min_score
        }
        candidates |= set(texts[action_id])
    meta = metadata(candidates)
    summary = {}
    for action_id in action_ids:
        mine = meta.get(action_id, Meta(None))
        scored = sorted(
            (-combine(text, mine, meta[other]), -text, other) for other, text in texts[action_id].items()
            if other in meta and meta[other].status in ELIGIBLE
        )
        shown = [other for negative, _t, other in scored if -negative >= min_score]
        summary[action_id] = (len(shown), shown[0] if shown else None)
    return summary


def pair_score(a: Action, b: Action) -> Suggestion:
    """The score of one pair (compare page), whatever their statuses."""
    vectors = dict(ActionTermVector.objects.filter(action_id__in=[a.pk, b.pk]).values_list("action_id", "terms"))
    va, vb = vectors.get(a.pk, {}), vectors.get(b.pk, {})
    text, shared = _dot(va, vb)
    meta = metadata([a.pk, b.pk])
    score = combine(text, meta.get(a.pk, Meta(None)), meta.get(b.pk, Meta(None)))
    return Suggestion(b.pk, score, [va[t][1] for _p, t in shared[:SHARED_TERMS_SHOWN]], text)
