"""Visual embeddings of assets (the built-in descriptor and CLIP), and the lookups Find similar and duplicates need."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from dam.db.catalog import Connection
from dam.db.changes import serialise_index_writes

# Embedder name -> (table, stored width). Table names come from here only, never from input.
TABLES = {"descriptor": ("visual_embeddings", 128), "clip": ("clip_embeddings", 512)}


def _table(embedder: str) -> tuple[str, int]:
    return TABLES[embedder]


def store(con: Connection, embedder: str, asset_ids: list[int], vectors: np.ndarray) -> None:
    """Upsert vectors, padded with zeros to the stored width (padding leaves cosine similarity unchanged)."""
    table, width = _table(embedder)
    if not len(asset_ids):
        return
    vectors = np.asarray(vectors, np.float32)
    padded = np.zeros((len(vectors), width), np.float32)
    padded[:, : vectors.shape[1]] = vectors
    arrow = pa.table({"asset_id": np.asarray(asset_ids, np.int64),
                      "vector": pa.FixedSizeListArray.from_arrays(pa.array(padded.ravel()), width)})  # fmt: skip
    serialise_index_writes(con)
    _record_version(con, embedder)
    con.register("new_visual_vectors", arrow)
    try:
        con.execute(f"DELETE FROM {table} WHERE asset_id IN (SELECT asset_id FROM new_visual_vectors)")
        con.execute(f"INSERT INTO {table} SELECT asset_id, vector FROM new_visual_vectors ORDER BY asset_id")
    finally:
        con.unregister("new_visual_vectors")


def load(con: Connection, embedder: str, brand_id: int | None = None, only: list[int] | None = None
         ) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """(asset ids, float32 matrix) of stored vectors, for one brand and/or some assets; trashed ones included."""
    table, width = _table(embedder)
    con.execute("SET enable_progress_bar = false")
    where, params = ["TRUE"], []
    if brand_id is not None:
        where.append("a.brand_id = ?")
        params.append(int(brand_id))
    if only is not None:
        where.append("e.asset_id IN (SELECT unnest(?::BIGINT[]))")
        params.append([int(i) for i in only])
    arrow = con.sql(
        f"SELECT e.asset_id, e.vector FROM {table} e JOIN assets a ON a.id = e.asset_id"
        f" WHERE {' AND '.join(where)} ORDER BY e.asset_id", params=params,
    ).to_arrow_table()  # fmt: skip
    ids = arrow.column("asset_id").to_numpy().astype(np.int64)
    flat = [chunk.flatten().to_numpy(zero_copy_only=False) for chunk in arrow.column("vector").chunks if len(chunk)]
    matrix = np.concatenate(flat).reshape(-1, width) if flat else np.zeros((0, width), np.float32)
    return ids, matrix.astype(np.float32, copy=False)


def vectors_of(con: Connection, embedder: str, asset_ids: list[int]) -> dict[int, np.ndarray]:
    ids, matrix = load(con, embedder, only=asset_ids)
    return {int(i): matrix[n] for n, i in enumerate(ids)}


def drop_orphans(con: Connection, asset_ids: list[int]) -> None:
    """Remove vectors of purged assets (their rows are gone from `assets`)."""
    for table, _ in TABLES.values():
        con.execute(f"DELETE FROM {table} WHERE asset_id IN (SELECT unnest(?::BIGINT[]))"
                    " AND asset_id NOT IN (SELECT id FROM assets)", [list(asset_ids)])  # fmt: skip


def missing(con: Connection, embedder: str, limit: int = 100_000) -> list[int]:
    """Assets with a thumbnail but no vector from this embedder yet."""
    table, _ = _table(embedder)
    rows = con.execute(
        f"SELECT id FROM assets a WHERE thumb_small_key IS NOT NULL"
        f" AND NOT EXISTS (SELECT 1 FROM {table} e WHERE e.asset_id = a.id) ORDER BY id LIMIT ?", [limit],
    ).fetchall()  # fmt: skip
    return [r[0] for r in rows]


def having(con: Connection, embedder: str, asset_ids: list[int]) -> set[int]:
    """Which of these assets already have a vector from this embedder."""
    table, _ = _table(embedder)
    rows = con.execute(f"SELECT asset_id FROM {table} WHERE asset_id IN (SELECT unnest(?::BIGINT[]))",
                       [[int(i) for i in asset_ids]]).fetchall()  # fmt: skip
    return {r[0] for r in rows}


def clear(con: Connection, embedder: str) -> None:
    table, _ = _table(embedder)
    con.execute(f"DELETE FROM {table}")


def version(con: Connection, embedder: str) -> str | None:
    """The embedder version that computed the stored vectors; "1" for vectors older than this record; None: none yet."""
    rows = con.execute("SELECT version FROM embedding_versions WHERE embedder = ?", [embedder]).fetchall()
    if rows:
        return rows[0][0]
    table, _ = _table(embedder)
    return "1" if con.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchall() else None


def _record_version(con: Connection, embedder: str) -> None:
    """Before the first vectors of a library: note which version computes them (older vectors count as "1")."""
    if con.execute("SELECT 1 FROM embedding_versions WHERE embedder = ?", [embedder]).fetchall():
        return
    from dam.similar.embedders import current_version  # the code computing vectors now knows its version

    stored = version(con, embedder)
    now = stored or current_version(embedder)
    if now:
        set_version(con, embedder, now)


def set_version(con: Connection, embedder: str, version: str) -> None:
    con.execute("DELETE FROM embedding_versions WHERE embedder = ?", [embedder])
    con.execute("INSERT INTO embedding_versions (embedder, version) VALUES (?, ?)", [embedder, version])


def thumbnails(con: Connection, asset_ids: list[int], size: str = "small") -> list[tuple[int, str]]:
    """(asset id, thumbnail key) of the assets that have one."""
    column = {"small": "thumb_small_key", "large": "thumb_large_key"}[size]
    rows = con.execute(f"SELECT id, {column} FROM assets WHERE id IN (SELECT unnest(?::BIGINT[]))"
                       f" AND {column} IS NOT NULL ORDER BY id", [list(asset_ids)]).fetchall()  # fmt: skip
    return [(r[0], r[1]) for r in rows]


def sha_twins(con: Connection, brand_id: int) -> list[list[int]]:
    """Live assets of a brand that share their bytes with another live asset of the brand, grouped by sha256.

    Ingest refuses the same bytes twice in one brand, so this is normally empty; it can fill after brand moves
    or loads. Twins across brands are never shown together: a brand's duplicates stay within the brand.
    """
    rows = con.execute(
        "SELECT array_agg(id ORDER BY id) FROM assets WHERE brand_id = ? AND deleted_at IS NULL"
        " GROUP BY sha256 HAVING count(*) > 1 ORDER BY min(id)", [int(brand_id)],
    ).fetchall()  # fmt: skip
    return [list(r[0]) for r in rows]
