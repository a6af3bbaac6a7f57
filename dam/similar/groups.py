"""Near-duplicate groups from vectors: pairs above a threshold among each asset's nearest neighbours, joined."""

from __future__ import annotations

import numpy as np

NEIGHBOURS = 8  # a picture rarely has more copies than this; bounds the work to n x NEIGHBOURS pairs
CHUNK = 2048


def close_pairs(ids: np.ndarray, matrix: np.ndarray, threshold: float, mirrored: np.ndarray | None = None
                ) -> list[tuple[int, int, float]]:  # fmt: skip
    """(a, b, score) with a < b for every pair among each row's nearest neighbours scoring at least `threshold`.

    With `mirrored` (the rows' vectors of their mirror images) a pair scores the better of as-is and mirrored.
    """
    import torch

    if len(ids) < 2:
        return []
    m = torch.from_numpy(np.ascontiguousarray(matrix, np.float32))
    flipped = None if mirrored is None else torch.from_numpy(np.ascontiguousarray(mirrored, np.float32))
    k = min(NEIGHBOURS + 1, len(ids))
    pairs = {}
    for start in range(0, len(ids), CHUNK):
        scores = m[start : start + CHUNK] @ m.T
        if flipped is not None:
            scores = torch.maximum(scores, m[start : start + CHUNK] @ flipped.T)
        values, columns = torch.topk(scores, k, dim=1)
        for row, (vals, cols) in enumerate(zip(values.numpy(), columns.numpy())):
            a = int(ids[start + row])
            for score, col in zip(vals, cols):
                b = int(ids[col])
                if b != a and score >= threshold:
                    pairs[(min(a, b), max(a, b))] = float(score)
    return [(a, b, s) for (a, b), s in sorted(pairs.items())]


def join(pairs: list[tuple[int, int, float]]) -> list[list[int]]:
    """Connected groups of the pairs (union-find), each sorted, ordered by their smallest id."""
    parent: dict[int, int] = {}

    def root(x: int) -> int:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in pairs:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for x in list(parent):
        groups.setdefault(root(x), []).append(x)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])
