"""What a duplicates merge moves between assets: tags, collections, campaigns and comments, and back on undo."""

from __future__ import annotations

from dam.db.catalog import Connection

# Link table -> its key column; names come from here only.
LINKS = {"asset_tags": "tag_id", "collection_assets": "collection_id", "asset_campaigns": "campaign_id"}


def links(con: Connection, asset_ids: list[int]) -> dict[str, set[int]]:
    """Every tag, collection and campaign id that any of the assets has."""
    out = {}
    for table, key in LINKS.items():
        rows = con.execute(f"SELECT DISTINCT {key} FROM {table} WHERE asset_id IN (SELECT unnest(?::BIGINT[]))",
                           [list(asset_ids)]).fetchall()  # fmt: skip
        out[table] = {r[0] for r in rows}
    return out


def add_links(con: Connection, asset_id: int, added: dict[str, list[int]]) -> None:
    for table, ids in added.items():
        key = LINKS[table]
        for link_id in ids:
            con.execute(f"INSERT INTO {table} (asset_id, {key}) VALUES (?, ?) ON CONFLICT DO NOTHING", [asset_id, link_id])


def remove_links(con: Connection, asset_id: int, added: dict[str, list[int]]) -> None:
    for table, ids in added.items():
        key = LINKS[table]
        con.execute(f"DELETE FROM {table} WHERE asset_id = ? AND {key} IN (SELECT unnest(?::BIGINT[]))",
                    [asset_id, list(ids)])  # fmt: skip


def comment_owners(con: Connection, asset_ids: list[int]) -> dict[int, int]:
    """comment id -> asset id, for every comment on these assets."""
    rows = con.execute("SELECT id, asset_id FROM comments WHERE asset_id IN (SELECT unnest(?::BIGINT[]))",
                       [list(asset_ids)]).fetchall()  # fmt: skip
    return {r[0]: r[1] for r in rows}


def move_comments(con: Connection, comment_ids: list[int], asset_id: int) -> None:
    con.execute("UPDATE comments SET asset_id = ? WHERE id IN (SELECT unnest(?::BIGINT[]))", [asset_id, list(comment_ids)])
