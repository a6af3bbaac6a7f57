"""Pictures for the Find similar tests: real photographs (scikit-image) ingested through the real pipeline."""

from __future__ import annotations

import pytest
from PIL import Image

from dam.bench import similar_photos
from dam.bench.similar_photos import transformed
from dam.ingest import ImportOptions, import_file
from tests.factories import make_brand, make_user


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


@pytest.fixture
def shelf(library, ingest, photos):
    """Brand Acme: the astronaut, two edited copies and three other photos; brand Other: another copy."""
    ids = {
        "original": ingest(photos["astronaut"], "Acme", "astronaut.jpg"),
        "smaller": ingest(transformed(photos["astronaut"], "resize30"), "Acme", "astronaut-small.jpg"),
        "cropped": ingest(transformed(photos["astronaut"], "crop80"), "Acme", "astronaut-crop.jpg"),
        "coffee": ingest(photos["coffee"], "Acme", "coffee.jpg"),
        "rocket": ingest(photos["rocket"], "Acme", "rocket.jpg"),
        "cat": ingest(photos["chelsea"], "Acme", "cat.jpg"),
        "elsewhere": ingest(transformed(photos["astronaut"], "flip"), "Other", "astronaut-flip.jpg"),
    }
    return ids


@pytest.fixture
def manager(library, shelf):
    return make_user(library, "mara", {make_brand(library, "Acme"): "manager"})
