"""`python -m dam migrate --to s3://...`: a library's files moved into SeaweedFS, verified, resumable, then used."""

from __future__ import annotations

import hashlib
import json

import pytest

from dam.check import check
from dam.cli import main
from dam.ingest import ImportOptions, import_paths
from dam.library import Library
from dam.repos import assets, events
from dam.services import threads
from dam.services.attachments import Upload
from dam.storage.location import RECORD_NAME
from dam.storage.migrate import JOURNAL_NAME, migrate
from dam.storage.s3 import S3Store
from tests.factories import make_brand, make_user
from tests.ingest import media


class _Interrupted(Exception):
    pass


@pytest.fixture
def local_library(settings, tmp_path):
    """A library on its own disk with photos, a PDF and an attachment: 5 originals, 5 small thumbnails (the large
    ones wait for a first view), 2 attachment files."""
    with Library.open(settings) as library:
        paths = [media.jpeg(tmp_path / f"p{i}.jpg", i) for i in range(4)] + [media.pdf(tmp_path / "g.pdf")]
        ids = [r.asset_id for r in import_paths(library, paths, ImportOptions(brand="Acme"), index=False)]
        viewer = make_user(library, "vera", {make_brand(library, "Acme"): "viewer"})
        with library.catalog.transaction() as con:
            assets.update(con, ids[0], {"status": "approved"})
        note = media.encoded(media.picture(9, (200, 100)), "PNG")
        threads.post(library, viewer, ids[0], "see", attachments=[Upload("note.png", note)])
    return settings


def test_migrate_moves_every_file_verified_and_the_library_opens_on_s3(local_library, s3_env, capsys):
    data = local_library.data_dir
    hashes = {p.relative_to(data).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
              for folder in ("blobs", "thumbs", "attachments") for p in (data / folder).rglob("*") if p.is_file()}  # fmt: skip
    assert main(["--data", str(data), "migrate", "--to", s3_env]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] and report["files"] == report["copied"] == len(hashes) == 12
    assert json.loads((data / RECORD_NAME).read_text())["location"] == s3_env
    with Library.open(local_library) as library:  # no DAM_STORAGE: the recorded location is used
        assert isinstance(library.store, S3Store)
        for key, sha256 in hashes.items():
            with library.store.open(key) as f:
                assert hashlib.sha256(f.read()).hexdigest() == sha256
        assert check(library).ok and check(library).attachments == 1
        (event,) = events.for_entity(library.catalog.cursor(), "library", 0)
        assert event["action"] == "library.storage_moved" and event["after"] == {"files": 12, "location": s3_env}
    assert main(["--data", str(data), "migrate", "--to", s3_env]) == 0  # again: nothing to do
    assert json.loads(capsys.readouterr().out)["already_moved"]


def test_an_interrupted_migration_leaves_the_library_local_and_resumes(local_library, s3_env):
    moved = 0

    def stop_after_six() -> None:
        nonlocal moved
        moved += 1
        if moved == 6:
            raise _Interrupted()

    with Library.open(local_library) as library:
        with pytest.raises(_Interrupted):
            migrate(library, s3_env, progress=stop_after_six)
        assert not (local_library.data_dir / RECORD_NAME).exists() and (local_library.data_dir / JOURNAL_NAME).exists()
    with Library.open(local_library) as library:  # still on its own disk, whatever reached the store
        assert not isinstance(library.store, S3Store) and check(library).ok
        report = migrate(library, s3_env, remove_local=True)
    assert report.ok and report.verified_before >= 6 and report.copied + report.verified_before == report.files
    assert not (local_library.data_dir / JOURNAL_NAME).exists() and not any((local_library.data_dir / "blobs").rglob("*.*"))
    with Library.open(local_library) as library:
        assert check(library).ok
