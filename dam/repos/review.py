"""Review queries: the queue of submissions waiting for a decision, rejection reasons, and counts per status."""

from __future__ import annotations

import json
from datetime import datetime

from dam.db.catalog import Connection
from dam.models import ASSET_COLUMNS, Asset

_SELECT = ", ".join(ASSET_COLUMNS)
_WAITING_SINCE = "coalesce(submitted_at, updated_at)"


def _waiting(brand_ids: list[int], only_ids: list[int] | None) -> tuple[str, list]:
    """The WHERE body of the queue: live assets in review in these brands (and among `only_ids` when given)."""
    sql = ("status = 'in_review' AND deleted_at IS NULL AND brand_id IN (SELECT unnest(?::INTEGER[]))"
           + ("" if only_ids is None else " AND id IN (SELECT unnest(?::BIGINT[]))"))  # fmt: skip
    return sql, [list(brand_ids)] + ([] if only_ids is None else [list(only_ids)])


def _past(mark: tuple[datetime, int]) -> tuple[str, list]:
    """Rows after this place in the queue (waiting since, id): the keyset that pages it."""
    return f"({_WAITING_SINCE} > ? OR ({_WAITING_SINCE} = ? AND id > ?))", [mark[0], mark[0], mark[1]]


def queue(
    con: Connection, brand_ids: list[int], *, only_ids: list[int] | None = None,
    after: tuple[datetime, int] | None = None, limit: int = 50,
) -> list[Asset]:  # fmt: skip
    """Assets in review in these brands, longest waiting first, starting after `after` (waiting since, id)."""
    where, params = _waiting(brand_ids, only_ids)
    if after is not None:
        # A keyset, not an offset: decisions taken meanwhile remove rows before it without shifting the next page.
        past, past_params = _past(after)
        where, params = f"{where} AND {past}", params + past_params
    rows = con.execute(
        f"SELECT {_SELECT} FROM assets WHERE {where} ORDER BY {_WAITING_SINCE}, id LIMIT ?", [*params, limit]
    ).fetchall()
    return [Asset(*r) for r in rows]


def queue_size(
    con: Connection, brand_ids: list[int], *, only_ids: list[int] | None = None,
    upto: tuple[datetime, int] | None = None,
) -> int:  # fmt: skip
    """How many assets the whole queue holds, or only those up to and including the place `upto`."""
    where, params = _waiting(brand_ids, only_ids)
    if upto is not None:
        past, past_params = _past(upto)
        where, params = f"{where} AND NOT {past}", params + past_params
    return con.execute(f"SELECT count(*) FROM assets WHERE {where}", params).fetchall()[0][0]


def submissions(con: Connection, user_id: int, *, limit: int = 200) -> list[Asset]:
    """What a person has submitted for review, most recently changed first."""
    rows = con.execute(
        f"SELECT {_SELECT} FROM assets WHERE submitted_by = ? AND deleted_at IS NULL"
        " ORDER BY updated_at DESC, id DESC LIMIT ?",
        [user_id, limit],
    ).fetchall()
    return [Asset(*r) for r in rows]


def rejection_notes(con: Connection, asset_ids: list[int]) -> dict[int, str]:
    """asset id -> the reason its latest rejection gave (the note lives in the status event's `after`)."""
    if not asset_ids:
        return {}
    rows = con.execute(
        "SELECT entity_id, after FROM events WHERE entity = 'asset' AND action = 'asset.status'"
        " AND entity_id IN (SELECT unnest(?::BIGINT[])) ORDER BY id",
        [list(asset_ids)],
    ).fetchall()
    notes: dict[int, str] = {}
    for asset_id, after in rows:  # oldest first, so a later rejection overwrites an earlier one
        change = json.loads(after) if after else {}
        if isinstance(change, dict) and change.get("status") == "rejected" and change.get("note"):
            notes[asset_id] = str(change["note"])
    return notes


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
