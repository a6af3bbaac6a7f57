"""Helpers for the ingest tests: import files into the test library and look at what landed."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from dam.ingest import ImportOptions, IngestResult, import_paths
from dam.ingest.previews import large_preview
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


def thumbnail(library, asset_id: int, size: str) -> Image.Image:
    """An asset's stored thumbnail as a picture; the large one made on first use, as the viewer's request makes it."""
    asset = assets.get(library.catalog.cursor(), asset_id)
    key = large_preview(library, asset) if size == "large" else asset.thumb_small_key
    with library.store.open(key) as f:
        image = Image.open(io.BytesIO(f.read()))
        image.load()
    return image
