"""Sign-in: argon2 password hashes, lockout after repeated failures, and signed session cookies."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from dam.errors import DamError
from dam.library import Library
from dam.models import User
from dam.repos import events, users

MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
SESSION_SECONDS = 14 * 24 * 3600
COOKIE_NAME = "library_session"
MIN_PASSWORD = 8

_hasher = PasswordHasher()


class SignInFailed(DamError):
    """Wrong handle or password, or the account is locked (the message never says which part was wrong)."""


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise DamError(f"A password needs at least {MIN_PASSWORD} characters.")
    return _hasher.hash(password)


def set_password(library: Library, user_id: int, password: str) -> None:
    hashed = hash_password(password)
    with library.catalog.transaction() as con:
        users.set_password_hash(con, user_id, hashed)
        users.set_login_failures(con, user_id, 0, None)
        users.bump_session_version(con, user_id)
        events.record(con, actor_id=user_id, action="user.password", entity="user", entity_id=user_id)


def sign_in(library: Library, handle: str, password: str) -> User:
    """The user when the password matches; counts failures and locks the account after MAX_FAILURES."""
    with library.catalog.transaction() as con:
        row = users.credentials(con, handle)
        if row is None:
            _hasher.hash(password or "x")  # spend the same time as a real check: no user enumeration by timing
            raise SignInFailed("Wrong handle or password.")
        user_id, password_hash, failures, locked_until, _version = row
        now = events.utcnow()
        if locked_until is not None and locked_until > now:
            minutes = max(1, int((locked_until - now).total_seconds() // 60) + 1)
            raise SignInFailed(f"Too many failed attempts: this account is locked for {minutes} more minutes.")
        try:
            if not password_hash:
                raise VerificationError("no password set")
            _hasher.verify(password_hash, password)
        except (VerificationError, InvalidHashError):
            failures += 1
            locked = now + LOCKOUT if failures >= MAX_FAILURES else None
            users.set_login_failures(con, user_id, 0 if locked else failures, locked)
            events.record(con, actor_id=user_id, action="user.sign_in_failed", entity="user", entity_id=user_id)
        else:
            users.set_login_failures(con, user_id, 0, None)
            events.record(con, actor_id=user_id, action="user.sign_in", entity="user", entity_id=user_id)
            return users.by_id(con, user_id)
    if locked:
        raise SignInFailed("Too many failed attempts: this account is locked for 15 minutes.")
    raise SignInFailed("Wrong handle or password.")


class Sessions:
    """Session cookies: `user.version.issued.nonce.mac`, checked against the user's current session version."""

    def __init__(self, secret: bytes):
        self._key = hashlib.sha256(b"session:" + secret).digest()

    def _mac(self, body: str) -> str:
        return hmac.new(self._key, body.encode(), hashlib.sha256).hexdigest()

    def issue(self, library: Library, user_id: int, *, now: float | None = None) -> str:
        version = users.session_version(library.catalog.cursor(), user_id)
        issued = int(time.time() if now is None else now)
        body = f"{user_id}.{version}.{issued}.{secrets.token_hex(8)}"
        return f"{body}.{self._mac(body)}"

    def user_id(self, library: Library, cookie: str | None, *, now: float | None = None) -> int | None:
        """The signed-in user's id, or None for a missing, tampered, expired or revoked cookie."""
        if not cookie or cookie.count(".") != 4:
            return None
        body, _, mac = cookie.rpartition(".")
        if not hmac.compare_digest(self._mac(body), mac):
            return None
        user_id, version, issued, _nonce = body.split(".")
        now = time.time() if now is None else now
        if not issued.isdigit() or now - int(issued) > SESSION_SECONDS:
            return None
        current = users.session_version(library.catalog.cursor(), int(user_id))
        return int(user_id) if current is not None and str(current) == version else None

    def revoke(self, library: Library, user_id: int) -> None:
        """Sign the user out everywhere."""
        with library.catalog.transaction() as con:
            users.bump_session_version(con, user_id)
            events.record(con, actor_id=user_id, action="user.sign_out", entity="user", entity_id=user_id)
