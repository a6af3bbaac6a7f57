"""The one Library a server process works on, shared by the pages and the file routes."""

from __future__ import annotations

import threading

from dam.config import Settings
from dam.library import Library
from dam.web.signing import Signer, load_secret
from dam.web.tickets import Tickets

_lock = threading.Lock()
_state: dict[str, object] = {}


def configure(library: Library) -> None:
    """Serve this already-open library (tests and embedding servers); the signer follows its folder."""
    with _lock:
        _state.clear()
        _state["library"] = library
        _state["signer"] = Signer(load_secret(library.settings.data_dir))


def library() -> Library:
    """The process's open library (opened on first use from DAM_DATA or ./data)."""
    with _lock:
        if "library" not in _state:
            _state["library"] = Library.open(Settings())
        return _state["library"]  # type: ignore[return-value]


def signer() -> Signer:
    """The process's URL signer, keyed by the library's secret."""
    with _lock:
        if "signer" not in _state:
            _state["signer"] = Signer(load_secret(Settings().data_dir))
        return _state["signer"]  # type: ignore[return-value]


def tickets() -> Tickets:
    """Short-lived tickets that hand a zip selection or an upload batch from a page to a route."""
    with _lock:
        if "tickets" not in _state:
            _state["tickets"] = Tickets()
        return _state["tickets"]  # type: ignore[return-value]
