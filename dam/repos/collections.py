"""Collections: a tree per brand, with unique sibling names and asset membership."""

from __future__ import annotations

from dam.db.catalog import Connection, execute_many
from dam.errors import Conflict, NotFound, Rejected
from dam.models import Collection

SEPARATOR = "/"


def clean_name(name: str) -> str:
    """A collection name as stored: trimmed, no path separator, no control characters."""
    name = " ".join(name.split())
    if not name:
        raise Rejected("A collection needs a name.")
    if SEPARATOR in name or any(ord(c) < 32 for c in name):
        raise Rejected(f"A collection name cannot contain '{SEPARATOR}' or control characters: {name!r}.")
    return name


def all_for_brand(con: Connection, brand_id: int) -> list[Collection]:
    """Every collection of a brand with its full path, sorted by path."""
    rows = con.execute(
        """
        WITH RECURSIVE tree(id, parent_id, name, path) AS (
            SELECT id, parent_id, name, name FROM collections WHERE brand_id = ? AND parent_id IS NULL
            UNION ALL
            SELECT c.id, c.parent_id, c.name, tree.path || '/' || c.name
            FROM collections c JOIN tree ON c.parent_id = tree.id
        )
        SELECT id, parent_id, name, path FROM tree ORDER BY lower(path)
        """,
        [brand_id],
    ).fetchall()
    return [Collection(id=r[0], brand_id=brand_id, parent_id=r[1], name=r[2], path=r[3]) for r in rows]


def by_id(con: Connection, collection_id: int) -> Collection:
    row = con.execute(
        "SELECT id, brand_id, parent_id, name FROM collections WHERE id = ?", [collection_id]
    ).fetchone()
    if row is None:
        raise NotFound(f"No collection with id {collection_id}.")
    return Collection(id=row[0], brand_id=row[1], parent_id=row[2], name=row[3])


def child_named(con: Connection, brand_id: int, parent_id: int | None, name: str) -> int | None:
    row = con.execute(
        "SELECT id FROM collections WHERE brand_id = ? AND parent_id IS NOT DISTINCT FROM ? AND lower(name) = lower(?)",
        [brand_id, parent_id, name],
    ).fetchone()
    return row[0] if row else None


def create(con: Connection, brand_id: int, name: str, parent_id: int | None = None) -> int:
    name = clean_name(name)
    if child_named(con, brand_id, parent_id, name) is not None:
        raise Conflict(f"A collection named {name!r} already exists there.")
    return con.execute(
        "INSERT INTO collections (brand_id, parent_id, name) VALUES (?, ?, ?) RETURNING id",
        [brand_id, parent_id, name],
    ).fetchone()[0]


def ensure_path(con: Connection, brand_id: int, path: str) -> int:
    """The id of the collection at `Parent/Child` in a brand, creating missing levels."""
    parts = [p for p in path.split(SEPARATOR) if p.strip()]
    if not parts:
        raise Rejected("A collection path needs at least one name.")
    parent_id = None
    for part in parts:
        part = clean_name(part)
        existing = child_named(con, brand_id, parent_id, part)
        parent_id = existing if existing is not None else create(con, brand_id, part, parent_id)
    return parent_id


def find_path(con: Connection, brand_id: int, path: str) -> int | None:
    """The id of the collection at a path, or None when any level is missing."""
    parent_id = None
    for part in (p.strip() for p in path.split(SEPARATOR) if p.strip()):
        parent_id = child_named(con, brand_id, parent_id, part)
        if parent_id is None:
            return None
    return parent_id


def descendants(con: Connection, collection_id: int) -> list[int]:
    """The collection and every collection below it."""
    rows = con.execute(
        """
        WITH RECURSIVE sub(id) AS (
            SELECT ?::INTEGER UNION ALL SELECT c.id FROM collections c JOIN sub ON c.parent_id = sub.id
        ) SELECT id FROM sub
        """,
        [collection_id],
    ).fetchall()
    return [r[0] for r in rows]


def add_assets(con: Connection, collection_id: int, asset_ids: list[int]) -> None:
    execute_many(
        con, "INSERT INTO collection_assets (collection_id, asset_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [[collection_id, a] for a in asset_ids],
    )


def remove_assets(con: Connection, collection_id: int, asset_ids: list[int]) -> None:
    execute_many(
        con, "DELETE FROM collection_assets WHERE collection_id = ? AND asset_id = ?",
        [[collection_id, a] for a in asset_ids],
    )


def rename(con: Connection, collection_id: int, new_name: str) -> None:
    current = by_id(con, collection_id)
    new_name = clean_name(new_name)
    clash = child_named(con, current.brand_id, current.parent_id, new_name)
    if clash is not None and clash != collection_id:
        raise Conflict(f"A collection named {new_name!r} already exists there.")
    con.execute("UPDATE collections SET name = ? WHERE id = ?", [new_name, collection_id])


def move(con: Connection, collection_id: int, new_parent_id: int | None) -> None:
    """Re-parent a collection; never under itself or its own descendants."""
    current = by_id(con, collection_id)
    if new_parent_id is not None:
        parent = by_id(con, new_parent_id)
        if parent.brand_id != current.brand_id:
            raise Rejected("A collection can only move within its brand.")
        if new_parent_id in descendants(con, collection_id):
            raise Conflict("A collection cannot be moved under itself or one of its sub-collections.")
    clash = child_named(con, current.brand_id, new_parent_id, current.name)
    if clash is not None and clash != collection_id:
        raise Conflict(f"A collection named {current.name!r} already exists there.")
    con.execute("UPDATE collections SET parent_id = ? WHERE id = ?", [new_parent_id, collection_id])


def delete(con: Connection, collection_id: int) -> None:
    """Remove a collection and its sub-collections; the assets inside stay in the library."""
    ids = descendants(con, collection_id)
    con.execute("DELETE FROM collection_assets WHERE collection_id IN (SELECT unnest(?::INTEGER[]))", [ids])
    con.execute("DELETE FROM collections WHERE id IN (SELECT unnest(?::INTEGER[]))", [ids])


def paths_for_asset(con: Connection, asset_id: int) -> list[str]:
    """Full paths of the collections an asset is filed in."""
    ids = [r[0] for r in con.execute(
        "SELECT collection_id FROM collection_assets WHERE asset_id = ?", [asset_id]).fetchall()]  # fmt: skip
    if not ids:
        return []
    brand_id = by_id(con, ids[0]).brand_id
    return sorted(c.path for c in all_for_brand(con, brand_id) if c.id in ids)


def unfile_everywhere(con: Connection, asset_id: int) -> None:
    """Take an asset out of every collection (when it leaves its brand)."""
    con.execute("DELETE FROM collection_assets WHERE asset_id = ?", [asset_id])


def covers(con: Connection, brand_id: int) -> dict[int, int]:
    """collection id -> the newest live, non-draft asset filed directly in it (its cover on the Collections page)."""
    rows = con.execute(
        "SELECT ca.collection_id, arg_max(a.id, a.created_at) FROM collection_assets ca"
        " JOIN assets a ON a.id = ca.asset_id JOIN collections c ON c.id = ca.collection_id"
        " WHERE c.brand_id = ? AND a.deleted_at IS NULL AND a.status <> 'draft' GROUP BY ca.collection_id",
        [brand_id],
    ).fetchall()
    return dict(rows)
