"""Short-lived tickets: a page names a selection or an upload target, a file route redeems it."""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

TICKET_SECONDS = 15 * 60


@dataclass(frozen=True)
class Ticket:
    """What a ticket lets its actor do: `kind` is zip or upload, `payload` the ids or the filing options."""

    actor_id: int
    kind: str
    payload: Any
    expires_at: float = field(default_factory=lambda: time.time() + TICKET_SECONDS)


class Tickets:
    """An in-process table of tickets (one app process serves a session; replicas use sticky sessions)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tickets: dict[str, Ticket] = {}

    def issue(self, actor_id: int, kind: str, payload: Any) -> str:
        token = secrets.token_urlsafe(18)
        with self._lock:
            now = time.time()
            self._tickets = {k: t for k, t in self._tickets.items() if t.expires_at > now}
            self._tickets[token] = Ticket(actor_id, kind, payload)
        return token

    def redeem(self, token: str, kind: str) -> Ticket | None:
        """The ticket when it exists, is of this kind and has not expired (it stays valid until then)."""
        with self._lock:
            ticket = self._tickets.get(token)
        if ticket is None or ticket.kind != kind or ticket.expires_at < time.time():
            return None
        return ticket
