"""Signed, short-lived URLs for files: a URL names the actor it was made for and stops working after expiry."""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import time
from pathlib import Path
from urllib.parse import urlencode

# URLs stay valid for a day-long window aligned to the clock, so the same thumbnail keeps the same URL for a
# day and the browser's cache can hold it; a URL is never valid for more than two windows.
WINDOW_SECONDS = 24 * 3600


def load_secret(data_dir: Path) -> bytes:
    """The library's signing key, created once with owner-only permissions."""
    path = Path(data_dir) / ".secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(secrets.token_bytes(32))
    return path.read_bytes()


class Signer:
    """Makes and checks signatures over a URL path, the actor and an expiry time."""

    def __init__(self, secret: bytes):
        self._secret = secret

    def _mac(self, path: str, actor: int, expires: int) -> str:
        message = f"{path}\n{actor}\n{expires}".encode()
        return hmac.new(self._secret, message, hashlib.sha256).hexdigest()[:32]

    def sign(self, path: str, actor: int, *, now: float | None = None) -> str:
        """`path` with query parameters that let `actor` fetch it until the end of the next window."""
        now = time.time() if now is None else now
        expires = (int(now) // WINDOW_SECONDS + 2) * WINDOW_SECONDS
        query = urlencode({"a": actor, "e": expires, "s": self._mac(path, actor, expires)})
        return f"{path}?{query}"

    def verify(self, path: str, actor: str, expires: str, signature: str, *, now: float | None = None) -> int | None:
        """The actor id when the signature is good and not expired, else None."""
        try:
            actor_id, expires_at = int(actor), int(expires)
        except (TypeError, ValueError):
            return None
        now = time.time() if now is None else now
        if expires_at < now:
            return None
        if not hmac.compare_digest(self._mac(path, actor_id, expires_at), signature or ""):
            return None
        return actor_id
