"""Keyset cursors: an opaque string naming the last asset of a page, so the next page starts right after it.

Unlike an offset, a keyset stays put while new assets arrive (they sort before it), and a deep page costs
what the first does. The cursor also carries a short fingerprint of the query it came from, so a cursor
pasted into a different query is refused instead of silently skipping assets.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from dam.errors import Rejected

VERSION = 1


@dataclass(frozen=True)
class Key:
    """Where a page ended: the last asset's sort key (score only when the grid is ordered by relevance)."""

    created_at: datetime
    id: int
    score: int | None = None


def fingerprint(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:12]


def encode(key: Key, query_fingerprint: str) -> str:
    body = [VERSION, query_fingerprint, key.created_at.isoformat(), key.id, key.score]
    raw = json.dumps(body, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, query_fingerprint: str) -> Key:
    """The key in a cursor made for this query; a clear Rejected error for anything else."""
    try:
        raw = base64.urlsafe_b64decode(cursor.strip() + "=" * (-len(cursor.strip()) % 4))
        version, fp, created_at, ident, score = json.loads(raw)
        if version != VERSION:
            raise ValueError
        key = Key(datetime.fromisoformat(created_at), int(ident), None if score is None else int(score))
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        raise Rejected("That cursor is not valid: use the next_cursor of a previous page, or start without one.") from None
    if fp != query_fingerprint:
        raise Rejected("That cursor belongs to a different query: start again from the first page.")
    return key
