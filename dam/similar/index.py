"""Each brand's visual vectors in memory for top-k search, patched in step with the catalog's change log.

Chosen by measurement (`python -m dam bench similar`, docs in dam/bench/similar.py): an exact scan of float16
vectors is simplest and exact, and fast enough for the brands studios have (about 1 ms per 100,000 vectors of
128 components); above HNSW_FROM vectors a usearch HNSW graph answers in well under a millisecond with recall
close to 1, where an exact scan of 1,000,000 vectors would take over 10 ms. Trashed assets stay in the index
(restoring is instant); the service drops what the viewer may not see.
"""

from __future__ import annotations

import threading
from weakref import WeakKeyDictionary

import numpy as np

from dam import indexing
from dam.repos import embeddings

HNSW_FROM = 200_000
HNSW_CONNECTIVITY = 16
HNSW_EXPANSION_ADD = 96
HNSW_EXPANSION_SEARCH = 96


class ExactIndex:
    """Every vector scanned per query, in float16 with float32 accumulation (torch)."""

    def __init__(self, ids: np.ndarray, matrix: np.ndarray) -> None:
        import torch

        self.ids = np.asarray(ids, np.int64)
        self.matrix = torch.from_numpy(np.ascontiguousarray(matrix, np.float32)).half()
        self.alive = np.ones(len(self.ids), bool)

    def __len__(self) -> int:
        return int(self.alive.sum())

    def remove(self, ids: np.ndarray) -> None:
        self.alive &= ~np.isin(self.ids, ids)

    def add(self, ids: np.ndarray, matrix: np.ndarray) -> None:
        import torch

        self.remove(ids)
        self.ids = np.concatenate([self.ids, np.asarray(ids, np.int64)])
        self.matrix = torch.cat([self.matrix, torch.from_numpy(np.asarray(matrix, np.float32)).half()])
        self.alive = np.concatenate([self.alive, np.ones(len(ids), bool)])

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        import torch

        if not len(self.ids):
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        scores = (self.matrix @ torch.from_numpy(np.asarray(query, np.float32)).half()).float().numpy()
        scores = np.where(self.alive, scores, -np.inf)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.isfinite(scores[top])]
        order = np.lexsort((self.ids[top], -scores[top]))
        return self.ids[top][order], scores[top][order]


class HnswIndex:
    """An approximate graph index (usearch), cosine metric on float16 vectors."""

    def __init__(self, ids: np.ndarray, matrix: np.ndarray) -> None:
        from usearch.index import Index

        self.index = Index(ndim=matrix.shape[1], metric="cos", dtype="f16", connectivity=HNSW_CONNECTIVITY,
                           expansion_add=HNSW_EXPANSION_ADD, expansion_search=HNSW_EXPANSION_SEARCH)  # fmt: skip
        if len(ids):
            self.index.add(np.asarray(ids, np.int64), np.asarray(matrix, np.float32), threads=0)

    def __len__(self) -> int:
        return len(self.index)

    def remove(self, ids: np.ndarray) -> None:
        for key in np.asarray(ids, np.int64):
            if self.index.contains(int(key)):
                self.index.remove(int(key))

    def add(self, ids: np.ndarray, matrix: np.ndarray) -> None:
        self.remove(ids)
        if len(ids):
            self.index.add(np.asarray(ids, np.int64), np.asarray(matrix, np.float32))

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        if not len(self.index):
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        found = self.index.search(np.asarray(query, np.float32), k)
        return np.asarray(found.keys, np.int64), (1.0 - np.asarray(found.distances, np.float32))


def build(ids: np.ndarray, matrix: np.ndarray):
    """The index kind this many vectors call for."""
    return (HnswIndex if len(ids) >= HNSW_FROM else ExactIndex)(ids, matrix)


class VisualIndex:
    """(embedder, brand id) -> its index, as of an indexing generation of one catalog."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._brands: dict[tuple[str, int], tuple[int, object]] = {}

    def get(self, catalog, embedder: str, brand_id: int):
        generation = indexing.generation(catalog)
        key = (embedder, int(brand_id))
        with self._lock:
            loaded = self._brands.get(key)
            if loaded and loaded[0] == generation:
                return loaded[1]
            con = catalog.cursor()
            changed = indexing.changed_since(catalog, loaded[0]) if loaded else None
            if changed is None:
                index = build(*embeddings.load(con, embedder, brand_id))
            else:
                # Moved, trashed, purged or new assets: drop them everywhere, add back those now in this brand.
                index = loaded[1]
                index.remove(np.fromiter(changed, np.int64, len(changed)))
                index.add(*embeddings.load(con, embedder, brand_id, only=sorted(changed)))
            self._brands[key] = (generation, index)
            return index


_indexes: WeakKeyDictionary = WeakKeyDictionary()
_indexes_lock = threading.Lock()


def for_catalog(catalog) -> VisualIndex:
    with _indexes_lock:
        if catalog not in _indexes:
            _indexes[catalog] = VisualIndex()
        return _indexes[catalog]
