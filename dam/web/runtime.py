"""The one Library a server process works on, shared by the pages and the file routes."""

from __future__ import annotations

import threading
from typing import Callable, TypeVar

from dam.config import Settings
from dam.library import Library
from dam.web.signing import Signer, load_secret
from dam.web.tickets import Tickets

T = TypeVar("T")
_lock = threading.RLock()
_state: dict[str, object] = {}


def once(name: str, make: Callable[[], T]) -> T:
    """The process-wide object called `name`, made on first use."""
    with _lock:
        if name not in _state:
            _state[name] = make()
        return _state[name]  # type: ignore[return-value]


def configure(library: Library) -> None:
    """Serve this already-open library (tests and embedding servers)."""
    with _lock:
        _state.clear()
        _state["library"] = library


def library() -> Library:
    """The process's open library (opened on first use from DAM_DATA or ./data)."""
    return once("library", lambda: Library.open(Settings()))


def signer_secret() -> bytes:
    """The library's secret key, from which URL and session signing keys are derived."""
    return once("secret", lambda: load_secret(library().settings.data_dir))


def signer() -> Signer:
    """The process's URL signer, keyed by the library's secret."""
    return once("signer", lambda: Signer(signer_secret()))


def tickets() -> Tickets:
    """Short-lived tickets that hand a zip selection or an upload batch from a page to a route."""
    return once("tickets", Tickets)


def signin_hint() -> str:
    """A line shown under the sign-in form (the demo library says how to sign in); empty for real deployments."""
    path = library().settings.data_dir / "signin-hint.txt"
    return path.read_text().strip() if path.exists() else ""
