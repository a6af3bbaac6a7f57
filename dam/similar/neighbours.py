"""The assets that look like given ones, for the query engine's `similar:` filter: ids and scores, best first."""

from __future__ import annotations

import numpy as np

from dam.db.catalog import Connection
from dam.repos import embeddings
from dam.similar import index as visual_index
from dam.similar.embedders import by_name, current_version
from dam.similar.thresholds import SIMILAR_CUTOFF

LIMIT = 200  # the filter keeps the closest this many: beyond them "similar" means little
EMBEDDER = "descriptor"


def is_stale(con: Connection) -> bool:
    """Whether the stored vectors were made by another descriptor version (`python -m dam reindex` fixes it)."""
    stored = embeddings.version(con, EMBEDDER)
    return stored is not None and stored != current_version(EMBEDDER)


def find(catalog, con: Connection, brand_ids: tuple[int, ...], like: list[int]) -> list[tuple[int, float]]:
    """Up to LIMIT assets of these brands above the calibrated cutoff, closest to the mean of `like` first.

    `like` must already be checked as visible to the viewer; results are not (the grid's clauses do that).
    A pair scores the better of as-is and mirrored, as Find similar does.
    """
    vectors = embeddings.vectors_of(con, EMBEDDER, like)
    if not vectors:
        return []
    query = np.mean(list(vectors.values()), axis=0)
    query = query / (np.linalg.norm(query) or 1.0)
    queries = [query, by_name(EMBEDDER).mirror(query)]
    best: dict[int, float] = {}
    for brand_id in brand_ids:
        index = visual_index.for_catalog(catalog).get(catalog, EMBEDDER, brand_id)
        for q in queries:
            ids, scores = index.search(q, min(LIMIT + len(like), max(len(index), 1)))
            for i, s in zip(ids.tolist(), scores.tolist()):
                if s >= SIMILAR_CUTOFF[EMBEDDER] and i not in vectors:
                    best[i] = max(s, best.get(i, -2.0))
    ranked = sorted(best.items(), key=lambda item: (-item[1], item[0]))[:LIMIT]
    return [(i, round(s, 4)) for i, s in ranked]
