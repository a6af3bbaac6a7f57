"""Purging the trash removes rows and files, keeps files another asset shares, and honours retention."""

from __future__ import annotations

from datetime import timedelta

from dam.repos import assets, events
from dam.services import assets as service
from dam.services import trash
from tests.factories import make_asset, make_brand, make_user


def test_purge_removes_row_and_files_unless_shared(library):
    acme, other = make_brand(library, "Acme"), make_brand(library, "Other")
    boss = make_user(library, "boss", {acme: "manager", other: "manager"})
    lone = make_asset(library, acme, 1, status="approved")
    shared = make_asset(library, acme, 2, status="approved")
    twin = make_asset(library, other, 2, status="approved")  # same bytes in another brand
    con = library.catalog.cursor()
    lone_key, shared_key = assets.get(con, lone).blob_key, assets.get(con, shared).blob_key

    assert trash.purge(library, boss, [lone]).failed  # not in the trash yet
    service.trash(library, boss, [lone, shared])
    assert trash.purge(library, boss, [lone, shared]).succeeded == [lone, shared]
    assert not library.store.exists(lone_key)
    assert library.store.exists(shared_key)  # the twin still needs it
    assert assets.get(con, twin).blob_key == shared_key
    assert library.catalog.query("SELECT count(*) FROM assets WHERE id IN (?, ?)", [lone, shared]) == [(0,)]


def test_creator_cannot_purge(library):
    acme = make_brand(library, "Acme")
    boss = make_user(library, "boss", {acme: "manager"})
    carl = make_user(library, "carl", {acme: "creator"})
    asset_id = make_asset(library, acme, 3, status="approved")
    service.trash(library, boss, [asset_id])
    assert trash.purge(library, carl, [asset_id]).failed[0].reason.startswith("Your role (creator)")


def test_retention_purges_only_old_trash(library):
    acme = make_brand(library, "Acme")
    now = events.utcnow()
    old = make_asset(library, acme, 4, deleted_at=now - timedelta(days=31))
    recent = make_asset(library, acme, 5, deleted_at=now - timedelta(days=2))
    live = make_asset(library, acme, 6)
    result = trash.purge_expired(library, days=30)
    assert result.succeeded == [old]
    remaining = {r[0] for r in library.catalog.query("SELECT id FROM assets")}
    assert remaining == {recent, live}


def test_purge_removes_the_thread_and_its_attachment_files(library):
    import io

    from PIL import Image

    from dam.services import threads

    acme = make_brand(library, "Acme")
    boss = make_user(library, "boss", {acme: "manager"})
    asset_id = make_asset(library, acme, 7, status="approved")
    picture = io.BytesIO()
    Image.new("RGB", (40, 30), (10, 200, 90)).save(picture, "PNG")
    threads.post(library, boss, asset_id, "see attached", attachments=[threads.Upload("ref.png", picture.getvalue())])
    stored = [k for k in library.store.keys("attachments/")]
    assert stored
    service.trash(library, boss, [asset_id])
    assert trash.purge(library, boss, [asset_id]).succeeded == [asset_id]
    assert library.catalog.query("SELECT count(*) FROM comments WHERE asset_id = ?", [asset_id]) == [(0,)]
    assert not any(library.store.exists(k) for k in stored)


def test_purge_trash_command_honours_days(tmp_path):
    import json
    import subprocess
    import sys

    from dam.config import Settings
    from dam.library import Library

    data = tmp_path / "lib"
    with Library.open(Settings(data_dir=data)) as library:
        acme = make_brand(library, "Acme")
        old = make_asset(library, acme, 8, deleted_at=events.utcnow() - timedelta(days=10))
    run = lambda *extra: subprocess.run([sys.executable, "-m", "dam", "--data", str(data), "purge-trash", *extra],  # noqa: E731
                                        capture_output=True, text=True, check=True)  # fmt: skip
    assert json.loads(run().stdout)["purged"] == []  # 30 days by default
    assert json.loads(run("--days", "7").stdout)["purged"] == [old]
