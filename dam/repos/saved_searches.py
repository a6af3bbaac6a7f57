"""Saved searches ("smart collections"): a named filter per brand, stored as its text form."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dam.db.catalog import Connection
from dam.errors import Conflict, NotFound, Rejected

_COLUMNS = "id, brand_id, owner_id, name, query, created_at"


@dataclass(frozen=True)
class SavedSearch:
    id: int
    brand_id: int
    owner_id: int | None
    name: str
    query: str  # the filter's text form (dam/query/textform.py)
    created_at: datetime


def for_brand(con: Connection, brand_id: int) -> list[SavedSearch]:
    rows = con.execute(
        f"SELECT {_COLUMNS} FROM saved_searches WHERE brand_id = ? ORDER BY lower(name), id", [brand_id]
    ).fetchall()
    return [SavedSearch(*r) for r in rows]


def by_name(con: Connection, brand_id: int, name: str) -> SavedSearch | None:
    rows = con.execute(
        f"SELECT {_COLUMNS} FROM saved_searches WHERE brand_id = ? AND lower(name) = lower(?)", [brand_id, name.strip()]
    ).fetchall()
    return SavedSearch(*rows[0]) if rows else None


def require_by_name(con: Connection, brand_id: int, name: str) -> SavedSearch:
    found = by_name(con, brand_id, name)
    if found is None:
        raise NotFound(f"No saved search named {name!r} in this brand.")
    return found


def create(con: Connection, brand_id: int, name: str, query: str, owner_id: int | None = None) -> SavedSearch:
    name = " ".join(name.split())
    if not name:
        raise Rejected("A saved search needs a name.")
    if by_name(con, brand_id, name) is not None:
        raise Conflict(f"A saved search named {name!r} already exists in this brand.")
    row = con.execute(
        f"INSERT INTO saved_searches (brand_id, owner_id, name, query) VALUES (?, ?, ?, ?) RETURNING {_COLUMNS}",
        [brand_id, owner_id, name, query],
    ).fetchall()[0]
    return SavedSearch(*row)


def update_query(con: Connection, saved_id: int, query: str) -> None:
    con.execute("UPDATE saved_searches SET query = ? WHERE id = ?", [query, saved_id])


def delete(con: Connection, saved_id: int) -> None:
    con.execute("DELETE FROM saved_searches WHERE id = ?", [saved_id])
