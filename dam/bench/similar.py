"""`python -m dam bench similar`: near-duplicate recall on real photographs, group precision, index latency at 1M.

Recall: every original gets 8 edited copies (dam/bench/similar_photos.py); each copy searches originals plus
10,000 distractors and counts a hit when its original is among the top 5. Calibration (dam/similar/thresholds.py):
the similar cutoff is the 99th percentile of copy-to-distractor scores; the duplicate threshold the lowest score
keeping pairs >= 99% true on the even-numbered originals; group precision is then measured on everything.
Latency: 1,000,000 vectors made from the real descriptors (each a real vector mixed with another and noise, then
normalised, so they spread like real ones), real copies as queries, exact float16 scan vs usearch HNSW.
"""

from __future__ import annotations

import argparse
import random
import time

import numpy as np

from dam.cli.common import print_json


def register(benchmarks: argparse._SubParsersAction) -> None:
    parser = benchmarks.add_parser("similar", help="near-duplicate recall on real photos and index latency at 1M")
    parser.add_argument("--distractors", type=int, default=10_000)
    parser.add_argument("--vectors", type=int, default=1_000_000, help="index size for latency (0: skip)")
    parser.add_argument("--queries", type=int, default=300)
    parser.set_defaults(handler=cmd_similar)


def _embed(images) -> tuple[np.ndarray, float]:
    from dam.similar.descriptor import describe

    start = time.perf_counter()
    vectors = np.stack([describe(image) for image in images])
    return vectors, (time.perf_counter() - start) / max(1, len(vectors))


def recall(distractors: int) -> dict:
    from dam.bench import similar_photos as sp
    from dam.similar import groups

    photos = sp.source_photos()
    regions = sp.original_regions(photos)
    rng = random.Random(1)
    originals, _ = _embed([sp.render(photos, r) for r in regions])
    others, per_image = _embed(sp.render(photos, r, rng) for r in sp.distractor_regions(photos, regions, distractors))
    copies = {how: _embed(sp.transformed(sp.render(photos, r), how) for r in regions)[0] for how in sp.TRANSFORMS}
    base = np.concatenate([originals, others])
    n = len(originals)
    report: dict = {"originals": n, "distractors": len(others), "descriptor_ms_per_image": round(per_image * 1000, 2)}
    unrelated = []
    for how, queries in copies.items():
        scores = queries @ base.T
        top = np.argsort(-scores, axis=1)[:, :5]
        hits = np.array([i in top[i] for i in range(n)])
        report[f"recall@5 {how}"] = round(float(hits.mean()), 3)
        report[f"missed {how}"] = [f"{regions[i].photo}{regions[i].box}" for i in np.flatnonzero(~hits)]
        unrelated.append(scores[:, n:].ravel())
    similar_cutoff = float(np.quantile(np.concatenate(unrelated), 0.99))
    # Duplicate threshold: pairs among everything (originals, copies, distractors) near each other.
    vectors = np.concatenate([originals, *copies.values(), others])
    family = np.concatenate([np.arange(n)] * (1 + len(copies)) + [n + np.arange(len(others))])
    ids = np.arange(len(vectors))
    pairs = groups.close_pairs(ids, vectors, 0.5)
    calibrate = [(a, b, s) for a, b, s in pairs if family[a] % 2 == 0 or family[b] % 2 == 0]
    threshold = 1.0
    for t in np.arange(0.99, 0.5, -0.005):
        kept = [family[a] == family[b] for a, b, s in calibrate if s >= t]
        if kept and np.mean(kept) < 0.99:
            break
        threshold = float(t)
    found = groups.join([p for p in pairs if p[2] >= threshold])
    pure = [len(set(family[g])) == 1 for g in found]
    in_pairs = [family[a] == family[b] for a, b, s in pairs if s >= threshold]
    grouped = sum(len(g) for g, ok in zip(found, pure) if ok and family[g[0]] < n)
    report.update({
        "similar_cutoff": round(similar_cutoff, 3), "duplicate_threshold": round(threshold, 3),
        "groups": len(found), "group_precision": round(float(np.mean(pure)) if pure else 1.0, 4),
        "pair_precision": round(float(np.mean(in_pairs)) if in_pairs else 1.0, 4),
        "copies_grouped_with_their_original": round(grouped / (n * (1 + len(copies))), 3),
    })  # fmt: skip
    return report, vectors, np.concatenate(list(copies.values()))


def latency(real: np.ndarray, queries: np.ndarray, count: int, n_queries: int) -> dict:
    import torch

    from dam.similar.index import ExactIndex, HnswIndex

    rng = np.random.default_rng(3)
    pick = rng.integers(0, len(real), size=(count, 2))
    mix = rng.uniform(0.0, 0.5, size=(count, 1)).astype(np.float32)
    made = (1 - mix) * real[pick[:, 0]] + mix * real[pick[:, 1]] + rng.normal(0, 0.04, (count, real.shape[1])).astype(np.float32)
    made /= np.linalg.norm(made, axis=1, keepdims=True)
    ids = np.arange(count, dtype=np.int64)
    qs = queries[rng.choice(len(queries), n_queries, replace=False)]
    torch.set_num_threads(1)
    exact = ExactIndex(ids, made)
    truth, exact_ms = [], []
    for q in qs:
        start = time.perf_counter()
        found, _ = exact.search(q, 20)
        exact_ms.append((time.perf_counter() - start) * 1000)
        truth.append(set(found.tolist()))
    start = time.perf_counter()
    hnsw = HnswIndex(ids, made)
    build_s = time.perf_counter() - start
    hnsw_ms, recalls = [], []
    for q, want in zip(qs, truth):
        start = time.perf_counter()
        found, _ = hnsw.search(q, 20)
        hnsw_ms.append((time.perf_counter() - start) * 1000)
        recalls.append(len(want & set(found.tolist())) / 20)
    return {
        "vectors": count, "dimensions": int(real.shape[1]),
        "exact_fp16_p50_ms": round(float(np.median(exact_ms)), 2),
        "exact_memory_mb": round(exact.matrix.numel() * 2 / 2**20),
        "hnsw_build_s": round(build_s, 1), "hnsw_p50_ms": round(float(np.median(hnsw_ms)), 3),
        "hnsw_p99_ms": round(float(np.quantile(hnsw_ms, 0.99)), 3),
        "hnsw_recall@20_vs_exact": round(float(np.mean(recalls)), 4),
        "hnsw_memory_mb": round(hnsw.index.memory_usage / 2**20),
    }  # fmt: skip


def cmd_similar(args: argparse.Namespace) -> None:
    report, vectors, queries = recall(args.distractors)
    if args.vectors:
        report["latency"] = latency(vectors[:, :], queries, args.vectors, args.queries)
    print_json(report)
