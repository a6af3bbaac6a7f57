"""An export written at an older schema version loads into a newer library through the catalog's migrations."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from dam.db.schema import SCHEMA_VERSION
from dam.exchange.export import write_tables
from dam.exchange.load import load_library
from dam.exchange.manifest import Manifest
from dam.exchange.upgrade import _create_schema
from dam.repos import assets
from dam.storage import blob_key
from tests.exchange.conftest import image_bytes

WHEN = datetime(2025, 1, 2, 3, 4, 5, 678901)


def old_export(folder: Path, version: int) -> int:
    """An export as a library at `version` would have written it, with one original; returns the asset id."""
    data = image_bytes(11)
    sha = hashlib.sha256(data).hexdigest()
    folder.mkdir()
    con = duckdb.connect(str(folder.parent / f"old-{version}.duckdb"))
    _create_schema(con, version)
    # Only columns the very first migration made, so every older version has them.
    con.execute("INSERT INTO brands (id, name) VALUES (4, 'Acme')")
    con.execute("INSERT INTO users (id, handle, display_name) VALUES (9, 'ana', 'Ana')")
    con.execute(
        "INSERT INTO assets (id, brand_id, name, original_name, kind, mime, byte_size, sha256, created_at,"
        " updated_at, blob_key, creator_id) VALUES (17, 4, 'dunes', 'dunes.jpg', 'image', 'image/jpeg', ?, ?, ?, ?, ?, 9)",
        [len(data), sha, WHEN, WHEN, blob_key(sha)],
    )
    con.execute("INSERT INTO tags (id, name) VALUES (3, 'desert')")
    con.execute("INSERT INTO asset_tags VALUES (17, 3)")
    con.execute("INSERT INTO events (id, occurred_at, actor_id, action, entity, entity_id) VALUES (5, ?, 9, 'import', 'asset', 17)", [WHEN])  # fmt: skip
    rows = write_tables(con, folder)
    con.close()
    (folder / "files" / blob_key(sha)).parent.mkdir(parents=True)
    (folder / "files" / blob_key(sha)).write_bytes(data)
    Manifest(schema_version=version, library_version="old", exported_at="2025-01-02T03:04:05+00:00",
             with_files=True, rows=rows, files=1, file_bytes=len(data)).write(folder)  # fmt: skip
    return 17


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_older_export_loads_with_ids_and_files(version, library, tmp_path):
    asset_id = old_export(tmp_path / "old", version)
    summary = load_library(library, tmp_path / "old")
    con = library.catalog.cursor()
    record = assets.record(con, asset_id)
    assert (record["brand"], record["creator"], record["tags"], record["created_at"]) == ("Acme", "ana", ["desert"], WHEN)
    assert summary.files == 1 and summary.missing_originals == 0
    assert con.execute("SELECT id FROM events").fetchall() == [(5,)]
    assert not list((library.settings.data_dir / "tmp").glob("upgrade-*")), "the scratch copy is removed"

