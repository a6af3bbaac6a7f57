"""Review queries: the queue of submissions waiting for a decision, and counts per status."""

from __future__ import annotations

from dam.db.catalog import Connection
from dam.models import ASSET_COLUMNS, Asset

_SELECT = ", ".join(ASSET_COLUMNS)


def queue(con: Connection, brand_ids: list[int], *, limit: int = 200) -> list[Asset]:
    """Assets in review in these brands, longest waiting first."""
    rows = con.execute(
        f"SELECT {_SELECT} FROM assets WHERE status = 'in_review' AND deleted_at IS NULL"
        " AND brand_id IN (SELECT unnest(?::INTEGER[]))"
        " ORDER BY coalesce(submitted_at, updated_at), id LIMIT ?",
        [brand_ids, limit],
    ).fetchall()
    return [Asset(*r) for r in rows]


def submissions(con: Connection, user_id: int, *, limit: int = 200) -> list[Asset]:
    """What a person has submitted for review, most recently changed first."""
    rows = con.execute(
        f"SELECT {_SELECT} FROM assets WHERE submitted_by = ? AND deleted_at IS NULL"
        " ORDER BY updated_at DESC, id DESC LIMIT ?",
        [user_id, limit],
    ).fetchall()
    return [Asset(*r) for r in rows]


def status_counts(
    con: Connection, brand_ids: list[int], *, viewer_id: int | None = None, private_draft_brand_ids: list[int] = ()
) -> dict[tuple[int, str], int]:  # fmt: skip
    """(brand id, status) -> number of live assets; in `private_draft_brand_ids` only the viewer's own drafts count."""
    rows = con.execute(
        "SELECT brand_id, status, count(*) FROM assets WHERE deleted_at IS NULL"
        " AND brand_id IN (SELECT unnest(?::INTEGER[]))"
        " AND (status <> 'draft' OR brand_id NOT IN (SELECT unnest(?::INTEGER[])) OR creator_id = ?)"
        " GROUP BY brand_id, status",
        [brand_ids, list(private_draft_brand_ids), viewer_id],
    ).fetchall()
    return {(b, s): n for b, s, n in rows}
