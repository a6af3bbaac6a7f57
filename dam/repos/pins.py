"""Brand kit lists: the assets pinned as a brand's anchors and those designated as its logos, each in order."""

from __future__ import annotations

from dataclasses import dataclass

from dam.db.catalog import Connection, execute_many


@dataclass(frozen=True)
class KitList:
    """One ordered list of assets on a brand's kit: its table and the column naming who added an asset."""

    table: str
    by_column: str


# The only tables these functions touch: names come from here, never from input.
PINS = KitList("brand_pins", "pinned_by")
LOGOS = KitList("brand_logos", "added_by")


def contains(con: Connection, kit: KitList, brand_id: int, asset_id: int) -> bool:
    return con.execute(
        f"SELECT count(*) FROM {kit.table} WHERE brand_id = ? AND asset_id = ?", [brand_id, asset_id]
    ).fetchone()[0] > 0


def add(con: Connection, kit: KitList, brand_id: int, asset_id: int, user_id: int | None) -> None:
    """Put an asset at the end of the list (nothing happens when it is already there)."""
    position = con.execute(
        f"SELECT coalesce(max(position), 0) + 1 FROM {kit.table} WHERE brand_id = ?", [brand_id]
    ).fetchone()[0]
    con.execute(
        f"INSERT INTO {kit.table} (brand_id, asset_id, position, {kit.by_column}) VALUES (?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        [brand_id, asset_id, position, user_id],
    )


def remove(con: Connection, kit: KitList, brand_id: int, asset_id: int) -> None:
    con.execute(f"DELETE FROM {kit.table} WHERE brand_id = ? AND asset_id = ?", [brand_id, asset_id])


def ids(con: Connection, kit: KitList, brand_id: int) -> list[int]:
    """Asset ids on the list, in kit order."""
    rows = con.execute(
        f"SELECT asset_id FROM {kit.table} WHERE brand_id = ? ORDER BY position, asset_id", [brand_id]
    ).fetchall()
    return [r[0] for r in rows]


def set_order(con: Connection, kit: KitList, brand_id: int, ordered: list[int]) -> None:
    """Number the listed assets 1, 2, 3... in the order given (the caller passes exactly the list's ids)."""
    execute_many(
        con, f"UPDATE {kit.table} SET position = ? WHERE brand_id = ? AND asset_id = ?",
        [[position, brand_id, asset_id] for position, asset_id in enumerate(ordered, start=1)],
    )


def is_pinned(con: Connection, brand_id: int, asset_id: int) -> bool:
    return contains(con, PINS, brand_id, asset_id)


def pin(con: Connection, brand_id: int, asset_id: int, user_id: int | None) -> None:
    add(con, PINS, brand_id, asset_id, user_id)


def unpin(con: Connection, brand_id: int, asset_id: int) -> None:
    remove(con, PINS, brand_id, asset_id)


def for_brand(con: Connection, brand_id: int) -> list[int]:
    """Pinned asset ids of a brand, in kit order."""
    return ids(con, PINS, brand_id)
