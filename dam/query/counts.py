"""The rail's live counts: the three buckets and every collection, direct and rolled up over sub-collections.

They follow the same visibility as the grid (brands, trash, the drafts seam) and ignore the toolbar, as the
rail does. A rolled-up count counts an asset once even when it sits in several collections of the subtree.
Summing direct counts up the tree is exact for assets filed once (most of them); only the few filed several
times need correcting, which numpy does over the filings the catalog hands back in one scan.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from dam.models import Collection
from dam.query import compile as qc
from dam.query.filters import Scope
from dam.repos.collections import SEPARATOR


@dataclass(frozen=True)
class CollectionCount:
    id: int
    parent_id: int | None
    name: str
    path: str
    direct: int  # assets filed in this collection itself
    total: int  # assets in it or any sub-collection, each counted once (what "Include nested" shows)


@dataclass(frozen=True)
class RailCounts:
    all: int
    recent: int
    unfiled: int
    collections: tuple[CollectionCount, ...]

    def by_id(self) -> dict[int, CollectionCount]:
        return {c.id: c for c in self.collections}


def rail_counts(library, scope: Scope) -> RailCounts:
    """Bucket and collection counts for the scope's brands and viewer (its bucket and collection are ignored)."""
    con = library.catalog.cursor()
    scope = scope.for_rail()
    vis_sql, vis_params = qc.where(qc.visibility(scope))
    everything, recent = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE a.created_at >= ?) FROM assets a WHERE {vis_sql}",
        [qc.recent_cutoff(scope), *vis_params],
    ).fetchall()[0]
    tree = collection_tree(con, scope.brand_ids)
    if not tree:
        return RailCounts(everything, recent, everything, ())
    ids = np.array(sorted(c.id for c in tree), dtype=np.int64)
    index = {int(cid): i for i, cid in enumerate(ids)}
    coll, asset = _visible_filings(con, scope, ids)
    lookup = np.full(int(ids[-1]) + 1, -1, dtype=np.int64)  # collection id -> its row (ids are small integers)
    lookup[ids] = np.arange(len(ids))
    dense = lookup[coll]
    direct = np.bincount(dense, minlength=len(ids))
    times_filed, filed = _times_filed(asset)
    chains = _root_paths(tree, index)
    multi = times_filed > 1
    extra = _over_count(dense[multi], asset[multi], chains)
    rolled = np.zeros(len(ids), dtype=np.int64)
    for depth in range(chains.shape[1]):  # each collection's direct count goes to every node on its root path
        nodes = chains[:, depth]
        np.add.at(rolled, nodes[nodes >= 0], direct[nodes >= 0])
    out = tuple(CollectionCount(c.id, c.parent_id, c.name, c.path, int(direct[index[c.id]]),
                                int(rolled[index[c.id]] - extra[index[c.id]])) for c in tree)  # fmt: skip
    return RailCounts(everything, recent, everything - filed, out)


def collection_tree(con, brand_ids: tuple[int, ...]) -> list[Collection]:
    """Every collection of these brands with its full path, sorted by path (one flat query, paths in Python)."""
    rows = con.execute(
        "SELECT id, brand_id, parent_id, name FROM collections WHERE brand_id IN (SELECT unnest(?::INTEGER[]))",
        [list(brand_ids)],
    ).fetchall()
    by_id = {r[0]: r for r in rows}

    def path(cid: int) -> str:
        names, node, hops = [], by_id.get(cid), 0
        while node is not None and hops <= len(by_id):
            names.append(node[3])
            node, hops = by_id.get(node[2]), hops + 1
        return SEPARATOR.join(reversed(names))

    tree = [Collection(r[0], r[1], r[2], r[3], path(r[0])) for r in rows]
    return sorted(tree, key=lambda c: (c.path.lower(), c.id))


def _visible_filings(con, scope: Scope, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(collection id, asset id) of every filing of a visible asset in these collections."""
    brand_clause, *rest = qc.visibility(scope)
    hidden_sql, hidden_params = qc.where(rest)
    marks = ", ".join("?" for _ in ids)
    # The range lets DuckDB skip row groups of the link table (stored sorted by collection); invisible assets
    # of these brands are few (trash, others' private drafts), so subtracting them beats joining every filing.
    table = con.sql(
        f"SELECT collection_id, asset_id FROM collection_assets WHERE collection_id BETWEEN ? AND ?"
        f" AND collection_id IN ({marks})"
        f" AND asset_id NOT IN (SELECT a.id FROM assets a WHERE {brand_clause.sql} AND NOT ({hidden_sql}))",
        params=[int(ids[0]), int(ids[-1]), *map(int, ids), *brand_clause.params, *hidden_params],
    ).to_arrow_table()
    return table.column(0).to_numpy(), table.column(1).to_numpy()


def _times_filed(asset: np.ndarray) -> tuple[np.ndarray, int]:
    """For each filing, how many filings its asset has in these collections; and how many assets are filed."""
    if len(asset) == 0:
        return np.zeros(0, np.int64), 0
    if asset.max() < 50_000_000:  # ids are dense: a counting array is the fastest group-by
        counts = np.bincount(asset)
        return counts[asset], int(np.count_nonzero(counts))
    _, inverse, counts = np.unique(asset, return_inverse=True, return_counts=True)
    return counts[inverse], len(counts)


def _root_paths(tree: list, index: dict[int, int]) -> np.ndarray:
    """Row per collection (its row in `index`): its path from the root as rows, padded with -1."""
    parent = {c.id: c.parent_id for c in tree}
    paths = [[] for _ in index]
    for cid, row in index.items():
        node: int | None = cid
        while node is not None:
            paths[row].append(index[node])
            node = parent.get(node)
        paths[row].reverse()
    out = np.full((len(index), max(map(len, paths))), -1, dtype=np.int64)
    for row, path in enumerate(paths):
        out[row, : len(path)] = path
    return out


def _over_count(coll: np.ndarray, asset: np.ndarray, chains: np.ndarray) -> np.ndarray:
    """Per collection, how often summing direct counts up the tree counts an asset more than once.

    An asset filed in k collections below a collection is counted k times there instead of once. For the usual
    case, an asset filed twice, the collections it is over-counted in are exactly the common ancestors of its
    two collections: the shared prefix of their root paths.
    """
    extra = np.zeros(len(chains), dtype=np.int64)
    if len(asset) == 0:
        return extra
    order = np.argsort(asset, kind="stable")
    asset, coll = asset[order], coll[order]
    starts = np.flatnonzero(np.r_[True, asset[1:] != asset[:-1]])
    sizes = np.diff(np.r_[starts, len(asset)])
    pairs = starts[sizes == 2]
    first, second = chains[coll[pairs]], chains[coll[pairs + 1]]
    shared = np.ones(len(pairs), dtype=bool)
    for depth in range(chains.shape[1]):
        shared &= (first[:, depth] == second[:, depth]) & (first[:, depth] >= 0)
        extra += np.bincount(first[shared, depth], minlength=len(chains))
    for start, size in zip(starts[sizes > 2], sizes[sizes > 2]):  # rare: filed three or more times
        seen: dict[int, int] = {}
        for c in coll[start:start + size]:
            for node in chains[c][chains[c] >= 0]:
                seen[int(node)] = seen.get(int(node), 0) + 1
        for node, k in seen.items():
            extra[node] += k - 1
    return extra
