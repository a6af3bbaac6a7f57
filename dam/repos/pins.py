"""Brand kit pins: which assets anchor a brand's kit, in order."""

from __future__ import annotations

from dam.db.catalog import Connection


def is_pinned(con: Connection, brand_id: int, asset_id: int) -> bool:
    return con.execute(
        "SELECT count(*) FROM brand_pins WHERE brand_id = ? AND asset_id = ?", [brand_id, asset_id]
    ).fetchone()[0] > 0


def pin(con: Connection, brand_id: int, asset_id: int, user_id: int | None) -> None:
    position = con.execute(
        "SELECT coalesce(max(position), 0) + 1 FROM brand_pins WHERE brand_id = ?", [brand_id]
    ).fetchone()[0]
    con.execute(
        "INSERT INTO brand_pins (brand_id, asset_id, position, pinned_by) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [brand_id, asset_id, position, user_id],
    )


def unpin(con: Connection, brand_id: int, asset_id: int) -> None:
    con.execute("DELETE FROM brand_pins WHERE brand_id = ? AND asset_id = ?", [brand_id, asset_id])


def for_brand(con: Connection, brand_id: int) -> list[int]:
    """Pinned asset ids of a brand, in kit order."""
    rows = con.execute(
        "SELECT asset_id FROM brand_pins WHERE brand_id = ? ORDER BY position, asset_id", [brand_id]
    ).fetchall()
    return [r[0] for r in rows]
