"""Campaigns per brand and the assets assigned to them."""

from __future__ import annotations

from datetime import date, datetime

from dam.db.catalog import Connection, execute_many
from dam.errors import NotFound, Rejected
from dam.models import Campaign

_COLUMNS = "id, brand_id, name, description, starts_on, ends_on, archived_at"


def _campaign(row: tuple) -> Campaign:
    return Campaign(*row)


def for_brand(con: Connection, brand_id: int, *, include_archived: bool = True) -> list[Campaign]:
    archived = "" if include_archived else " AND archived_at IS NULL"
    rows = con.execute(
        f"SELECT {_COLUMNS} FROM campaigns WHERE brand_id = ?{archived} ORDER BY lower(name), id", [brand_id]
    ).fetchall()
    return [_campaign(r) for r in rows]


def by_name(con: Connection, brand_id: int, name: str) -> Campaign | None:
    row = con.execute(
        f"SELECT {_COLUMNS} FROM campaigns WHERE brand_id = ? AND lower(name) = lower(?)", [brand_id, name.strip()]
    ).fetchone()
    return _campaign(row) if row else None


def clean_name(name: str) -> str:
    """A campaign name as stored: single spaces, no control characters."""
    name = " ".join(name.split())
    if not name:
        raise Rejected("A campaign needs a name.")
    if any(ord(c) < 32 for c in name):
        raise Rejected(f"A campaign name cannot contain control characters: {name!r}.")
    return name


def create(con: Connection, brand_id: int, name: str, *, description: str = "", starts_on: date | None = None,
           ends_on: date | None = None) -> Campaign:  # fmt: skip
    row = con.execute(
        f"INSERT INTO campaigns (brand_id, name, description, starts_on, ends_on) VALUES (?, ?, ?, ?, ?)"
        f" RETURNING {_COLUMNS}",
        [brand_id, clean_name(name), description, starts_on, ends_on],
    ).fetchone()
    return _campaign(row)


def get_or_create(con: Connection, brand_id: int, name: str) -> Campaign:
    name = clean_name(name)
    return by_name(con, brand_id, name) or create(con, brand_id, name)


def update(con: Connection, campaign_id: int, *, name: str, description: str, starts_on: date | None,
           ends_on: date | None, archived_at: datetime | None) -> Campaign:  # fmt: skip
    """Write every editable field of a campaign at once (the service decides what changes)."""
    row = con.execute(
        f"UPDATE campaigns SET name = ?, description = ?, starts_on = ?, ends_on = ?, archived_at = ? WHERE id = ?"
        f" RETURNING {_COLUMNS}",
        [name, description, starts_on, ends_on, archived_at, campaign_id],
    ).fetchone()
    if row is None:
        raise NotFound(f"No campaign with id {campaign_id}.")
    return _campaign(row)


def assign(con: Connection, campaign_id: int, asset_ids: list[int]) -> None:
    execute_many(
        con, "INSERT INTO asset_campaigns (asset_id, campaign_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
        [[a, campaign_id] for a in asset_ids],
    )


def names_for_asset(con: Connection, asset_id: int) -> list[str]:
    rows = con.execute(
        "SELECT c.name FROM asset_campaigns ac JOIN campaigns c ON c.id = ac.campaign_id"
        " WHERE ac.asset_id = ? ORDER BY lower(c.name)",
        [asset_id],
    ).fetchall()
    return [r[0] for r in rows]


def by_id(con: Connection, campaign_id: int) -> Campaign:
    row = con.execute(f"SELECT {_COLUMNS} FROM campaigns WHERE id = ?", [campaign_id]).fetchone()
    if row is None:
        raise NotFound(f"No campaign with id {campaign_id}.")
    return _campaign(row)


def unassign(con: Connection, campaign_id: int, asset_ids: list[int]) -> None:
    execute_many(
        con, "DELETE FROM asset_campaigns WHERE campaign_id = ? AND asset_id = ?", [[campaign_id, a] for a in asset_ids]
    )


def unassign_everywhere(con: Connection, asset_id: int) -> None:
    """Take an asset out of every campaign (when it leaves its brand)."""
    con.execute("DELETE FROM asset_campaigns WHERE asset_id = ?", [asset_id])
