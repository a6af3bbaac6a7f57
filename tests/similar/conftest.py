"""Pictures for the Find similar tests: real photographs (scikit-image) ingested through the real pipeline."""

from __future__ import annotations

import pytest
from PIL import Image

from dam.bench import similar_photos
from dam.ingest import ImportOptions, import_file


@pytest.fixture(scope="session")
def photos() -> dict[str, Image.Image]:
    return similar_photos.source_photos()


@pytest.fixture
def ingest(library, tmp_path):
    """ingest(image, brand, name, **options) -> asset id, through import_file (so after_ingest runs)."""

    def add(image: Image.Image, brand: str, name: str, **options) -> int:
        path = tmp_path / name
        image.convert("RGB").save(path, quality=92)
        result = import_file(library, path, ImportOptions(brand=brand, **options))
        assert result.status == "added", result
        return result.asset_id

    return add
