"""Comments on assets: the thread rows, their reactions and attachments, thread resolution and counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dam.db.catalog import Connection
from dam.errors import NotFound

# The ids of assets whose thread is open: at least one live comment and not resolved since. A subquery without
# parameters, so the query engine can filter with `a.id IN (<this>)` for a `thread:open` filter.
OPEN_THREAD_ASSETS = (
    "SELECT c.asset_id FROM comments c WHERE c.deleted_at IS NULL AND c.asset_id NOT IN"
    " (SELECT t.asset_id FROM asset_threads t WHERE t.resolved_at IS NOT NULL)"
)


@dataclass(frozen=True)
class Comment:
    id: int
    asset_id: int
    author_id: int
    parent_id: int | None
    body: str
    created_at: datetime
    edited_at: datetime | None
    deleted_at: datetime | None
    deleted_by: int | None


@dataclass(frozen=True)
class Attachment:
    id: int
    comment_id: int
    name: str
    mime: str
    kind: str
    byte_size: int
    sha256: str
    blob_key: str
    thumb_key: str | None
    width: int | None
    height: int | None
    page_count: int | None


@dataclass(frozen=True)
class Reaction:
    comment_id: int
    emoji: str
    user_id: int
    handle: str


_COMMENT = "id, asset_id, author_id, parent_id, body, created_at, edited_at, deleted_at, deleted_by"
_ATTACHMENT_FIELDS = ("name", "mime", "kind", "byte_size", "sha256", "blob_key", "thumb_key", "width", "height",
                      "page_count")  # fmt: skip
_ATTACHMENT = "id, comment_id, " + ", ".join(_ATTACHMENT_FIELDS)


def insert(con: Connection, asset_id: int, author_id: int, body: str, parent_id: int | None, now: datetime) -> Comment:
    row = con.execute(
        f"INSERT INTO comments (asset_id, author_id, parent_id, body, created_at) VALUES (?, ?, ?, ?, ?)"
        f" RETURNING {_COMMENT}",
        [asset_id, author_id, parent_id, body, now],
    ).fetchone()
    return Comment(*row)


def get(con: Connection, comment_id: int) -> Comment:
    row = con.execute(f"SELECT {_COMMENT} FROM comments WHERE id = ?", [comment_id]).fetchone()
    if row is None:
        raise NotFound(f"No comment with id {comment_id}.")
    return Comment(*row)


def for_asset(con: Connection, asset_id: int) -> list[Comment]:
    """Every comment on an asset, deleted ones included (they keep their replies in place), oldest first."""
    rows = con.execute(
        f"SELECT {_COMMENT} FROM comments WHERE asset_id = ? ORDER BY created_at, id", [asset_id]
    ).fetchall()
    return [Comment(*r) for r in rows]


def set_body(con: Connection, comment_id: int, body: str, now: datetime) -> None:
    con.execute("UPDATE comments SET body = ?, edited_at = ? WHERE id = ?", [body, now, comment_id])


def mark_deleted(con: Connection, comment_id: int, deleted_by: int, now: datetime) -> None:
    """Blank a comment but keep its row, so replies stay threaded under it (the event log keeps the text)."""
    con.execute(
        "UPDATE comments SET body = '', deleted_at = ?, deleted_by = ? WHERE id = ?", [now, deleted_by, comment_id]
    )


def add_attachment(con: Connection, comment_id: int, fields: dict) -> None:
    """One attachment row; `fields` holds exactly the attachment columns (names from this module, not input)."""
    values = [fields[name] for name in _ATTACHMENT_FIELDS]
    con.execute(
        f"INSERT INTO comment_attachments (comment_id, {', '.join(_ATTACHMENT_FIELDS)})"
        f" VALUES (?, {', '.join('?' for _ in _ATTACHMENT_FIELDS)})",
        [comment_id, *values],
    )


def attachments_for(con: Connection, comment_ids: list[int]) -> dict[int, list[Attachment]]:
    """comment id -> its attachments in the order they were added."""
    rows = con.execute(
        f"SELECT {_ATTACHMENT} FROM comment_attachments WHERE comment_id IN (SELECT unnest(?::BIGINT[])) ORDER BY id",
        [comment_ids],
    ).fetchall()
    out: dict[int, list[Attachment]] = {}
    for row in rows:
        out.setdefault(row[1], []).append(Attachment(*row))
    return out


def attachment(con: Connection, attachment_id: int) -> Attachment:
    row = con.execute(f"SELECT {_ATTACHMENT} FROM comment_attachments WHERE id = ?", [attachment_id]).fetchone()
    if row is None:
        raise NotFound(f"No attachment with id {attachment_id}.")
    return Attachment(*row)


def remove_attachments(con: Connection, comment_id: int) -> list[Attachment]:
    """Drop a comment's attachment rows and return them (their files are the caller's to remove)."""
    removed = attachments_for(con, [comment_id]).get(comment_id, [])
    con.execute("DELETE FROM comment_attachments WHERE comment_id = ?", [comment_id])
    return removed


def stored_files(con: Connection) -> list[tuple[int, str, str, str | None]]:
    """(id, sha256, blob_key, thumb_key) of every attachment row, for the storage check."""
    return con.execute("SELECT id, sha256, blob_key, thumb_key FROM comment_attachments ORDER BY id").fetchall()


def blob_in_use(con: Connection, blob_key: str) -> bool:
    """Whether any attachment still shows this stored file (the same bytes attached twice share one file)."""
    return con.execute("SELECT count(*) FROM comment_attachments WHERE blob_key = ?", [blob_key]).fetchone()[0] > 0


def toggle_reaction(con: Connection, comment_id: int, user_id: int, emoji: str, now: datetime) -> bool:
    """Add the person's reaction, or take it back when already there; True when it is now on."""
    deleted = con.execute(
        "DELETE FROM comment_reactions WHERE comment_id = ? AND user_id = ? AND emoji = ? RETURNING comment_id",
        [comment_id, user_id, emoji],
    ).fetchall()
    if deleted:
        return False
    con.execute(
        "INSERT INTO comment_reactions (comment_id, user_id, emoji, reacted_at) VALUES (?, ?, ?, ?)",
        [comment_id, user_id, emoji, now],
    )
    return True


def reactions_for(con: Connection, comment_ids: list[int]) -> list[Reaction]:
    """Every reaction on these comments with who gave it, first given first."""
    rows = con.execute(
        "SELECT r.comment_id, r.emoji, r.user_id, u.handle FROM comment_reactions r JOIN users u ON u.id = r.user_id"
        " WHERE r.comment_id IN (SELECT unnest(?::BIGINT[])) ORDER BY r.reacted_at, u.handle",
        [comment_ids],
    ).fetchall()
    return [Reaction(*r) for r in rows]


def counts(con: Connection, asset_ids: list[int]) -> dict[int, int]:
    """asset id -> live comments on it (assets without any are left out)."""
    return dict(con.execute(
        "SELECT asset_id, count(*) FROM comments WHERE deleted_at IS NULL"
        " AND asset_id IN (SELECT unnest(?::BIGINT[])) GROUP BY asset_id",
        [asset_ids],
    ).fetchall())  # fmt: skip


def resolution(con: Connection, asset_id: int) -> tuple[datetime, int] | None:
    """(when, by whom) the asset's thread was resolved, or None while it is open."""
    row = con.execute(
        "SELECT resolved_at, resolved_by FROM asset_threads WHERE asset_id = ? AND resolved_at IS NOT NULL", [asset_id]
    ).fetchone()
    return (row[0], row[1]) if row else None


def set_resolution(con: Connection, asset_id: int, resolved_by: int | None, now: datetime | None) -> None:
    """Resolve the asset's thread (with who and when) or, with None for both, reopen it."""
    con.execute(
        "INSERT INTO asset_threads (asset_id, resolved_at, resolved_by) VALUES (?, ?, ?)"
        " ON CONFLICT (asset_id) DO UPDATE SET resolved_at = excluded.resolved_at, resolved_by = excluded.resolved_by",
        [asset_id, now, resolved_by],
    )


def unresolved_asset_ids(con: Connection, brand_ids: list[int]) -> list[int]:
    """Live assets of these brands whose thread is open (the caller still applies draft visibility)."""
    rows = con.execute(
        f"SELECT a.id FROM assets a WHERE a.deleted_at IS NULL AND a.brand_id IN (SELECT unnest(?::INTEGER[]))"
        f" AND a.id IN ({OPEN_THREAD_ASSETS}) ORDER BY a.id",
        [brand_ids],
    ).fetchall()
    return [r[0] for r in rows]


def purge_for_asset(con: Connection, asset_id: int) -> list[str]:
    """Remove an asset's whole thread when the asset is purged; its attachments' sha256s, for `attachments.discard`."""
    ids = [r[0] for r in con.execute("SELECT id FROM comments WHERE asset_id = ?", [asset_id]).fetchall()]
    files = [a.sha256 for found in attachments_for(con, ids).values() for a in found]
    for table in ("comment_attachments", "comment_reactions"):
        con.execute(f"DELETE FROM {table} WHERE comment_id IN (SELECT unnest(?::BIGINT[]))", [ids])
    con.execute("DELETE FROM comments WHERE asset_id = ?", [asset_id])
    con.execute("DELETE FROM asset_threads WHERE asset_id = ?", [asset_id])
    return files
