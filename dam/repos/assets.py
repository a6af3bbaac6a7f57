"""Assets: insert, read and update catalog rows (column names come only from ASSET_COLUMNS)."""

from __future__ import annotations

from typing import Any

from dam.db.catalog import Connection, execute_many
from dam.errors import NotFound
from dam.models import ASSET_COLUMNS, Asset
from dam.repos import campaigns, collections, tags

_SELECT = ", ".join(ASSET_COLUMNS)
# Columns a caller may set on insert or update; id is assigned by the catalog.
WRITABLE = frozenset(ASSET_COLUMNS) - {"id"}


def _check_columns(fields: dict[str, Any]) -> None:
    unknown = set(fields) - WRITABLE
    if unknown:
        raise ValueError(f"not asset columns: {sorted(unknown)}")


def insert(con: Connection, fields: dict[str, Any]) -> int:
    """Insert one asset row and return its id."""
    _check_columns(fields)
    names = sorted(fields)
    placeholders = ", ".join("?" for _ in names)
    sql = f"INSERT INTO assets ({', '.join(names)}) VALUES ({placeholders}) RETURNING id"
    return con.execute(sql, [fields[n] for n in names]).fetchone()[0]


def insert_many(con: Connection, rows: list[dict[str, Any]]) -> list[int]:
    """Insert asset rows (all with the same columns and distinct sha256s) in one statement; their ids in order."""
    if not rows:
        return []
    for fields in rows:
        _check_columns(fields)
    names = sorted(rows[0])
    if any(sorted(fields) != names for fields in rows):
        raise ValueError("insert_many needs every row to set the same columns")
    one = "(" + ", ".join("?" for _ in names) + ")"
    sql = f"INSERT INTO assets ({', '.join(names)}) VALUES {', '.join([one] * len(rows))} RETURNING id, sha256"
    returned = con.execute(sql, [fields[n] for fields in rows for n in names]).fetchall()
    by_sha = {sha256: asset_id for asset_id, sha256 in returned}  # matched by hash, whatever order rows come back in
    return [by_sha[fields["sha256"]] for fields in rows]


def update(con: Connection, asset_id: int, fields: dict[str, Any]) -> None:
    """Set some columns of one asset."""
    _check_columns(fields)
    if not fields:
        return
    names = sorted(fields)
    assignments = ", ".join(f"{n} = ?" for n in names)
    con.execute(f"UPDATE assets SET {assignments} WHERE id = ?", [*(fields[n] for n in names), asset_id])


def update_many(con: Connection, changes: list[tuple[int, dict[str, Any]]]) -> None:
    """Set the same columns of many assets, each to its own values (one prepared statement for all)."""
    if not changes:
        return
    names = sorted(changes[0][1])
    for _, fields in changes:
        _check_columns(fields)
        if sorted(fields) != names:
            raise ValueError("update_many needs every change to set the same columns")
    assignments = ", ".join(f"{n} = ?" for n in names)
    execute_many(con, f"UPDATE assets SET {assignments} WHERE id = ?",
                 [[*(fields[n] for n in names), asset_id] for asset_id, fields in changes])  # fmt: skip


def get(con: Connection, asset_id: int) -> Asset:
    row = con.execute(f"SELECT {_SELECT} FROM assets WHERE id = ?", [asset_id]).fetchone()
    if row is None:
        raise NotFound(f"No asset with id {asset_id}.")
    return Asset(*row)


def many(con: Connection, asset_ids: list[int]) -> list[Asset]:
    """Assets by id, in the order asked for (missing ids are skipped)."""
    rows = con.execute(
        f"SELECT {_SELECT} FROM assets WHERE id IN (SELECT unnest(?::BIGINT[]))", [asset_ids]
    ).fetchall()
    by_id = {r[0]: Asset(*r) for r in rows}
    return [by_id[i] for i in asset_ids if i in by_id]


def find_by_sha(con: Connection, brand_id: int, sha256: str) -> int | None:
    """The live asset in a brand with exactly these bytes, if any."""
    row = con.execute(
        "SELECT id FROM assets WHERE brand_id = ? AND sha256 = ? AND deleted_at IS NULL ORDER BY id LIMIT 1",
        [brand_id, sha256],
    ).fetchone()
    return row[0] if row else None


def find_by_shas(con: Connection, brand_id: int, sha256s: list[str]) -> dict[str, int]:
    """For many hashes at once (an ingest batch): sha256 -> the live asset in the brand with those bytes."""
    if not sha256s:
        return {}
    rows = con.execute(
        "SELECT sha256, min(id) FROM assets WHERE brand_id = ? AND deleted_at IS NULL"
        " AND sha256 IN (SELECT unnest(?::VARCHAR[])) GROUP BY sha256",
        [brand_id, list(sha256s)],
    ).fetchall()
    return {r[0]: r[1] for r in rows}


def newest(con: Connection, limit: int = 60) -> list[Asset]:
    rows = con.execute(
        f"SELECT {_SELECT} FROM assets WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT ?", [limit]
    ).fetchall()
    return [Asset(*r) for r in rows]


def all_ids(con: Connection) -> list[int]:
    return [r[0] for r in con.execute("SELECT id FROM assets ORDER BY id").fetchall()]


def record(con: Connection, asset_id: int) -> dict[str, Any]:
    """The full record of one asset as plain values: every column, brand name, tags, collections, campaigns."""
    asset = get(con, asset_id)
    out: dict[str, Any] = {name: getattr(asset, name) for name in ASSET_COLUMNS}
    out["brand"] = con.execute("SELECT name FROM brands WHERE id = ?", [asset.brand_id]).fetchone()[0]
    creator = con.execute("SELECT handle FROM users WHERE id = ?", [asset.creator_id]).fetchone()
    out["creator"] = creator[0] if creator else None
    out["tags"] = tags.for_asset(con, asset_id)
    out["collections"] = collections.paths_for_asset(con, asset_id)
    out["campaigns"] = campaigns.names_for_asset(con, asset_id)
    out["inputs"] = [r[0] for r in con.execute(
        "SELECT input_asset_id FROM asset_inputs WHERE asset_id = ? ORDER BY input_asset_id", [asset_id]).fetchall()]  # fmt: skip
    return out


# Tables whose rows hang off an asset id; purging an asset removes its rows from each.
ASSET_LINK_TABLES = ("asset_tags", "asset_campaigns", "collection_assets", "brand_pins", "brand_logos",
                     "text_embeddings")


def purge_rows(con: Connection, asset_id: int) -> None:
    """Remove an asset row and every row that refers to it (the files are the caller's to remove)."""
    for table in ASSET_LINK_TABLES:
        con.execute(f"DELETE FROM {table} WHERE asset_id = ?", [asset_id])
    con.execute("DELETE FROM asset_inputs WHERE asset_id = ? OR input_asset_id = ?", [asset_id, asset_id])
    con.execute("UPDATE assets SET parent_id = NULL WHERE parent_id = ?", [asset_id])
    con.execute("DELETE FROM assets WHERE id = ?", [asset_id])


def sha_in_use(con: Connection, sha256: str) -> bool:
    """Whether any asset row (live or trashed) still holds these bytes."""
    return con.execute("SELECT count(*) FROM assets WHERE sha256 = ?", [sha256]).fetchone()[0] > 0


def trashed_before(con: Connection, cutoff) -> list[tuple[int, int]]:
    """(id, brand id) of assets in the trash since before `cutoff`."""
    return con.execute(
        "SELECT id, brand_id FROM assets WHERE deleted_at IS NOT NULL AND deleted_at < ? ORDER BY id", [cutoff]
    ).fetchall()


def add_inputs(con: Connection, asset_id: int, input_ids: list[int]) -> None:
    """Record generation lineage: the assets this one was made from."""
    execute_many(
        con, "INSERT INTO asset_inputs (asset_id, input_asset_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [[asset_id, i] for i in input_ids],
    )


def stored_files(con: Connection) -> list[tuple[int, str, str, str | None, str | None]]:
    """(id, sha256, blob_key, thumb_small_key, thumb_large_key) of every asset row, for the storage check."""
    return con.execute(
        "SELECT id, sha256, blob_key, thumb_small_key, thumb_large_key FROM assets ORDER BY id"
    ).fetchall()


def large_previews(con: Connection, brand_id: int | None = None) -> list[tuple[int, str, str]]:
    """(id, blob_key, thumb_large_key) of live assets with a large preview key, newest first (for `previews`)."""
    where = "deleted_at IS NULL AND thumb_large_key IS NOT NULL" + (" AND brand_id = ?" if brand_id is not None else "")
    params = [brand_id] if brand_id is not None else []
    return con.execute(
        f"SELECT id, blob_key, thumb_large_key FROM assets WHERE {where} ORDER BY created_at DESC, id DESC", params
    ).fetchall()
