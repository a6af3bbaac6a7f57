"""Derived indexes kept in step with the catalog: what runs after assets are added, changed or removed.

Ingest calls `after_ingest` once per committed batch. The query engine (text embeddings, full-text index) and
similarity (visual embeddings) hook in here, so ingest does not need to know about them.
"""

from __future__ import annotations


def after_ingest(library, asset_ids: list[int]) -> None:
    """Bring derived indexes up to date for newly added assets."""


def after_change(library, asset_ids: list[int]) -> None:
    """Bring derived indexes up to date after metadata edits, deletes or brand moves."""
