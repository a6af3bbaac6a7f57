"""Tags: free-form labels, stored once by normalised name and linked to assets."""

from __future__ import annotations

from dam.db.catalog import Connection, execute_many


def normalise(tag: str) -> str:
    """A tag as stored: trimmed, inner whitespace folded, lower case, no control characters."""
    return " ".join("".join(c for c in tag if ord(c) >= 32).split()).lower()


def ensure(con: Connection, names: list[str]) -> dict[str, int]:
    """Tag ids for names, creating the missing ones."""
    wanted = sorted({n for n in (normalise(t) for t in names) if n})
    if not wanted:
        return {}
    con.execute(
        "INSERT INTO tags (name) SELECT unnest(?::VARCHAR[]) ON CONFLICT DO NOTHING", [wanted]
    )
    rows = con.execute("SELECT name, id FROM tags WHERE name IN (SELECT unnest(?::VARCHAR[]))", [wanted]).fetchall()
    return dict(rows)


def add_to_assets(con: Connection, asset_ids: list[int], names: list[str]) -> None:
    ids = ensure(con, names)
    execute_many(
        con, "INSERT INTO asset_tags (asset_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [[a, t] for a in asset_ids for t in ids.values()],
    )


def add_each(con: Connection, pairs: list[tuple[int, str]]) -> None:
    """Give each asset its own tags: (asset id, tag name) pairs, tags created as needed, two statements in all."""
    ids = ensure(con, [name for _, name in pairs])
    links = {(asset_id, ids[key]) for asset_id, name in pairs if (key := normalise(name)) in ids}
    execute_many(con, "INSERT INTO asset_tags (asset_id, tag_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                 [list(link) for link in sorted(links)])  # fmt: skip


def remove_from_assets(con: Connection, asset_ids: list[int], names: list[str]) -> None:
    wanted = [normalise(n) for n in names]
    execute_many(
        con, "DELETE FROM asset_tags WHERE asset_id = ? AND tag_id IN (SELECT id FROM tags WHERE name = ?)",
        [[a, n] for a in asset_ids for n in wanted],
    )


def for_asset(con: Connection, asset_id: int) -> list[str]:
    rows = con.execute(
        "SELECT t.name FROM asset_tags x JOIN tags t ON t.id = x.tag_id WHERE x.asset_id = ? ORDER BY t.name",
        [asset_id],
    ).fetchall()
    return [r[0] for r in rows]


def for_brand(con: Connection, brand_id: int) -> list[tuple[str, int]]:
    """The brand's tags with how many live assets carry each, most used first (for autocomplete)."""
    return con.execute(
        "SELECT t.name, count(*) AS n FROM asset_tags x JOIN tags t ON t.id = x.tag_id"
        " JOIN assets a ON a.id = x.asset_id WHERE a.brand_id = ? AND a.deleted_at IS NULL"
        " GROUP BY t.name ORDER BY n DESC, t.name",
        [brand_id],
    ).fetchall()
