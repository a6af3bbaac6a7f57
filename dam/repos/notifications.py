"""In-app notifications: one row per person told about something, with when they read it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dam.db.catalog import Connection
from dam.repos.events import utcnow


@dataclass(frozen=True)
class Notification:
    id: int
    user_id: int
    kind: str
    asset_id: int | None
    actor_id: int | None
    body: str
    created_at: datetime
    read_at: datetime | None


_COLUMNS = "id, user_id, kind, asset_id, actor_id, body, created_at, read_at"


def add(con: Connection, user_id: int, kind: str, *, asset_id: int | None, actor_id: int | None, body: str) -> None:
    con.execute(
        "INSERT INTO notifications (user_id, kind, asset_id, actor_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        [user_id, kind, asset_id, actor_id, body, utcnow()],
    )


def for_user(con: Connection, user_id: int, limit: int = 100) -> list[Notification]:
    rows = con.execute(
        f"SELECT {_COLUMNS} FROM notifications WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?",
        [user_id, limit],
    ).fetchall()
    return [Notification(*r) for r in rows]


def unread_count(con: Connection, user_id: int) -> int:
    return con.execute(
        "SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL", [user_id]
    ).fetchone()[0]


def mark_read(con: Connection, user_id: int, notification_id: int | None = None) -> None:
    """Mark one notification (or, with None, all of them) read for this user."""
    con.execute(
        "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL AND (? IS NULL OR id = ?)",
        [utcnow(), user_id, notification_id, notification_id],
    )
