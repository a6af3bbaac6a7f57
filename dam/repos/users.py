"""Users and their per-brand memberships."""

from __future__ import annotations

from dam.db.catalog import Connection
from dam.errors import NotFound, Rejected
from dam.models import User
from dam.vocab import ROLES

_COLUMNS = "id, handle, display_name, email, is_admin"


def _user(row: tuple) -> User:
    return User(id=row[0], handle=row[1], display_name=row[2], email=row[3], is_admin=row[4])


def all_users(con: Connection) -> list[User]:
    return [_user(r) for r in con.execute(f"SELECT {_COLUMNS} FROM users ORDER BY handle").fetchall()]


def by_handle(con: Connection, handle: str) -> User | None:
    row = con.execute(f"SELECT {_COLUMNS} FROM users WHERE lower(handle) = lower(?)", [handle.strip()]).fetchone()
    return _user(row) if row else None


def by_id(con: Connection, user_id: int) -> User:
    row = con.execute(f"SELECT {_COLUMNS} FROM users WHERE id = ?", [user_id]).fetchone()
    if row is None:
        raise NotFound(f"No user with id {user_id}.")
    return _user(row)


def create(
    con: Connection, handle: str, display_name: str = "", email: str = "", is_admin: bool = False,
    password_hash: str | None = None,
) -> User:  # fmt: skip
    handle = handle.strip().lstrip("@")
    if not handle or not handle.replace("-", "").replace("_", "").replace(".", "").isalnum():
        raise Rejected(f"A user handle is letters, digits, '.', '-' and '_': {handle!r} is not.")
    row = con.execute(
        f"INSERT INTO users (handle, display_name, email, is_admin, password_hash) VALUES (?, ?, ?, ?, ?)"
        f" RETURNING {_COLUMNS}",
        [handle, display_name or handle, email, is_admin, password_hash],
    ).fetchone()
    return _user(row)


def get_or_create(con: Connection, handle: str) -> User:
    return by_handle(con, handle) or create(con, handle)


def set_membership(con: Connection, user_id: int, brand_id: int, role: str) -> None:
    if role not in ROLES:
        raise Rejected(f"Unknown role {role!r}: use one of {', '.join(ROLES)}.")
    con.execute(
        "INSERT INTO memberships (user_id, brand_id, role) VALUES (?, ?, ?)"
        " ON CONFLICT (user_id, brand_id) DO UPDATE SET role = excluded.role",
        [user_id, brand_id, role],
    )


def role_in(con: Connection, user_id: int, brand_id: int) -> str | None:
    row = con.execute(
        "SELECT role FROM memberships WHERE user_id = ? AND brand_id = ?", [user_id, brand_id]
    ).fetchone()
    return row[0] if row else None


def memberships(con: Connection, user_id: int) -> dict[int, str]:
    """brand id -> role for one user."""
    return dict(con.execute("SELECT brand_id, role FROM memberships WHERE user_id = ?", [user_id]).fetchall())


def credentials(con: Connection, handle: str) -> tuple[int, str | None, int, object, int] | None:
    """(id, password hash, failed logins, locked until, session version) for sign-in, by handle or e-mail."""
    return con.execute(
        "SELECT id, password_hash, failed_logins, locked_until, session_version FROM users"
        " WHERE lower(handle) = lower(?) OR (email <> '' AND lower(email) = lower(?))",
        [handle.strip().lstrip("@"), handle.strip()],
    ).fetchone()


def set_password_hash(con: Connection, user_id: int, password_hash: str) -> None:
    con.execute("UPDATE users SET password_hash = ? WHERE id = ?", [password_hash, user_id])


def set_login_failures(con: Connection, user_id: int, failures: int, locked_until) -> None:
    con.execute("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?", [failures, locked_until, user_id])


def session_version(con: Connection, user_id: int) -> int | None:
    row = con.execute("SELECT session_version FROM users WHERE id = ?", [user_id]).fetchone()
    return row[0] if row else None


def bump_session_version(con: Connection, user_id: int) -> None:
    """Invalidate every session cookie issued to the user so far (sign-out everywhere)."""
    con.execute("UPDATE users SET session_version = session_version + 1 WHERE id = ?", [user_id])


def by_email(con: Connection, email: str) -> User | None:
    row = con.execute(f"SELECT {_COLUMNS} FROM users WHERE email <> '' AND lower(email) = lower(?)", [email]).fetchone()
    return _user(row) if row else None


def remove_membership(con: Connection, user_id: int, brand_id: int) -> None:
    con.execute("DELETE FROM memberships WHERE user_id = ? AND brand_id = ?", [user_id, brand_id])


def members_of(con: Connection, brand_id: int) -> list[tuple[User, str]]:
    rows = con.execute(
        f"SELECT {', '.join('u.' + c.strip() for c in _COLUMNS.split(','))}, m.role FROM memberships m"
        " JOIN users u ON u.id = m.user_id WHERE m.brand_id = ? ORDER BY u.handle",
        [brand_id],
    ).fetchall()
    return [(_user(r[:5]), r[5]) for r in rows]
