"""Test data made through the real repositories: brands, users with roles, and asset rows with real blobs."""

from __future__ import annotations

import hashlib
import io
from datetime import datetime, timedelta

from PIL import Image

from dam.library import Library
from dam.permissions import Actor, load_actor
from dam.repos import assets, brands, users
from dam.storage import blob_key

BASE_TIME = datetime(2026, 6, 1, 12, 0, 0)


def png_bytes(seed: int, size: tuple[int, int] = (32, 24)) -> bytes:
    """A small real PNG whose pixels (and so sha256) depend on the seed."""
    image = Image.new("RGB", size, ((seed * 37) % 256, (seed * 91) % 256, (seed * 53) % 256))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def make_brand(library: Library, name: str) -> int:
    with library.catalog.transaction() as con:
        return brands.get_or_create(con, name).id


def make_user(library: Library, handle: str, roles: dict[int, str] | None = None, admin: bool = False) -> Actor:
    with library.catalog.transaction() as con:
        user = users.create(con, handle, is_admin=admin)
        for brand_id, role in (roles or {}).items():
            users.set_membership(con, user.id, brand_id, role)
        return load_actor(con, user.id)


def make_asset(library: Library, brand_id: int, seed: int, **fields) -> int:
    """An asset row with a real PNG blob; `fields` override catalog columns."""
    data = png_bytes(seed)
    sha = hashlib.sha256(data).hexdigest()
    library.store.put_bytes(blob_key(sha), data)
    created = BASE_TIME + timedelta(hours=seed)
    row = {
        "brand_id": brand_id, "name": f"asset {seed}", "original_name": f"asset-{seed}.png", "kind": "image",
        "mime": "image/png", "byte_size": len(data), "sha256": sha, "width": 32, "height": 24,
        "source": "uploaded", "status": "draft", "created_at": created, "updated_at": created,
        "blob_key": blob_key(sha),
    }  # fmt: skip
    row.update(fields)
    with library.catalog.transaction() as con:
        return assets.insert(con, row)
