"""Campaigns per brand and the assets assigned to them."""

from __future__ import annotations

from dam.db.catalog import Connection, execute_many
from dam.errors import NotFound, Rejected
from dam.models import Campaign


def _campaign(row: tuple) -> Campaign:
    return Campaign(id=row[0], brand_id=row[1], name=row[2], description=row[3])


def for_brand(con: Connection, brand_id: int) -> list[Campaign]:
    rows = con.execute(
        "SELECT id, brand_id, name, description FROM campaigns WHERE brand_id = ? ORDER BY lower(name)", [brand_id]
    ).fetchall()
    return [_campaign(r) for r in rows]


def by_name(con: Connection, brand_id: int, name: str) -> Campaign | None:
    row = con.execute(
        "SELECT id, brand_id, name, description FROM campaigns WHERE brand_id = ? AND lower(name) = lower(?)",
        [brand_id, name.strip()],
    ).fetchone()
    return _campaign(row) if row else None


def get_or_create(con: Connection, brand_id: int, name: str) -> Campaign:
    name = " ".join(name.split())
    if not name:
        raise Rejected("A campaign needs a name.")
    existing = by_name(con, brand_id, name)
    if existing:
        return existing
    row = con.execute(
        "INSERT INTO campaigns (brand_id, name) VALUES (?, ?) RETURNING id, brand_id, name, description",
        [brand_id, name],
    ).fetchone()
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
    row = con.execute(
        "SELECT id, brand_id, name, description FROM campaigns WHERE id = ?", [campaign_id]
    ).fetchone()
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
