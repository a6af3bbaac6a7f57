"""Each brand's text vectors held in memory for semantic search, patched in place as assets change.

Loading a big brand's vectors from the catalog takes seconds, so it happens once per process; after that,
the ids changed since (dam/indexing.py keeps a short log of them) are marked dead in the loaded parts and
their new vectors appended as a small extra part. Vectors are half precision: half the memory to stream
per search (what bounds its speed), and the stored components have only 3 decimals anyway.
"""

from __future__ import annotations

import threading
import warnings
from dataclasses import dataclass
from typing import Callable

import numpy as np

from dam.db.catalog import Connection
from dam.search.semantic import DIMENSIONS

MAX_PATCH = 100_000  # more changed assets than this since the last load: load the brand again
MAX_PARTS = 16


@dataclass
class Part:
    ids: np.ndarray
    matrix: object  # torch.Tensor of float16, one row per id
    alive: np.ndarray  # False where the asset changed after this part was loaded


@dataclass
class _Loaded:
    generation: int
    parts: list[Part]


def _load(con: Connection, brand_id: int, only: list[int] | None = None) -> Part:
    import torch

    con.execute("SET enable_progress_bar = false")  # a big brand takes seconds; never draw on the terminal
    where = "" if only is None else " AND e.asset_id IN (SELECT unnest($2::BIGINT[]))"
    table = con.sql(
        f"SELECT e.asset_id, e.vector FROM text_embeddings e JOIN assets a ON a.id = e.asset_id WHERE a.brand_id = $1{where}",
        params=[int(brand_id)] + ([] if only is None else [only]),
    ).to_arrow_table()
    ids = table.column("asset_id").to_numpy().astype(np.int64)
    # Chunk by chunk, and through torch, whose float16 conversion is vectorised (numpy's is not).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # read-only Arrow buffers: only read here
        halves = [torch.from_numpy(chunk.flatten().to_numpy().reshape(-1, DIMENSIONS)).half()
                  for chunk in table.column("vector").chunks if len(chunk)]  # fmt: skip
    matrix = torch.cat(halves) if halves else torch.zeros((0, DIMENSIONS), dtype=torch.float16)
    return Part(ids, matrix, np.ones(len(ids), dtype=bool))


def _compact(parts: list[Part]) -> list[Part]:
    import torch

    keep = [(p.ids[p.alive], p.matrix[torch.from_numpy(p.alive)]) for p in parts]
    ids = np.concatenate([k[0] for k in keep])
    return [Part(ids, torch.cat([k[1] for k in keep]), np.ones(len(ids), dtype=bool))]


class BrandVectors:
    """brand id -> its vectors, as of an indexing generation."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._brands: dict[int, _Loaded] = {}

    def get(self, con: Connection, brand_id: int, generation: int,
            changed_since: Callable[[int], set[int] | None]) -> list[Part]:  # fmt: skip
        with self._lock:
            loaded = self._brands.get(brand_id)
            if loaded and loaded.generation == generation:
                return loaded.parts
            changed = changed_since(loaded.generation) if loaded else None
            if changed is None or len(changed) > MAX_PATCH:
                parts = [_load(con, brand_id)]
            else:
                ids = np.fromiter(changed, dtype=np.int64, count=len(changed))
                parts = [Part(p.ids, p.matrix, p.alive & ~np.isin(p.ids, ids)) for p in loaded.parts]
                fresh = _load(con, brand_id, sorted(changed))
                parts += [fresh] if len(fresh.ids) else []
                dead = sum(int((~p.alive).sum()) for p in parts)
                if len(parts) > MAX_PARTS or dead > 0.2 * sum(len(p.ids) for p in parts):
                    parts = _compact(parts)
            self._brands[brand_id] = _Loaded(generation, parts)
            return parts


def nearest(parts: list[Part], query: np.ndarray, k: int, min_score: float) -> tuple[np.ndarray, np.ndarray]:
    """The k closest live rows by cosine similarity at or above `min_score`, best first (ties by asset id)."""
    import torch

    q = torch.from_numpy(np.asarray(query, np.float32)).half()
    found_ids, found_scores = [], []
    for part in parts:
        if len(part.ids) == 0:
            continue
        scores = (part.matrix @ q).float().numpy()  # torch multiplies half precision with float accumulation
        top = np.flatnonzero((scores >= min_score) & part.alive)  # usually a small share: partition only those
        found_ids.append(part.ids[top])
        found_scores.append(scores[top])
    if not found_ids:
        return np.zeros(0, np.int64), np.zeros(0, np.float32)
    ids, scores = np.concatenate(found_ids), np.concatenate(found_scores)
    if len(ids) > k:
        top = np.argpartition(-scores, k - 1)[:k]
        ids, scores = ids[top], scores[top]
    order = np.lexsort((ids, -scores))
    return ids[order], scores[order]
