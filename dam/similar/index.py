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

    def __init__(self, ids: np.ndarray, matrix: np.ndarray, threads: int = 0) -> None:
        from usearch.index import Index

        self.index = Index(ndim=matrix.shape[1], metric="cos", dtype="f16", connectivity=HNSW_CONNECTIVITY,
                           expansion_add=HNSW_EXPANSION_ADD, expansion_search=HNSW_EXPANSION_SEARCH)  # fmt: skip
        if len(ids):
            self.index.add(np.asarray(ids, np.int64), np.asarray(matrix, np.float32), threads=threads)

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


def patch(index, con, embedder: str, brand_id: int, changed: set[int]) -> None:
    """Bring an index up to date: moved, trashed, purged or new assets dropped everywhere, then added back to the
    brand they are in now."""
    index.remove(np.fromiter(changed, np.int64, len(changed)))
    index.add(*embeddings.load(con, embedder, brand_id, only=sorted(changed)))


class VisualIndex:
    """(embedder, brand id) -> its index, as of an indexing generation of one catalog.

    A brand large enough for an HNSW graph is first answered by an exact scan: building the graph takes tens of
    seconds for a few hundred thousand vectors (39 s for 350,000 on this machine's two cores), reading them in
    and scanning them a second and about 15 ms a query. The graph is built on one background thread and takes
    over, brought up to date with whatever changed meanwhile.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._brands: dict[tuple[str, int], tuple[int, object]] = {}
        self._builders: list[threading.Thread] = []

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
                ids, matrix = embeddings.load(con, embedder, brand_id)
                index = ExactIndex(ids, matrix)
                if len(ids) >= HNSW_FROM:
                    self._build_graph_later(catalog, key, generation, index, ids, matrix)
            else:
                index = loaded[1]
                patch(index, con, embedder, brand_id, changed)
            self._brands[key] = (generation, index)
            return index

    def _build_graph_later(self, catalog, key, generation: int, exact: ExactIndex, ids, matrix) -> None:
        def build_graph() -> None:
            graph = HnswIndex(ids, matrix, threads=1)  # one core: the other keeps serving pages meanwhile
            with self._lock:
                current = self._brands.get(key)
                if current is None or current[1] is not exact:
                    return  # reloaded meanwhile: that load started a graph of its own if it needed one
                now = indexing.generation(catalog)  # read first: a change after it is patched again on the next get
                changed = indexing.changed_since(catalog, generation)
                if changed is None:
                    return  # too much changed to follow: the exact scan carries on until the next full load
                if changed:
                    patch(graph, catalog.cursor(), key[0], key[1], changed)
                self._brands[key] = (now, graph)

        builder = threading.Thread(target=build_graph, name=f"similar-graph-{key[1]}", daemon=True)
        self._builders = [t for t in self._builders if t.is_alive()] + [builder]
        builder.start()

    def wait_for_graphs(self, timeout: float | None = None) -> None:
        """Return once the HNSW graphs being built in the background are in place (for benchmarks and tests)."""
        for builder in list(self._builders):
            builder.join(timeout)


_indexes: WeakKeyDictionary = WeakKeyDictionary()
_indexes_lock = threading.Lock()


def for_catalog(catalog) -> VisualIndex:
    with _indexes_lock:
        if catalog not in _indexes:
            _indexes[catalog] = VisualIndex()
        return _indexes[catalog]
