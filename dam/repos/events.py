"""The append-only event log: who changed what, when, from what to what."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from dam.db.catalog import Connection


def utcnow() -> datetime:
    """Now in UTC without tzinfo, as the catalog stores every timestamp."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, default=str, sort_keys=True)


def record(
    con: Connection,
    *,
    actor_id: int | None,
    action: str,
    entity: str,
    entity_id: int | None,
    brand_id: int | None = None,
    before: Any = None,
    after: Any = None,
) -> None:
    """Append one event."""
    con.execute(
        "INSERT INTO events (occurred_at, actor_id, action, entity, entity_id, brand_id, before, after)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [utcnow(), actor_id, action, entity, entity_id, brand_id, _json(before), _json(after)],
    )


def record_many(con: Connection, entries: list[dict[str, Any]]) -> None:
    """Append several events, hundreds per statement; each entry holds `record`'s keyword arguments."""
    now = utcnow()
    for start in range(0, len(entries), 500):  # a few thousand parameters per statement at most
        chunk = entries[start : start + 500]
        values = []
        for e in chunk:
            values += [now, e.get("actor_id"), e["action"], e["entity"], e.get("entity_id"), e.get("brand_id"),
                       _json(e.get("before")), _json(e.get("after"))]  # fmt: skip
        rows = ", ".join(["(?, ?, ?, ?, ?, ?, ?, ?)"] * len(chunk))
        con.execute(
            "INSERT INTO events (occurred_at, actor_id, action, entity, entity_id, brand_id, before, after)"
            f" VALUES {rows}", values,
        )  # fmt: skip


def for_entity(con: Connection, entity: str, entity_id: int) -> list[dict]:
    """The history of one thing, oldest first."""
    rows = con.execute(
        "SELECT id, occurred_at, actor_id, action, before, after FROM events WHERE entity = ? AND entity_id = ? ORDER BY id",
        [entity, entity_id],
    ).fetchall()
    return [
        {"id": r[0], "occurred_at": r[1], "actor_id": r[2], "action": r[3],
         "before": json.loads(r[4]) if r[4] else None, "after": json.loads(r[5]) if r[5] else None}
        for r in rows
    ]  # fmt: skip
