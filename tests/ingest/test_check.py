"""`check` finds missing or damaged files and orphans; `check --repair` redraws thumbnails and removes orphans.
Large previews not made yet (they are made on first view) are counted, never a problem."""

from __future__ import annotations

from dam.check import check
from dam.storage import blob_key, thumb_key
from tests.ingest import media


def test_a_sound_library_checks_clean(tmp_path, ingest, library):
    ingest(media.jpeg(tmp_path / "a.jpg", 1), media.svg(tmp_path / "logo.svg"), media.pdf(tmp_path / "guide.pdf"))
    report = check(library)
    assert report.ok and report.assets == 3
    assert report.as_json() == {"ok": True, "assets": 3, "attachments": 0, "problems": [], "orphans": [], "repaired": [],
                                "removed": [], "unfinished_uploads": [], "aborted_uploads": [], "previews_not_made": 3}


def test_problems_and_orphans_are_reported_then_repaired(tmp_path, ingest, record, library):
    photo, clip = ingest(media.jpeg(tmp_path / "a.jpg", 1), media.video(tmp_path / "clip.webm", "libvpx-vp9"))
    photo_asset, clip_asset = record(photo.asset_id), record(clip.asset_id)
    store = library.store
    store.delete(photo_asset["thumb_small_key"])
    store.delete(clip_asset["thumb_large_key"])
    orphan_blob, orphan_thumb = blob_key("ab" * 32), thumb_key("cd" * 32, "small")
    store.put_bytes(orphan_blob, b"left behind")
    store.put_bytes(orphan_thumb, b"left behind")

    report = check(library)

    assert not report.ok
    assert [(p["asset_id"], p["problem"]) for p in report.problems] == [(photo.asset_id, "small thumbnail missing")]
    # The photo's large preview was never made, the video's was deleted: both are made on their first view.
    assert report.previews_not_made == 2
    assert sorted(report.orphans) == sorted([orphan_blob, orphan_thumb])
    assert store.exists(orphan_blob)  # a plain check changes nothing

    repaired = check(library, repair=True)

    assert repaired.ok, repaired.problems
    assert [r["key"] for r in repaired.repaired] == [photo_asset["thumb_small_key"]]
    assert sorted(repaired.removed) == sorted([orphan_blob, orphan_thumb])
    assert store.exists(photo_asset["thumb_small_key"]) and not store.exists(clip_asset["thumb_large_key"])
    assert not store.exists(orphan_blob) and check(library).ok


def test_damaged_or_missing_originals_stay_problems(tmp_path, ingest, record, library):
    first, second = ingest(media.jpeg(tmp_path / "a.jpg", 1), media.jpeg(tmp_path / "b.jpg", 2))
    damaged, missing = record(first.asset_id), record(second.asset_id)
    with open(library.store.local_path(damaged["blob_key"]), "r+b") as f:
        f.seek(100)
        f.write(b"bitrot")
    library.store.delete(missing["blob_key"])
    library.store.delete(missing["thumb_small_key"])

    report = check(library, repair=True)

    assert not report.ok
    assert {(p["asset_id"], p["problem"]) for p in report.problems} == {
        (first.asset_id, "original damaged (sha256 differs)"),
        (second.asset_id, "original missing"),
        (second.asset_id, "small thumbnail missing"),  # nothing to redraw it from
    }


def test_missing_thumbnail_key_in_the_row_is_filled_by_repair(tmp_path, ingest, record, library):
    (result,) = ingest(media.jpeg(tmp_path / "a.jpg", 1))
    asset = record(result.asset_id)
    library.catalog.cursor().execute("UPDATE assets SET thumb_large_key = NULL WHERE id = ?", [result.asset_id])

    assert [p["problem"] for p in check(library).problems] == ["large preview key missing"]
    assert check(library, repair=True).ok
    assert record(result.asset_id)["thumb_large_key"] == asset["thumb_large_key"]
