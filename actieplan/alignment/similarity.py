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
  (``actieplan.actions.services``); ``reindex_all`` recomputes every vector with the current
  document frequencies (demo loader, benchmark, or after large imports).
* **Query.** The suggestions for one action read its vector, find candidates among
  submitted and retained actions through the postings of its most distinctive terms,
  score the best candidates exactly (cosine similarity of the unit vectors, summed in
  term order), and boost them by shared barrier,
  target groups and lead domain: ``score = min(1, text * (1 + boost))`` with ``boost``
  up to 0.4, so metadata re-ranks actions that share words but never makes unrelated
  text look similar. Pairs a coordinator dismissed ("geen overlap") are left out.
* **Stored pairs (the board).** Counting the suggestions of every submitted action means
  scoring every pair of candidates, far too slow for a page. So every pair of candidates
  whose score reaches ``THRESHOLD`` is stored, both ways, in :class:`SimilarityPair`
  (exact scores, the same as the suggestions'): ``refresh_pairs`` recomputes the pairs of
  one action whenever its postings or metadata change (``index_action``,
  ``status_changed``, a merge that carries target groups over), ``rebuild_pairs`` all of
  them (``reindex_all``, bulk loads). ``suggestion_summary`` then counts and ranks the
  suggestions of a page of actions with one indexed query.

Everything is plain SQL on indexed columns and Python arithmetic in a fixed order, so
SQLite and PostgreSQL give the same scores; the number of queries does not depend on
the number of actions.
"""

from __future__ import annotations

import math
import re
import unicodedata
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import snowballstemmer
from django.db import connection, transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, Least

from actieplan.models import Action, ActionTermVector, SimilarityDismissal, SimilarityPair, Status, TermPosting
from common import datacache

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


_expander = None


def set_expander(expander) -> None:
    """Install the query expansion of the thesaurus (``overlap`` does, at start-up).

    ``expander(text)`` returns the terms to add to ``text`` (the heads of the synonym sets
    it mentions); they count once, as a word of the description.
    """
    global _expander
    _expander = expander


def term_frequencies(title: str, description: str, intended_result: str) -> dict[str, tuple[float, str]]:
    """Weighted term frequency per stem, and the word shown for it (its most frequent form).

    With a thesaurus installed (``set_expander``), the heads of the synonym sets the text
    mentions are added, so two texts using different members of a set share a term.
    """
    texts = {"title": title, "description": description, "intended_result": intended_result,
             "synonyms": _expander(" ".join((title or "", description or "", intended_result or "")))
             if _expander else ""}
    tf: dict[str, float] = defaultdict(float)
    forms: dict[str, Counter] = defaultdict(Counter)
    for name, weight in (*FIELD_WEIGHTS, ("synonyms", 1.0)):
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
    """(Re)index one action with the current document frequencies, and its stored pairs.

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
        _delete(TermPosting.objects.filter(action_id=action_id))
        if eligible:
            TermPosting.objects.bulk_create(_postings(action_id, vector))
        ActionTermVector.objects.update_or_create(action_id=action_id, defaults={"terms": vector, "norm": norm})
        refresh_pairs(action_id)


def _postings(action_id: int, vector: dict) -> list[TermPosting]:
    return [TermPosting(action_id=action_id, term=stem, weight=w) for stem, (w, *_rest) in vector.items()]


def _delete(queryset: QuerySet) -> None:
    """Delete rows of the index in one statement.

    Derived rows: no other model refers to them and no per-row signal is wanted (the
    data cache's receivers would otherwise make Django fetch and signal every row); one
    data-version bump stands for them all.
    """
    queryset._raw_delete(queryset.db)
    datacache.bump(topics="overlap")


def status_changed(action: Action) -> None:
    """After a transition: an action is a candidate (has postings) only while submitted or retained."""
    if action.status not in ELIGIBLE:
        with transaction.atomic():
            _lock_pairs()
            _delete(TermPosting.objects.filter(action_id=action.pk))
            _delete(SimilarityPair.objects.filter(Q(action_id=action.pk) | Q(other_id=action.pk)))
        return
    if TermPosting.objects.filter(action_id=action.pk).exists():
        return
    vector = ActionTermVector.objects.filter(action_id=action.pk).values_list("terms", flat=True).first()
    if vector is None:
        index_action(action)
    else:
        TermPosting.objects.bulk_create(_postings(action.pk, vector))
        refresh_pairs(action.pk)


@transaction.atomic
def reindex_all() -> int:
    """Recompute every vector with the document frequencies of the current candidates, and every pair."""
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
    _delete(TermPosting.objects.all())
    _delete(ActionTermVector.objects.all())
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
    rebuild_pairs()
    return len(tfs)


# --------------------------------------------------------------------------- stored pairs
def _pair_rows(action_id: int, dots: dict[int, float], meta: dict) -> list[tuple[int, int, float, float]]:
    """Both rows (action, other, score, text) of every pair of ``action_id`` scoring at least ``THRESHOLD``.

    ``dots`` are the raw text similarities (summed in term order, as ``_dot`` does);
    then the same rounding, boost and threshold as the suggestions.
    """
    mine = meta.get(action_id)
    rows = []
    if mine is None:
        return rows
    for other, dot in dots.items():
        theirs = meta.get(other)
        if theirs is None or dot * MAX_BOOST < THRESHOLD:
            continue
        text = round(dot, 6)
        score = combine(text, mine, theirs)
        if score >= THRESHOLD:
            rows.append((action_id, other, score, text))
            rows.append((other, action_id, score, text))
    return rows


def _insert_pairs(rows: list[tuple[int, int, float, float]]) -> None:
    """Insert pair rows as plain tuples: hundreds of thousands after a full rebuild.

    COPY on PostgreSQL, multi-row INSERTs elsewhere; no model instances, no signals.
    """
    if not rows:
        return
    qn = connection.ops.quote_name
    table = qn(SimilarityPair._meta.db_table)
    columns = ", ".join(qn(SimilarityPair._meta.get_field(name).column) for name in ("action", "other", "score",
                                                                                      "text"))
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.wrap_database_errors, connection.connection.cursor() as cursor:
            with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        return
    cursor = connection.create_cursor()  # without DEBUG's logging of every huge statement
    try:
        with connection.wrap_database_errors:
            for start in range(0, len(rows), 5000):  # 20,000 parameters: under SQLite's limit
                chunk = rows[start:start + 5000]
                values = ", ".join(["(%s, %s, %s, %s)"] * len(chunk))
                cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}",
                               [value for row in chunk for value in row])
    finally:
        cursor.close()


def _lock_pairs() -> None:
    """Refresh the pairs one transaction at a time (PostgreSQL; SQLite writes one at a time anyway).

    Two actions refreshed at once would each store their shared pair. Readers are not blocked.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {connection.ops.quote_name(SimilarityPair._meta.db_table)} "
                           "IN SHARE ROW EXCLUSIVE MODE")


@transaction.atomic
def refresh_pairs(action: Action | int) -> None:
    """Recompute the stored pairs of one action, after its postings or metadata changed.

    Queries: lock, delete its pairs, its postings, the postings sharing a term, the metadata
    of the action and its candidates (three), and the insert.
    """
    action_id = action if isinstance(action, int) else action.pk
    _lock_pairs()
    _delete(SimilarityPair.objects.filter(Q(action_id=action_id) | Q(other_id=action_id)))
    own = dict(TermPosting.objects.filter(action_id=action_id).values_list("term", "weight"))
    if not own:
        return
    dots: dict[int, float] = defaultdict(float)
    postings = TermPosting.objects.filter(term__in=list(own)).exclude(action_id=action_id).values_list(
        "action_id", "term", "weight")
    for other, term, weight in sorted(postings):  # per pair: the shared terms in order, like _dot
        dots[other] += own[term] * weight
    candidates = [other for other, dot in dots.items() if dot * MAX_BOOST >= THRESHOLD]
    meta = metadata([action_id, *candidates]) if candidates else {}
    _insert_pairs(_pair_rows(action_id, dots, meta))


@transaction.atomic
def rebuild_pairs() -> int:
    """Recompute every stored pair from the postings (after ``reindex_all`` or a bulk load).

    Each pair is scored once, from its lower id, on the shared terms in order (the sums
    ``refresh_pairs`` and ``_dot`` make). Returns the number of rows (two per pair).
    """
    _lock_pairs()
    _delete(SimilarityPair.objects.all())
    by_term: dict[str, list[tuple[int, float]]] = defaultdict(list)
    own: dict[int, dict[str, float]] = defaultdict(dict)
    for action_id, term, weight in sorted(TermPosting.objects.values_list("action_id", "term", "weight")):
        by_term[term].append((action_id, weight))
        own[action_id][term] = weight
    ids_of = {term: [action_id for action_id, _w in rows] for term, rows in by_term.items()}
    meta = metadata(own)
    rows: list[tuple[int, int, float, float]] = []
    for action_id in sorted(own):
        dots: dict[int, float] = defaultdict(float)
        for term, weight in sorted(own[action_id].items()):
            for other, other_weight in by_term[term][bisect_right(ids_of[term], action_id):]:
                dots[other] += weight * other_weight
        rows += _pair_rows(action_id, dots, meta)
    _insert_pairs(rows)
    return len(rows)


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



def _stored_suggestions(min_score: float) -> QuerySet:
    """The stored pairs of the outer query's action at or above ``min_score``, dismissed pairs left out."""
    if min_score < THRESHOLD:
        raise ValueError(f"only pairs scoring at least {THRESHOLD} are stored")
    dismissed = SimilarityDismissal.objects.filter(
        action_low=Least(OuterRef("action_id"), OuterRef("other_id")),
        action_high=Greatest(OuterRef("action_id"), OuterRef("other_id")),
    )
    return SimilarityPair.objects.filter(action_id=OuterRef("pk"), score__gte=min_score).filter(~Exists(dismissed))


def with_suggestions(actions: QuerySet, *, min_score: float = THRESHOLD) -> QuerySet:
    """``actions`` annotated with ``suggestion_count`` and ``best_suggestion`` (the id of the best one, or None).

    Every other candidate scoring at least ``min_score`` counts (all pairs, not only the
    candidates ``similar_to`` looks at); read from the stored pairs, so the cost depends on
    the actions annotated, not on how many actions there are.
    """
    pairs = _stored_suggestions(min_score)
    count = pairs.order_by().values("action_id").annotate(n=Count("*")).values("n")
    best = pairs.order_by("-score", "-text", "other_id").values("other_id")[:1]
    return actions.annotate(
        suggestion_count=Coalesce(Subquery(count, output_field=IntegerField()), Value(0)),
        best_suggestion=Subquery(best, output_field=IntegerField()),
    )


def suggestion_summary(action_ids, *, min_score: float = THRESHOLD) -> dict[int, tuple[int, int | None]]:
    """Per action of ``action_ids``: (number of suggestions at or above ``min_score``, best one).

    One query on the stored pairs (``with_suggestions``).
    """
    action_ids = list(action_ids)
    if not action_ids:
        return {}
    rows = with_suggestions(Action.objects.filter(pk__in=action_ids), min_score=min_score).values_list(
        "pk", "suggestion_count", "best_suggestion")
    return {pk: (count, best) for pk, count, best in rows}


def pair_score(a: Action, b: Action) -> Suggestion:
    """The score of one pair (compare page), whatever their statuses.

    Queries: the two vectors, and the metadata unless both actions come with their
    secondary barriers and target groups prefetched (the compare page's).
    """
    vectors = dict(ActionTermVector.objects.filter(action_id__in=[a.pk, b.pk]).values_list("action_id", "terms"))
    va, vb = vectors.get(a.pk, {}), vectors.get(b.pk, {})
    text, shared = _dot(va, vb)
    if _has_prefetched_metadata(a) and _has_prefetched_metadata(b):
        meta = {a.pk: _loaded_meta(a), b.pk: _loaded_meta(b)}
    else:
        meta = metadata([a.pk, b.pk])
    score = combine(text, meta.get(a.pk, Meta(None)), meta.get(b.pk, Meta(None)))
    return Suggestion(b.pk, score, [va[t][1] for _p, t in shared[:SHARED_TERMS_SHOWN]], text)


def _has_prefetched_metadata(action: Action) -> bool:
    cache = getattr(action, "_prefetched_objects_cache", {})
    return "secondary_barriers" in cache and "target_groups" in cache


def _loaded_meta(action: Action) -> Meta:
    """What ``metadata`` would read, from an action loaded with its relations."""
    return Meta(action.primary_barrier_id, frozenset(o.pk for o in action.secondary_barriers.all()),
                frozenset(o.pk for o in action.target_groups.all()), action.lead_domain_id, action.status)
