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


def preference_kind(kind: str) -> str:
    """The preference a notification kind falls under: `review.approved` and `review.rejected` under `review`."""
    return kind.split(".", 1)[0]


def add(con: Connection, user_id: int, kind: str, *, asset_id: int | None, actor_id: int | None, body: str) -> bool:
    """Tell someone about something, unless they switched that kind off; True when it was added."""
    if not wants(con, user_id, kind):
        return False
    con.execute(
        "INSERT INTO notifications (user_id, kind, asset_id, actor_id, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
        [user_id, kind, asset_id, actor_id, body, utcnow()],
    )
    return True


def add_many(con: Connection, notes: list[dict]) -> int:
    """Several `add`s in one statement (each dict holds add's arguments); returns how many were wanted."""
    wanted: dict[tuple[int, str], bool] = {}
    rows = []
    now = utcnow()
    for note in notes:
        key = (note["user_id"], preference_kind(note["kind"]))
        if key not in wanted:
            wanted[key] = wants(con, *key)
        if wanted[key]:
            rows += [note["user_id"], note["kind"], note.get("asset_id"), note.get("actor_id"), note["body"], now]
    if rows:
        values = ", ".join(["(?, ?, ?, ?, ?, ?)"] * (len(rows) // 6))
        con.execute(
            f"INSERT INTO notifications (user_id, kind, asset_id, actor_id, body, created_at) VALUES {values}", rows
        )
    return len(rows) // 6


def for_user(con: Connection, user_id: int, limit: int = 100, kind: str | None = None) -> list[Notification]:
    """Newest first; with `kind`, only those under that preference kind (`review` covers `review.approved`)."""
    rows = con.execute(
        f"SELECT {_COLUMNS} FROM notifications WHERE user_id = ?"
        " AND (?::VARCHAR IS NULL OR kind = ? OR starts_with(kind, ? || '.'))"
        " ORDER BY created_at DESC, id DESC LIMIT ?",
        [user_id, kind, kind, kind, limit],
    ).fetchall()
    return [Notification(*r) for r in rows]


def wants(con: Connection, user_id: int, kind: str) -> bool:
    """Whether the person wants this kind of notification (every kind is on until they switch it off)."""
    row = con.execute(
        "SELECT enabled FROM notification_prefs WHERE user_id = ? AND kind = ?", [user_id, preference_kind(kind)]
    ).fetchone()
    return row is None or row[0]


def preferences(con: Connection, user_id: int) -> dict[str, bool]:
    """preference kind -> on/off, for the kinds the person ever set."""
    return dict(con.execute("SELECT kind, enabled FROM notification_prefs WHERE user_id = ?", [user_id]).fetchall())


def set_preference(con: Connection, user_id: int, kind: str, enabled: bool) -> None:
    con.execute(
        "INSERT INTO notification_prefs (user_id, kind, enabled) VALUES (?, ?, ?)"
        " ON CONFLICT (user_id, kind) DO UPDATE SET enabled = excluded.enabled",
        [user_id, preference_kind(kind), enabled],
    )


def unread_by_asset(con: Connection, user_id: int) -> dict[int | None, int]:
    """asset id (None for notes about no asset) -> how many unread notifications the person has about it."""
    rows = con.execute(
        "SELECT asset_id, count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL GROUP BY asset_id",
        [user_id],
    ).fetchall()
    return dict(rows)


def unread_count(con: Connection, user_id: int) -> int:
    return con.execute(
        "SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL", [user_id]
    ).fetchone()[0]


def mark_read(con: Connection, user_id: int, notification_id: int | None = None) -> None:
    """Mark one notification (or, with None, all of them) read for this user."""
    con.execute(
        "UPDATE notifications SET read_at = ? WHERE user_id = ? AND read_at IS NULL"
        " AND (CAST(? AS BIGINT) IS NULL OR id = ?)",
        [utcnow(), user_id, notification_id, notification_id],
    )
