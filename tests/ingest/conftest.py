"""Helpers for the ingest tests: import files into the test library and look at what landed."""

from __future__ import annotations

from pathlib import Path

import pytest

from dam.ingest import ImportOptions, IngestResult, import_paths
from dam.repos import assets


@pytest.fixture
def ingest(library):
    """Import paths into the test library (brand "Acme" unless given); returns the results in order.

    The derived indexes (dam.indexing.after_ingest) belong to search and load a language model on first use;
    these tests leave them out. The CLI and crash tests run `python -m dam import` with the hook, as users do.
    """

    def run(*paths: Path, **options) -> list[IngestResult]:
        options.setdefault("brand", "Acme")
        return list(import_paths(library, list(paths), ImportOptions(**options), index=False))

    return run


@pytest.fixture
def record(library):
    """The full catalog record of an asset."""
    return lambda asset_id: assets.record(library.catalog.cursor(), asset_id)


def stored_keys(library) -> set[str]:
    return set(library.store.keys("blobs/")) | set(library.store.keys("thumbs/"))
