"""Brands and their kits."""

from __future__ import annotations

from dam.db.catalog import Connection
from dam.errors import NotFound, Rejected
from dam.models import Brand

_COLUMNS = "id, name, palette, fonts, notes"


def _brand(row: tuple) -> Brand:
    return Brand(id=row[0], name=row[1], palette=list(row[2] or []), fonts=list(row[3] or []), notes=row[4])


def all_brands(con: Connection) -> list[Brand]:
    return [_brand(r) for r in con.execute(f"SELECT {_COLUMNS} FROM brands ORDER BY name").fetchall()]


def by_id(con: Connection, brand_id: int) -> Brand:
    row = con.execute(f"SELECT {_COLUMNS} FROM brands WHERE id = ?", [brand_id]).fetchone()
    if row is None:
        raise NotFound(f"No brand with id {brand_id}.")
    return _brand(row)


def by_name(con: Connection, name: str) -> Brand | None:
    row = con.execute(f"SELECT {_COLUMNS} FROM brands WHERE lower(name) = lower(?)", [name.strip()]).fetchone()
    return _brand(row) if row else None


def require_by_name(con: Connection, name: str) -> Brand:
    brand = by_name(con, name)
    if brand is None:
        raise NotFound(f"No brand named {name!r}.")
    return brand


def create(con: Connection, name: str, palette: list[str] | None = None, notes: str = "") -> Brand:
    name = name.strip()
    if not name:
        raise Rejected("A brand needs a name.")
    row = con.execute(
        f"INSERT INTO brands (name, palette, notes) VALUES (?, ?, ?) RETURNING {_COLUMNS}",
        [name, palette or [], notes],
    ).fetchone()
    return _brand(row)


def get_or_create(con: Connection, name: str) -> Brand:
    return by_name(con, name) or create(con, name)


def rename(con: Connection, brand_id: int, new_name: str) -> None:
    """Rename a brand; everything refers to it by id, so every link keeps working."""
    con.execute("UPDATE brands SET name = ? WHERE id = ?", [new_name, brand_id])


def update_kit(con: Connection, brand_id: int, *, palette: list[str], fonts: list[str], notes: str) -> Brand:
    """Write a brand kit's palette, fonts and notes at once (the service decides what changes)."""
    row = con.execute(
        f"UPDATE brands SET palette = ?, fonts = ?, notes = ? WHERE id = ? RETURNING {_COLUMNS}",
        [palette, fonts, notes, brand_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"No brand with id {brand_id}.")
    return _brand(row)
