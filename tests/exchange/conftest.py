"""A small but complete studio library for the exchange tests: real image bytes, every kind of catalog row."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from dam.config import Settings
from dam.library import Library
from dam.repos import assets, brands, campaigns, collections, events, tags, users
from dam.storage import blob_key, thumb_key

BASE_TIME = datetime(2026, 3, 14, 9, 26, 53, 589793)
HOSTILE_NAME = "../..\\etc/pass\x00wd\u202egpj.exe\n"
FORMULA_NAME = "=HYPERLINK(\"http://evil\")"


def image_bytes(seed: int, fmt: str = "JPEG", size: tuple[int, int] = (48, 32)) -> bytes:
    """A real image whose pixels, and so sha256, depend on the seed."""
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 255, size=(size[1], size[0], 3), dtype=np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(pixels).save(buffer, format=fmt)
    return buffer.getvalue()


def add_asset(library: Library, brand_id: int, variant: int, name: str, fmt: str = "JPEG", **fields) -> int:
    """Store an original (and its thumbnails) and insert its catalog row; `fields` override columns.

    `variant` picks the pixels (so the sha256) and the creation time.
    """
    data = image_bytes(variant, fmt)
    sha = hashlib.sha256(data).hexdigest()
    library.store.put_bytes(blob_key(sha), data)
    for size in ("small", "large"):
        library.store.put_bytes(thumb_key(sha, size), image_bytes(variant + 1000, "WEBP", (16, 12)))
    created = BASE_TIME + timedelta(hours=variant, microseconds=variant)
    mime = {"JPEG": "image/jpeg", "PNG": "image/png"}[fmt]
    row = {
        "brand_id": brand_id, "name": name, "original_name": name, "kind": "image", "mime": mime,
        "byte_size": len(data), "sha256": sha, "width": 48, "height": 32, "source": "uploaded", "status": "draft",
        "created_at": created, "updated_at": created, "blob_key": blob_key(sha),
        "thumb_small_key": thumb_key(sha, "small"), "thumb_large_key": thumb_key(sha, "large"),
    }  # fmt: skip
    row.update(fields)
    with library.catalog.transaction() as con:
        return assets.insert(con, row)


@dataclass
class Studio:
    """The ids a test needs to find its way around the populated library."""

    library: Library
    acme: int
    borealis: int
    beach: int
    beach_again: int
    hostile: int
    formula: int
    generated: int
    trashed: int
    logo: int

    @property
    def asset_ids(self) -> list[int]:
        return [self.beach, self.beach_again, self.hostile, self.formula, self.generated, self.trashed, self.logo]


def populate(library: Library) -> Studio:
    with library.catalog.transaction() as con:
        acme = brands.create(con, "Acme", palette=["#ff0000", "#00ff00"], notes="Primary client").id
        borealis = brands.create(con, "Borealis").id
        ana = users.create(con, "ana", "Ana Lima", "ana@example.com", is_admin=True,
                           password_hash="$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA").id  # fmt: skip
        ben = users.create(con, "ben").id
        users.set_membership(con, ben, acme, "creator")
        users.set_membership(con, ana, borealis, "manager")
        con.execute("UPDATE users SET failed_logins = 2, locked_until = ? WHERE id = ?", [BASE_TIME, ben])
    beach = add_asset(library, acme, 1, "beach.jpg", status="approved", rating=5, creator_id=ben,
                      taken_at=BASE_TIME, camera="X100V", description="Café at dawn", palette=["#112233"])  # fmt: skip
    beach_again = add_asset(library, acme, 2, "Beach.jpg")
    # A gap in the ids: load must keep ids as they are, not renumber.
    gone = add_asset(library, acme, 3, "gone.jpg")
    with library.catalog.transaction() as con:
        con.execute("DELETE FROM assets WHERE id = ?", [gone])
    hostile = add_asset(library, acme, 4, HOSTILE_NAME, fmt="PNG")
    formula = add_asset(library, borealis, 5, FORMULA_NAME)
    generated = add_asset(library, acme, 6, "Dune remix", source="generated", prompt="dunes at dusk",
                          negative_prompt="people", model="sdxl", seed=42, gen_params='{"steps": 30}',
                          parent_id=beach)  # fmt: skip
    trashed = add_asset(library, acme, 7, "old.jpg", deleted_at=BASE_TIME, deleted_by=ana, status="archived",
                        status_before_archive="approved")  # fmt: skip
    logo = add_asset(library, borealis, 8, "logo.png", fmt="PNG")
    with library.catalog.transaction() as con:
        tags.add_to_assets(con, [beach], ["beach", "summer"])
        tags.add_to_assets(con, [beach_again], ["beach"])
        tags.ensure(con, ["unused"])
        spring = collections.ensure_path(con, acme, "Shoots/Spring 2026")
        collections.add_assets(con, spring, [beach, beach_again])
        collections.add_assets(con, collections.ensure_path(con, acme, "Shoots"), [beach])
        collections.ensure_path(con, acme, "Archive")
        collections.add_assets(con, collections.ensure_path(con, borealis, "Brand/Logos/Primary"), [logo])
        campaigns.assign(con, campaigns.get_or_create(con, acme, "Summer Sale").id, [beach, generated])
        campaigns.get_or_create(con, borealis, "Launch")
        con.execute("INSERT INTO asset_inputs VALUES (?, ?), (?, ?)", [generated, beach, generated, beach_again])
        rng = np.random.default_rng(7)
        for asset_id in (beach, logo):
            con.execute("INSERT INTO text_embeddings VALUES (?, ?)", [asset_id, rng.random(384).astype("float32")])
        con.execute("INSERT INTO saved_searches (brand_id, owner_id, name, query) VALUES (?, ?, 'Best', 'rating:5')",
                    [acme, ana])  # fmt: skip
        con.execute("INSERT INTO brand_pins (brand_id, asset_id, position, pinned_by) VALUES (?, ?, 1, ?)",
                    [borealis, logo, ana])  # fmt: skip
        con.execute("INSERT INTO brand_logos (brand_id, asset_id, position, added_by) VALUES (?, ?, 1, ?)",
                    [borealis, logo, ana])  # fmt: skip
        con.execute(
            "INSERT INTO generation_requests (brand_id, requested_by, requested_at, input_ids, anchor_ids, prompt,"
            " model, seed, gen_params, status, message, result_ids) VALUES (?, ?, ?, ?, ?, 'dunes at dusk', 'sdxl',"
            " 42, '{\"steps\": 30}', 'done', NULL, ?), (?, ?, ?, [], [], 'a failure', NULL, NULL, NULL, 'failed',"
            " 'CUDA out of memory', [])",
            [acme, ben, BASE_TIME, [beach, beach_again], [beach], [generated], acme, ben, BASE_TIME],
        )
        events.record(con, actor_id=ana, action="status", entity="asset", entity_id=beach, brand_id=acme,
                      before={"status": "draft"}, after={"status": "approved"})  # fmt: skip
        events.record(con, actor_id=None, action="import", entity="asset", entity_id=logo, brand_id=borealis)
    return Studio(library, acme, borealis, beach, beach_again, hostile, formula, generated, trashed, logo)


@pytest.fixture
def studio(library) -> Studio:
    """The populated library, open."""
    return populate(library)


@pytest.fixture
def open_library(tmp_path):
    """Open further libraries by folder name under the test's temp folder; all are closed afterwards."""
    opened: list[Library] = []

    def open_(name: str) -> Library:
        lib = Library.open(Settings(data_dir=tmp_path / name))
        opened.append(lib)
        return lib

    yield open_
    for lib in opened:
        lib.close()


@pytest.fixture
def studio_folder(tmp_path) -> Path:
    """A populated library on disk and closed, for commands run in another process."""
    folder = tmp_path / "studio"
    with Library.open(Settings(data_dir=folder)) as lib:
        populate(lib)
    return folder
