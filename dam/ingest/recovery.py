"""Recovery on open: clear what a killed import left half done (stub; the ingest pipeline fills it in)."""

from __future__ import annotations


def recover(library) -> None:
    """Remove partial writes so that no blob exists without its catalog row."""
    library.store.clear_tmp()
