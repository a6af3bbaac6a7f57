"""The pipeline as a whole: duplicates, filing options, events, order of results, worker processes."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import datetime

import pytest

from dam.errors import DamError, NotFound
from dam.ingest import ImportOptions, IngestStats, import_file, import_paths
from dam.library import Library
from dam.repos import events, users
from tests.ingest import media
from tests.ingest.conftest import stored_keys


def test_same_bytes_in_one_brand_give_back_the_existing_asset(tmp_path, ingest, library):
    original = media.jpeg(tmp_path / "a.jpg", 1)
    copy = tmp_path / "renamed copy.jpg"
    shutil.copy(original, copy)

    first = ingest(original)
    keys_after_first = stored_keys(library)
    again = ingest(copy, original)

    assert first[0].status == "added"
    assert [(r.status, r.asset_id) for r in again] == [("duplicate", first[0].asset_id)] * 2
    assert stored_keys(library) == keys_after_first  # one blob, two thumbnails: no second copy
    assert library.catalog.query("SELECT count(*) FROM assets") == [(1,)]


def test_duplicates_within_one_batch_point_at_the_first(tmp_path, ingest):
    a = media.jpeg(tmp_path / "a.jpg", 1)
    b = media.jpeg(tmp_path / "b.jpg", 2)
    a2 = tmp_path / "a-again.jpg"
    shutil.copy(a, a2)

    results = ingest(a, b, a2)

    assert [r.status for r in results] == ["added", "added", "duplicate"]
    assert results[2].asset_id == results[0].asset_id


def test_same_bytes_in_another_brand_are_a_new_asset_sharing_the_stored_files(tmp_path, ingest, library):
    path = media.jpeg(tmp_path / "shared.jpg", 1)
    (acme,) = ingest(path, brand="Acme")
    keys = stored_keys(library)
    (other,) = ingest(path, brand="Northwind")
    assert other.status == "added" and other.asset_id != acme.asset_id
    assert stored_keys(library) == keys


def test_trashed_copy_does_not_count_as_a_duplicate(tmp_path, ingest, library):
    path = media.jpeg(tmp_path / "a.jpg", 1)
    (first,) = ingest(path)
    library.catalog.cursor().execute("UPDATE assets SET deleted_at = now() WHERE id = ?", [first.asset_id])
    (again,) = ingest(path)
    assert again.status == "added" and again.asset_id != first.asset_id


def test_options_file_the_assets(tmp_path, ingest, record, library):
    (parent,) = ingest(media.jpeg(tmp_path / "input.jpg", 1))
    when = datetime(2026, 2, 3, 4, 5, 6)
    results = ingest(
        media.jpeg(tmp_path / "gen-1.jpg", 2), media.jpeg(tmp_path / "gen-2.jpg", 3),
        brand="Acme", source="generated", collection="Campaigns/Spring 2026/Hero", campaign="Spring launch",
        tags=("Hero", "spring"), creator="mia", prompt="a beach at golden hour", negative_prompt="people",
        model="sdxl", seed=42, gen_params={"steps": 30}, parent_id=parent.asset_id, status="in_review",
        created_at=when,
    )  # fmt: skip

    asset = record(results[0].asset_id)
    assert asset["brand"] == "Acme" and asset["source"] == "generated" and asset["status"] == "in_review"
    assert asset["collections"] == ["Campaigns/Spring 2026/Hero"]
    assert asset["campaigns"] == ["Spring launch"]
    assert asset["tags"] == ["hero", "spring"]
    assert asset["creator"] == "mia"
    assert (asset["prompt"], asset["negative_prompt"], asset["model"], asset["seed"]) == (
        "a beach at golden hour", "people", "sdxl", 42)  # fmt: skip
    assert asset["gen_params"] == '{"steps": 30}'
    assert asset["parent_id"] == parent.asset_id and asset["inputs"] == [parent.asset_id]
    assert asset["created_at"] == when
    con = library.catalog.cursor()
    mia = users.by_handle(con, "mia")
    assert users.role_in(con, mia.id, asset["brand_id"]) == "creator"  # a new creator can see their work
    history = events.for_entity(con, "asset", results[0].asset_id)
    assert [(e["action"], e["actor_id"]) for e in history] == [("asset.create", mia.id)]
    assert history[0]["after"]["sha256"] == asset["sha256"]


def test_every_added_asset_gets_one_create_event(tmp_path, ingest, library):
    results = ingest(*(media.jpeg(tmp_path / f"{i}.jpg", i) for i in range(3)))
    rows = library.catalog.query("SELECT entity_id FROM events WHERE action = 'asset.create' ORDER BY entity_id")
    assert [r[0] for r in rows] == [r.asset_id for r in results]


@pytest.mark.parametrize(
    "options, message",
    [
        ({"source": "stolen"}, "Unknown source"),
        ({"status": "published"}, "Unknown status"),
        ({"rating": 9}, "1 to 5"),
        ({"collection": "Bad\x00Name"}, "control characters"),
        ({"brand": " "}, "needs a brand"),
    ],
)
def test_bad_options_fail_before_any_file_is_read(options, message, tmp_path, library):
    path = media.jpeg(tmp_path / "a.jpg", 1)
    with pytest.raises(DamError, match=message):
        import_paths(library, [path], ImportOptions(**{"brand": "Acme", **options}))
    assert stored_keys(library) == set()


def test_missing_parent_asset_is_refused(tmp_path, library):
    with pytest.raises(NotFound, match="No asset with id 999"):
        import_paths(library, [media.jpeg(tmp_path / "a.jpg", 1)], ImportOptions(brand="Acme", parent_id=999))


def test_folders_are_walked_in_order_skipping_hidden_files(tmp_path, ingest):
    shoot = tmp_path / "shoot"
    media.jpeg(shoot / "b.jpg", 1)
    media.jpeg(shoot / "a.jpg", 2)
    media.jpeg(shoot / "day 2" / "c.jpg", 3)
    (shoot / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    media.jpeg(shoot / ".hidden" / "d.jpg", 4)

    results = ingest(shoot)

    assert [r.path.removeprefix(str(shoot) + "/") for r in results] == ["a.jpg", "b.jpg", "day 2/c.jpg"]


def test_worker_processes_give_the_same_results_in_order(tmp_path, settings):
    """Enough files to start the worker pool: results stay in file order, ids follow it, duplicates resolve."""
    files = [media.jpeg(tmp_path / f"{i:02d}.jpg", i, (640, 480)) for i in range(12)]
    shutil.copy(files[3], tmp_path / "05-copy-of-03.jpg")
    (tmp_path / "04-empty.jpg").write_bytes(b"")
    stats = IngestStats()
    with Library.open(replace(settings, workers=2)) as library:
        results = list(import_paths(library, [tmp_path], ImportOptions(brand="Acme"), stats=stats, index=False))

    assert stats.workers == 2
    names = [r.path.rsplit("/", 1)[-1] for r in results]
    assert names == sorted(names)
    by_name = dict(zip(names, results))
    copy = by_name["05-copy-of-03.jpg"]
    assert copy.status == "duplicate" and copy.asset_id == by_name["03.jpg"].asset_id
    assert by_name["04-empty.jpg"].status == "rejected"
    added = [r.asset_id for r in results if r.status == "added"]
    assert added == sorted(added) and len(added) == 12
    assert {"hash", "decode", "thumbnails", "palette", "store", "catalog"} <= set(stats.seconds)


def test_one_uploaded_file_uses_its_display_name(tmp_path, library, record):
    spooled = media.heic(tmp_path / "tmpa8f3k2", 1)
    result = import_file(library, spooled, ImportOptions(brand="Acme"), display_name="IMG_2041.HEIC", index=False)
    assert result.path == "IMG_2041.HEIC" and result.status == "added"
    assert record(result.asset_id)["original_name"] == "IMG_2041.HEIC"


def test_stopping_early_leaves_no_stored_files_behind(tmp_path, library):
    files = [media.jpeg(tmp_path / f"{i}.jpg", i) for i in range(40)]
    results = import_paths(library, files, ImportOptions(brand="Acme"), index=False)
    first = next(results)  # one batch is filed; the rest is in flight
    results.close()
    filed = {r[0] for r in library.catalog.query("SELECT sha256 FROM assets")}
    stored = {key.rsplit("/", 1)[-1].split("-")[0] for key in stored_keys(library)}
    assert first.status == "added" and stored == filed
    assert not any((library.settings.data_dir / "pending").glob("*"))
