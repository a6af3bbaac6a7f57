"""Export -> load -> export gives the same content; load keeps ids, fixes sequences and copies files."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from dam.exchange.export import export_library
from dam.exchange.load import load_library
from dam.exchange.tables import catalog_tables, quoted
from dam.repos import assets, brands, events
from tests.exchange.conftest import BASE_TIME, add_asset


def parquet_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.parquet"))


def stored_files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def catalog_rows(library) -> dict[str, list[tuple]]:
    """Every table's rows, sorted, straight from the catalog."""
    con = library.catalog.cursor()
    return {t: sorted(con.execute(f"SELECT * FROM {quoted(t)}").fetchall(), key=repr) for t in catalog_tables(con)}


def test_export_load_export_gives_identical_content(studio, open_library, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    export_library(studio.library, first, with_files=True)
    copy = open_library("copy")
    load_library(copy, first)
    export_library(copy, second, with_files=True)

    assert parquet_files(first) == parquet_files(second)
    for name in parquet_files(first):
        a, b = pq.read_table(first / name), pq.read_table(second / name)
        assert a.schema == b.schema, name
        assert a.equals(b), name
    assert stored_files(first / "files") == stored_files(second / "files")
    assert catalog_rows(copy) == catalog_rows(studio.library)


def test_export_writes_one_file_per_table_and_a_manifest(studio, tmp_path):
    summary = export_library(studio.library, tmp_path / "out")
    # Later migrations add tables; each gets its file without the export having to be told.
    assert set(parquet_files(tmp_path / "out")) >= {
        "assets.parquet", "brand_pins.parquet", "brands.parquet", "campaigns.parquet", "collection_assets.parquet",
        "collections.parquet", "events.parquet", "memberships.parquet", "saved_searches.parquet", "tags.parquet",
        "users.parquet",
    }  # fmt: skip
    assert not {"asset_tags.parquet", "text_embeddings.parquet", "schema_info.parquet"} & set(parquet_files(tmp_path / "out"))
    assert summary.rows["assets"] == 7 and summary.rows["events"] == 2
    assert not (tmp_path / "out" / "files").exists()
    assert (tmp_path / "out" / "manifest.json").is_file()


def test_assets_file_has_every_column_names_and_lists(studio, tmp_path):
    export_library(studio.library, tmp_path / "out")
    table = pq.read_table(tmp_path / "out" / "assets.parquet")
    con = studio.library.catalog.cursor()
    catalog_columns = [r[0] for r in con.execute("DESCRIBE assets").fetchall()]
    assert table.column_names == catalog_columns + [
        "brand", "creator", "tags", "collections", "campaigns", "inputs", "text_embedding"]  # fmt: skip
    assert table.schema.field("text_embedding").type == pa.list_(pa.float32(), 384)
    rows = {r["id"]: r for r in table.to_pylist()}
    assert list(rows) == sorted(rows), "rows are ordered by id"
    beach = rows[studio.beach]
    assert (beach["brand"], beach["creator"], beach["tags"]) == ("Acme", "ben", ["beach", "summer"])
    assert beach["collections"] == ["Shoots", "Shoots/Spring 2026"]
    assert beach["campaigns"] == ["Summer Sale"]
    assert len(beach["text_embedding"]) == 384
    assert beach["created_at"] == BASE_TIME.replace(hour=10, microsecond=BASE_TIME.microsecond + 1)
    assert rows[studio.generated]["inputs"] == sorted([studio.beach, studio.beach_again])
    assert rows[studio.trashed]["deleted_at"] == BASE_TIME, "trashed assets are exported too"
    assert rows[studio.beach_again]["text_embedding"] is None


def test_collections_file_has_brand_and_full_path(studio, tmp_path):
    export_library(studio.library, tmp_path / "out")
    rows = pq.read_table(tmp_path / "out" / "collections.parquet").to_pylist()
    paths = {(r["brand"], r["path"]) for r in rows}
    assert ("Borealis", "Brand/Logos/Primary") in paths and ("Acme", "Archive") in paths


def test_users_keep_their_password_hashes(studio, tmp_path):
    export_library(studio.library, tmp_path / "out")
    users = {r["handle"]: r for r in pq.read_table(tmp_path / "out" / "users.parquet").to_pylist()}
    assert users["ana"]["password_hash"].startswith("$argon2id$")
    assert users["ben"]["failed_logins"] == 2


def test_after_load_new_rows_get_fresh_ids(studio, open_library, tmp_path):
    export_library(studio.library, tmp_path / "out", with_files=True)
    copy = open_library("copy")
    load_library(copy, tmp_path / "out")
    con = copy.catalog.cursor()
    top = {t: con.execute(f"SELECT max(id) FROM {t}").fetchone()[0] for t in ("assets", "brands", "events", "tags")}
    new_asset = add_asset(copy, studio.acme, 99, "new.jpg")
    with copy.catalog.transaction() as con:
        new_brand = brands.create(con, "Cobalt").id
        events.record(con, actor_id=None, action="create", entity="brand", entity_id=new_brand)
        new_tag = con.execute("INSERT INTO tags (name) VALUES ('fresh') RETURNING id").fetchone()[0]
    assert new_asset == top["assets"] + 1
    assert new_brand == top["brands"] + 1
    assert new_tag == top["tags"] + 1
    assert con.execute("SELECT max(id) FROM events").fetchone()[0] == top["events"] + 1


def test_load_copies_originals_and_thumbnails(studio, open_library, tmp_path):
    export_library(studio.library, tmp_path / "out", with_files=True)
    copy = open_library("copy")
    summary = load_library(copy, tmp_path / "out")
    assert summary.missing_originals == 0
    for asset_id in studio.asset_ids:
        asset = assets.get(copy.catalog.cursor(), asset_id)
        for key in (asset.blob_key, asset.thumb_small_key, asset.thumb_large_key):
            with copy.store.open(key) as mine, studio.library.store.open(key) as theirs:
                assert mine.read() == theirs.read()


def test_export_without_files_loads_and_reports_missing_originals(studio, open_library, tmp_path):
    export_library(studio.library, tmp_path / "out")
    copy = open_library("copy")
    summary = load_library(copy, tmp_path / "out")
    assert summary.files == 0
    assert summary.missing_originals == len(studio.asset_ids)
    assert summary.rows["assets"] == len(studio.asset_ids)


def test_an_empty_library_round_trips(library, open_library, tmp_path):
    export_library(library, tmp_path / "empty")
    copy = open_library("copy")
    assert sum(load_library(copy, tmp_path / "empty").rows.values()) == 0
