"""The rail's live counts: the three buckets and every collection, direct and rolled up over sub-collections.

They follow the same visibility as the grid (brands, trash, the drafts seam) and ignore the toolbar, as the
rail does. A rolled-up count counts an asset once even when it sits in several collections of the subtree.
Summing direct counts up the tree is exact for assets filed once (most of them); only the few filed several
times need a distinct count, so that correction is all the database computes per ancestor.
"""

from __future__ import annotations

from dataclasses import dataclass

from dam.query import compile as qc
from dam.query.filters import Scope
from dam.repos import collections as collection_repo


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
    con = library.catalog.cursor()
    scope = scope.for_rail()
    vis_sql, vis_params = qc.where(qc.visibility(scope))
    everything, recent = con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE a.created_at >= ?) FROM assets a WHERE {vis_sql}",
        [qc.recent_cutoff(scope), *vis_params],
    ).fetchall()[0]
    tree = [c for b in scope.brand_ids for c in collection_repo.all_for_brand(con, b)]
    if not tree:
        return RailCounts(everything, recent, everything, ())
    direct, extra, filed = _filings(con, scope, tree)
    children: dict[int | None, list[int]] = {}
    for c in tree:
        children.setdefault(c.parent_id, []).append(c.id)

    def subtree_sum(cid: int) -> int:
        return direct.get(cid, 0) + sum(subtree_sum(k) for k in children.get(cid, ()))

    out = tuple(CollectionCount(c.id, c.parent_id, c.name, c.path, direct.get(c.id, 0),
                                subtree_sum(c.id) - extra.get(c.id, 0)) for c in tree)  # fmt: skip
    return RailCounts(everything, recent, everything - filed, out)


def _filings(con, scope: Scope, tree: list) -> tuple[dict[int, int], dict[int, int], int]:
    """Direct count per collection, the over-count per ancestor, and how many visible assets are filed."""
    brand_clause, *rest = qc.visibility(scope)
    hidden_sql, hidden_params = qc.where(rest)
    ids = [c.id for c in tree]
    parent = {c.id: c.parent_id for c in tree}
    closure_desc, closure_anc = [], []
    for cid in ids:
        node: int | None = cid
        while node is not None:
            closure_desc.append(cid)
            closure_anc.append(node)
            node = parent.get(node)
    # Invisible assets of these brands are few (trash, others' private drafts): subtracting them is cheaper
    # than joining every filing to the assets table.
    rows = con.execute(
        f"""
        WITH fil AS (
            SELECT collection_id, asset_id FROM collection_assets
            WHERE collection_id IN (SELECT unnest(?::INTEGER[]))
              AND asset_id NOT IN (SELECT a.id FROM assets a WHERE {brand_clause.sql} AND NOT ({hidden_sql}))
        ),
        per_asset AS (SELECT asset_id, count(*) AS n FROM fil GROUP BY asset_id),
        closure AS (SELECT unnest(?::INTEGER[]) AS descendant, unnest(?::INTEGER[]) AS ancestor),
        multi AS (
            SELECT c.ancestor, count(*) - count(DISTINCT f.asset_id) AS extra
            FROM fil f JOIN per_asset p ON p.asset_id = f.asset_id AND p.n > 1
            JOIN closure c ON c.descendant = f.collection_id GROUP BY c.ancestor
        )
        SELECT 'direct', collection_id, count(*) FROM fil GROUP BY collection_id
        UNION ALL SELECT 'extra', ancestor, extra FROM multi
        UNION ALL SELECT 'filed', NULL, count(*) FROM per_asset
        """,
        [ids, *brand_clause.params, *hidden_params, closure_desc, closure_anc],
    ).fetchall()
    direct = {cid: n for kind, cid, n in rows if kind == "direct"}
    extra = {cid: n for kind, cid, n in rows if kind == "extra" and n}
    filed = next(n for kind, _, n in rows if kind == "filed")
    return direct, extra, filed
