"""Find similar at scale: top-20 latency and recall of the usearch HNSW index at 1,000,000 vectors, and ingest cost.

The vectors are made from the benchmark's real descriptors (each a real vector mixed with another and noise, then
normalised, so they spread like real ones); the queries are real edited copies. A Find similar query searches the
picture and its mirror image (dam/services/similar.py), so its latency is that of two searches; both are quoted.
"""

from __future__ import annotations

import io
import time

import numpy as np


def _vectors(real: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    made = np.empty((count, real.shape[1]), np.float32)
    for start in range(0, count, 100_000):  # in slices: the temporaries of 1M rows at once cost gigabytes
        rows = min(100_000, count - start)
        pick = rng.integers(0, len(real), size=(rows, 2))
        mix = rng.uniform(0.0, 0.5, size=(rows, 1)).astype(np.float32)
        part = (1 - mix) * real[pick[:, 0]] + mix * real[pick[:, 1]]
        part += rng.normal(0, 0.04, part.shape).astype(np.float32)
        made[start : start + rows] = part / np.linalg.norm(part, axis=1, keepdims=True)
    return made


def _timed(search, queries) -> tuple[list[np.ndarray], list[float]]:
    found, ms = [], []
    for q in queries:
        start = time.perf_counter()
        ids = search(q)
        ms.append((time.perf_counter() - start) * 1000)
        found.append(ids)
    return found, ms


def latency(real: np.ndarray, queries: np.ndarray, count: int, n_queries: int) -> dict:
    """Exact float16 scan against HNSW on `count` vectors: p50/p99 ms of top-20, recall@20, memory."""
    import torch

    from dam.similar.descriptor import mirror
    from dam.similar.index import ExactIndex, HnswIndex

    rng = np.random.default_rng(3)
    made = _vectors(real, count, rng)
    ids = np.arange(count, dtype=np.int64)
    qs = queries[rng.choice(len(queries), n_queries, replace=False)]
    torch.set_num_threads(1)
    exact = ExactIndex(ids, made)
    truth, exact_ms = _timed(lambda q: exact.search(q, 20)[0], qs)
    exact_mb = exact.matrix.numel() * 2 / 2**20
    del exact
    start = time.perf_counter()
    hnsw = HnswIndex(ids, made)
    build_s = time.perf_counter() - start
    del made
    found, hnsw_ms = _timed(lambda q: hnsw.search(q, 20)[0], qs)
    _, both_ms = _timed(lambda q: (hnsw.search(q, 20), hnsw.search(mirror(q), 20)), qs)
    recalls = [len(set(want.tolist()) & set(got.tolist())) / 20 for want, got in zip(truth, found)]
    return {
        "vectors": count, "dimensions": int(real.shape[1]),
        "exact_fp16_p50_ms": round(float(np.median(exact_ms)), 2), "exact_memory_mb": round(exact_mb),
        "hnsw_build_s": round(build_s, 1), "hnsw_p50_ms": round(float(np.median(hnsw_ms)), 3),
        "hnsw_p99_ms": round(float(np.quantile(hnsw_ms, 0.99)), 3),
        "find_similar_with_mirror_p50_ms": round(float(np.median(both_ms)), 3),
        "hnsw_recall@20_vs_exact": round(float(np.mean(recalls)), 4),
        "hnsw_memory_mb": round(hnsw.index.memory_usage / 2**20),
    }  # fmt: skip


def ingest_cost(count: int = 60) -> float:
    """Milliseconds per image to make the descriptor as ingest does: decode the 400 px WebP thumbnail, describe."""
    from PIL import Image

    from dam.bench.similar_photos import source_photos
    from dam.similar.descriptor import describe

    thumbnails = []
    for image in list(source_photos().values()) * (count // 17 + 1):
        small = image.copy()
        small.thumbnail((400, 400))
        buffer = io.BytesIO()
        small.save(buffer, "WEBP", quality=80)
        thumbnails.append(buffer.getvalue())
    start = time.perf_counter()
    for data in thumbnails[:count]:
        describe(Image.open(io.BytesIO(data)))
    return round((time.perf_counter() - start) / count * 1000, 2)
