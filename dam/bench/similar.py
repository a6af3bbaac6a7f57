"""`python -m dam bench similar`: near-duplicate recall on real photographs, group precision, index latency at 1M.

Recall: every original gets 8 edited copies (dam/bench/similar_photos.py); each copy searches originals plus at
least 10,000 distractors (real photographs and regions of them) and counts a hit when its original is among the
top 5. A pair scores the better of as-is and mirrored, as Find similar does. Calibration, printed and copied into
dam/similar/thresholds.py: the similar cutoff is the 99th percentile of copy-to-distractor scores; the duplicate
threshold is the lowest (in steps of 0.005) whose groups are at least CALIBRATION_PRECISION pure on the
calibration half (even-numbered originals with their copies, even-numbered distractors); group precision is then
measured on everything. Latency (dam/bench/similar_latency.py): 1,000,000 vectors, exact scan vs usearch HNSW.
"""

from __future__ import annotations

import argparse
import random
import time

import numpy as np

from dam.cli.common import print_json
from dam.errors import DamError

CALIBRATION_PRECISION = 0.98  # the target: the other half (and everything) is then measured, not tuned


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


def _scores(queries: np.ndarray, base: np.ndarray) -> np.ndarray:
    from dam.similar.descriptor import mirror

    return np.maximum(queries @ base.T, queries @ mirror(base).T)


def _group_report(pairs, family: np.ndarray, threshold: float, originals: int) -> dict:
    from dam.similar import groups

    found = groups.join([p for p in pairs if p[2] >= threshold])
    pure = [len(set(family[g])) == 1 for g in found]
    return {"groups": len(found), "precision": float(np.mean(pure)) if pure else 1.0,
            "pure": [g for g, ok in zip(found, pure) if ok]}  # fmt: skip


def _calibrate(pairs, family: np.ndarray, n: int) -> float:
    """The lowest threshold whose groups are CALIBRATION_PRECISION pure on the calibration half."""
    half = [(a, b, s) for a, b, s in pairs if family[a] % 2 == 0 and family[b] % 2 == 0]
    threshold = 1.0
    for t in np.arange(0.995, 0.5, -0.005):
        if _group_report(half, family, float(t), n)["precision"] < CALIBRATION_PRECISION:
            break
        threshold = round(float(t), 3)
    return threshold


def recall(distractors: int) -> tuple[dict, np.ndarray, np.ndarray]:
    from dam.bench import similar_photos as sp
    from dam.bench import similar_sources
    from dam.similar import groups
    from dam.similar.descriptor import mirror

    missing = " ".join(similar_sources.missing())
    if missing:
        raise DamError("The benchmark's distractors are real photographs from Debian packages; install them "
                       f"with `apt-get install {missing}` (or run `make bench-similar`).")  # fmt: skip
    photos, regions = sp.benchmark_set()
    rng = random.Random(1)
    rendered = [sp.render(photos, r) for r in regions]
    least_detail = min(sp.detail(image) for image in rendered)
    chosen = sp.distractor_regions(photos, regions, distractors, min_detail=least_detail)
    originals, _ = _embed(rendered)
    others, per_image = _embed(sp.render(photos, r, rng) for r in chosen)
    copies = {how: _embed(sp.transformed(image, how) for image in rendered)[0] for how in sp.TRANSFORMS}
    base = np.concatenate([originals, others])
    n = len(originals)
    report: dict = {"photos": len(photos), "originals": n, "distractors": len(others),
                    "distractor_min_detail": round(least_detail, 4)}  # fmt: skip
    unrelated = []
    for how, queries in copies.items():
        scores = _scores(queries, base)
        top = np.argsort(-scores, axis=1)[:, :5]
        hits = np.array([i in top[i] for i in range(n)])
        report[f"recall@5 {how}"] = round(float(hits.mean()), 3)
        report[f"missed {how}"] = [f"{regions[i].photo}{regions[i].box}" for i in np.flatnonzero(~hits)]
        unrelated.append(scores[:, n:].ravel())
    similar_cutoff = float(np.quantile(np.concatenate(unrelated), 0.99))
    # Duplicate groups among everything (originals, copies, distractors); family says which belong together.
    vectors = np.concatenate([originals, *copies.values(), others])
    family = np.concatenate([np.arange(n)] * (1 + len(copies)) + [n + np.arange(len(others))])
    pairs = groups.close_pairs(np.arange(len(vectors)), vectors, 0.5, mirror(vectors))
    threshold = _calibrate(pairs, family, n)
    result = _group_report(pairs, family, threshold, n)
    with_original = {m for g in result["pure"] if family[g[0]] < n and any(i < n for i in g) for m in g}
    grouped = {how: round(float(np.mean([n * (1 + k) + i in with_original for i in range(n)])), 3)
               for k, how in enumerate(copies)}  # fmt: skip
    report.update({
        "similar_cutoff": round(similar_cutoff, 3), "duplicate_threshold": threshold,
        "groups": result["groups"], "group_precision": round(result["precision"], 4),
        "copies_grouped_with_their_original": grouped,
        "descriptor_ms_per_image": round(per_image * 1000, 2),
    })  # fmt: skip
    return report, vectors, np.concatenate(list(copies.values()))


def cmd_similar(args: argparse.Namespace) -> None:
    from dam.bench import similar_latency
    from dam.repos import embeddings

    report, vectors, queries = recall(args.distractors)
    report["ingest_ms_per_image"] = similar_latency.ingest_cost()
    if args.vectors:
        width = embeddings.TABLES["descriptor"][1]  # as stored: zero-padded, which the index's memory pays for
        pad = ((0, 0), (0, width - vectors.shape[1]))
        report["latency"] = similar_latency.latency(np.pad(vectors, pad), np.pad(queries, pad), args.vectors,
                                                    args.queries)  # fmt: skip
    print_json(report)
