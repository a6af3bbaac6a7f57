"""Queries for asset and collection records with readable names: the export's enriched files and zip manifests."""

from __future__ import annotations

from typing import Any, Sequence

from dam.db.catalog import Connection
from dam.exchange.tables import ExportedTable, quoted

# Full paths like `Shoots/Spring 2026`. Walking down from the roots only (and within one brand) means a broken
# tree, with a cycle or a parent in another brand, leaves those collections without a path instead of looping.
COLLECTION_PATHS = """
collection_paths(id, brand_id, path) AS (
    SELECT id, brand_id, name FROM collections WHERE parent_id IS NULL
    UNION ALL
    SELECT c.id, c.brand_id, p.path || '/' || c.name
    FROM collections c JOIN collection_paths p ON c.parent_id = p.id AND c.brand_id = p.brand_id
)"""

# Every list is sorted so that the same catalog always gives the same rows.
_ASSET_LISTS = COLLECTION_PATHS + """,
tag_lists AS (
    SELECT x.asset_id, list_sort(list(t.name)) AS names
    FROM asset_tags x JOIN tags t ON t.id = x.tag_id GROUP BY x.asset_id
),
collection_lists AS (
    SELECT x.asset_id, list_sort(list(p.path)) AS names
    FROM collection_assets x JOIN collection_paths p ON p.id = x.collection_id GROUP BY x.asset_id
),
campaign_lists AS (
    SELECT x.asset_id, list_sort(list(c.name)) AS names
    FROM asset_campaigns x JOIN campaigns c ON c.id = x.campaign_id GROUP BY x.asset_id
),
input_lists AS (
    SELECT asset_id, list_sort(list(input_asset_id)) AS ids FROM asset_inputs GROUP BY asset_id
)"""

_ASSET_EXTRAS = """
    b.name AS brand,
    u.handle AS creator,
    coalesce(tl.names, []::VARCHAR[]) AS tags,
    coalesce(cl.names, []::VARCHAR[]) AS collections,
    coalesce(pl.names, []::VARCHAR[]) AS campaigns,
    coalesce(il.ids, []::BIGINT[]) AS inputs"""

_ASSET_JOINS = """
FROM assets a
LEFT JOIN brands b ON b.id = a.brand_id
LEFT JOIN users u ON u.id = a.creator_id
LEFT JOIN tag_lists tl ON tl.asset_id = a.id
LEFT JOIN collection_lists cl ON cl.asset_id = a.id
LEFT JOIN campaign_lists pl ON pl.asset_id = a.id
LEFT JOIN input_lists il ON il.asset_id = a.id"""


def _select(alias: str, columns: Sequence[str]) -> str:
    return ", ".join(f"{alias}.{quoted(c)}" for c in columns)


def assets_file_sql(table: ExportedTable) -> str:
    """Every asset, trashed ones too, by id: its catalog columns, then names, lists and its text embedding."""
    return (
        f"WITH RECURSIVE {_ASSET_LISTS}\nSELECT {_select('a', table.columns)},{_ASSET_EXTRAS},"
        f"\n    e.vector AS text_embedding{_ASSET_JOINS}\nLEFT JOIN text_embeddings e ON e.asset_id = a.id"
        "\nORDER BY a.id"
    )


def collections_file_sql(table: ExportedTable) -> str:
    """Every collection by id: its catalog columns, then its brand's name and its full path."""
    return (
        f"WITH RECURSIVE {COLLECTION_PATHS}\nSELECT {_select('c', table.columns)}, b.name AS brand, p.path"
        "\nFROM collections c LEFT JOIN brands b ON b.id = c.brand_id LEFT JOIN collection_paths p ON p.id = c.id"
        "\nORDER BY c.id"
    )


def asset_records(con: Connection, asset_ids: list[int], columns: Sequence[str]) -> dict[int, dict[str, Any]]:
    """Asset id -> id, the named catalog columns, brand, creator, tags, collections, campaigns and inputs."""
    columns = ("id", *(c for c in columns if c != "id"))
    sql = (
        f"WITH RECURSIVE {_ASSET_LISTS}\nSELECT {_select('a', columns)},{_ASSET_EXTRAS}{_ASSET_JOINS}"
        "\nWHERE a.id IN (SELECT unnest(?::BIGINT[]))"
    )
    cursor = con.execute(sql, [asset_ids])
    names = [d[0] for d in cursor.description]
    return {row[0]: dict(zip(names, row)) for row in cursor.fetchall()}
