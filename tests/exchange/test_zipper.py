"""Zips of a selection: every original byte for byte and uncompressed, safe unique names, a faithful manifest."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile

import pytest

from dam.errors import NotFound
from dam.exchange.zipper import MANIFEST_COLUMNS, prepare_zip, write_zip, zip_stream
from dam.repos import assets


def open_zip(studio, ids, tmp_path) -> zipfile.ZipFile:
    write_zip(studio.library, ids, tmp_path / "selection.zip")
    return zipfile.ZipFile(tmp_path / "selection.zip")


def manifest_rows(archive: zipfile.ZipFile) -> list[dict[str, str]]:
    text = archive.read("manifest.csv").decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_every_entry_matches_its_original(studio, tmp_path):
    archive = open_zip(studio, studio.asset_ids, tmp_path)
    assert archive.testzip() is None
    rows = manifest_rows(archive)
    assert [int(r["id"]) for r in rows] == studio.asset_ids
    con = studio.library.catalog.cursor()
    for row in rows:
        asset = assets.get(con, int(row["id"]))
        info = archive.getinfo(row["entry"])
        assert info.compress_type == zipfile.ZIP_STORED, "originals are stored, never recompressed"
        assert info.file_size == asset.byte_size
        assert hashlib.sha256(archive.read(info)).hexdigest() == asset.sha256 == row["sha256"]
    assert archive.namelist() == ["manifest.csv"] + [r["entry"] for r in rows]


def test_assets_sharing_a_name_get_unique_entries(studio, tmp_path):
    archive = open_zip(studio, [studio.beach, studio.beach_again], tmp_path)
    assert archive.namelist() == ["manifest.csv", "beach.jpg", "Beach (2).jpg"]


def test_hostile_names_are_made_safe(studio, tmp_path):
    archive = open_zip(studio, [studio.hostile], tmp_path)
    entry = archive.namelist()[1]
    assert entry == "_.._etc_passwdgpj.png"
    assert not any(c in entry for c in "/\\\x00\n\u202e")


def test_manifest_describes_each_entry(studio, tmp_path):
    rows = manifest_rows(open_zip(studio, [studio.beach, studio.formula, studio.generated], tmp_path))
    assert tuple(rows[0]) == MANIFEST_COLUMNS
    beach = rows[0]
    assert beach["entry"] == beach["name"] == "beach.jpg"
    assert (beach["brand"], beach["kind"], beach["mime"], beach["status"], beach["rating"]) == (
        "Acme", "image", "image/jpeg", "approved", "5")  # fmt: skip
    assert (beach["width"], beach["height"]) == ("48", "32")
    assert beach["tags"] == "beach; summer"
    assert beach["collections"] == "Shoots; Shoots/Spring 2026"
    assert beach["campaigns"] == "Summer Sale"
    assert beach["created_at"] == "2026-03-14T10:26:53.589794"
    # A name that would run as a spreadsheet formula is quoted as text; its entry name lost the '='.
    assert rows[1]["name"].startswith("'=HYPERLINK") and rows[1]["entry"].startswith("HYPERLINK")
    assert rows[2]["rating"] == "" and rows[2]["tags"] == ""


def test_ids_keep_their_order_and_repeats_are_dropped(studio, tmp_path):
    rows = manifest_rows(open_zip(studio, [studio.logo, studio.beach, studio.logo], tmp_path))
    assert [int(r["id"]) for r in rows] == [studio.logo, studio.beach]


def test_unknown_ids_are_named_before_anything_is_written(studio, tmp_path):
    with pytest.raises(NotFound, match="No asset with id 404, 405"):
        write_zip(studio.library, [studio.beach, 404, 405], tmp_path / "out.zip")
    assert list(tmp_path.glob("out.zip*")) == []


def test_a_missing_original_is_reported_up_front(studio):
    studio.library.store.delete(assets.get(studio.library.catalog.cursor(), studio.logo).blob_key)
    with pytest.raises(NotFound, match=f"original of asset {studio.logo} is missing"):
        zip_stream(studio.library, [studio.beach, studio.logo])


def test_stream_is_an_iterator_of_the_announced_size(studio):
    download = prepare_zip(studio.library, studio.asset_ids)
    stream = zip_stream(studio.library, studio.asset_ids)
    first = next(stream)  # the web route drives it with next() from worker threads
    data = first + b"".join(stream)
    assert len(data) == download.size
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None
