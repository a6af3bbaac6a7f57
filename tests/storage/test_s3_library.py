"""A library on SeaweedFS: ingest (worker processes too), check and repair, zips and attachments from S3."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import replace

from dam.check import check
from dam.exchange.zipper import prepare_zip
from dam.ingest import ImportOptions, import_paths
from dam.library import Library
from dam.repos import assets
from dam.services import thread_view, threads
from dam.services.attachments import PREFIX, Upload
from dam.storage.s3 import S3Store
from tests.factories import make_asset, make_brand, make_user
from tests.ingest import media


def _ingest(library, paths):
    return list(import_paths(library, paths, ImportOptions(brand="Acme"), index=False))


def _read(store, key: str) -> bytes:
    with store.open(key) as f:
        return f.read()


def _files(tmp_path):
    """Eight photos (enough for the worker processes), a PDF and a short video."""
    photos = [media.jpeg(tmp_path / f"photo-{i}.jpg", i, size=(320, 240)) for i in range(8)]
    return photos + [media.pdf(tmp_path / "guide.pdf"), media.video(tmp_path / "clip.mp4", "libx264")]


def test_ingested_files_are_on_s3_byte_for_byte_and_the_library_reopens_there(s3_library, s3_settings, tmp_path):
    paths = _files(tmp_path)
    results = _ingest(s3_library, paths)
    assert [r.status for r in results] == ["added"] * len(paths)
    con = s3_library.catalog.cursor()
    for path, result in zip(paths, results):
        asset = assets.get(con, result.asset_id)
        stored = _read(s3_library.store, asset.blob_key)
        assert hashlib.sha256(stored).hexdigest() == asset.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
        assert _read(s3_library.store, asset.thumb_small_key)[8:12] == b"WEBP"
    assert not (s3_settings.data_dir / "blobs").exists()  # nothing went to local disk
    s3_library.close()
    # The location is the library's: it opens on S3 again without DAM_STORAGE.
    with Library.open(replace(s3_settings, storage="")) as again:
        assert isinstance(again.store, S3Store) and str(again.store.location) == s3_settings.storage
        report = check(again)
        assert report.ok and report.assets == len(paths) and report.unfinished_uploads == []


def test_check_on_s3_finds_damage_and_orphans_and_redraws_thumbnails(s3_library, tmp_path):
    clip, photo = _ingest(s3_library, [media.video(tmp_path / "clip.mp4", "libx264"), media.jpeg(tmp_path / "a.jpg")])
    con = s3_library.catalog.cursor()
    clip, photo = assets.get(con, clip.asset_id), assets.get(con, photo.asset_id)
    store = s3_library.store
    store.delete(clip.thumb_small_key)
    store.put_bytes(photo.blob_key, b"not the photo")  # bytes changed behind the library's back
    store.put_bytes("thumbs/00/00/stray-400.webp", b"orphan")
    report = check(s3_library)
    assert {(p["key"], p["problem"]) for p in report.problems} == {
        (clip.thumb_small_key, "small thumbnail missing"), (photo.blob_key, "original damaged (sha256 differs)")}
    assert report.orphans == ["thumbs/00/00/stray-400.webp"]
    repaired = check(s3_library, repair=True)  # the video is copied down to be decoded again
    assert [r["key"] for r in repaired.repaired] == [clip.thumb_small_key] and store.exists(clip.thumb_small_key)
    assert repaired.removed == ["thumbs/00/00/stray-400.webp"] and not store.exists("thumbs/00/00/stray-400.webp")
    assert [p["key"] for p in repaired.problems] == [photo.blob_key]  # an original cannot be repaired


def test_a_zip_streams_its_originals_from_s3(s3_library):
    acme = make_brand(s3_library, "Acme")
    ids = [make_asset(s3_library, acme, seed, name=f"shot {seed}") for seed in (1, 2, 3)]
    download = prepare_zip(s3_library, ids)
    data = b"".join(download)
    assert len(data) == download.size
    con = s3_library.catalog.cursor()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for entry in download.entries:
            assert hashlib.sha256(archive.read(entry.entry_name)).hexdigest() == assets.get(con, entry.asset_id).sha256


def test_attachments_are_stored_on_s3_and_checked(s3_library):
    acme = make_brand(s3_library, "Acme")
    viewer = make_user(s3_library, "vera", {acme: "viewer"})
    asset_id = make_asset(s3_library, acme, 1, status="approved")
    picture = media.encoded(media.picture(4, (300, 200)), "PNG")
    threads.post(s3_library, viewer, asset_id, "marked up", attachments=[Upload("notes.png", picture)])
    (item,) = thread_view.load(s3_library, viewer, asset_id).comments[0].attachments
    assert s3_library.store.exists(item.blob_key) and item.blob_key.startswith(PREFIX)
    original, mime, _ = thread_view.attachment_file(s3_library, viewer, item.id)
    assert original == picture and mime == "image/png"
    report = check(s3_library)  # (the factory's asset has no thumbnails: those problems are not this test's)
    assert report.attachments == 1 and report.orphans == [] and not _attachment_problems(report)
    s3_library.store.put_bytes(item.blob_key, b"tampered")
    assert _attachment_problems(check(s3_library)) == [(item.id, "original damaged (sha256 differs)")]


def _attachment_problems(report) -> list[tuple[int, str]]:
    return [(p["attachment_id"], p["problem"]) for p in report.problems if "attachment_id" in p]


def test_a_refused_upload_is_a_rejection_with_no_catalog_row(s3_library, s3_settings, tmp_path, monkeypatch):
    s3_library.close()
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "not-the-secret")
    with Library.open(s3_settings) as refused:
        (result,) = _ingest(refused, [media.jpeg(tmp_path / "a.jpg")])
        assert result.status == "rejected" and result.reason.startswith("could not store the file (object store")
        assert assets.all_ids(refused.catalog.cursor()) == []
