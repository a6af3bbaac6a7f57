"""Large previews made after ingest: `python -m dam previews` makes the missing ones in worker processes, `check` is
clean before and after, and an original that cannot be decoded is a one-line reason, never a traceback."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from dam.check import check
from dam.config import Settings
from dam.errors import NotFound
from dam.ingest import ImportOptions, import_paths
from dam.ingest.previews import PreviewFailed, large_preview, make_missing, plan
from dam.library import Library
from dam.repos import assets
from tests.ingest import media

ROOT = Path(__file__).resolve().parents[2]


def dam(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "dam", "--data", str(data), *args], cwd=ROOT, capture_output=True, text=True,
        timeout=240, env={**os.environ, "DAM_WORKERS": "2"},
    )  # fmt: skip


def test_previews_makes_every_missing_one_per_brand_and_check_is_clean_before_and_after(tmp_path):
    # Nine in Acme: enough for the worker processes (dam/ingest/runners.py starts them from eight files).
    acme = [media.jpeg(tmp_path / "acme" / f"{i}.jpg", i, (640, 480)) for i in range(8)]
    acme.append(media.svg(tmp_path / "acme" / "logo.svg"))
    other = media.jpeg(tmp_path / "other" / "x.jpg", 20, (480, 640))
    data = tmp_path / "library"
    with Library.open(Settings(data_dir=data, workers=1)) as library:
        list(import_paths(library, acme, ImportOptions(brand="Acme"), index=False))
        list(import_paths(library, [other], ImportOptions(brand="Other"), index=False))
        before = check(library)
        assert before.ok and before.previews_not_made == 10

    only_acme = dam(data, "previews", "--brand", "acme")
    assert only_acme.returncode == 0, only_acme.stderr
    assert json.loads(only_acme.stdout) == {"assets": 9, "missing": 9, "made": 9, "failed": [], "ok": True}
    assert "preview/s" not in only_acme.stderr  # the progress bar shows only when stderr is a terminal

    rest = dam(data, "previews")
    assert json.loads(rest.stdout) == {"assets": 10, "missing": 1, "made": 1, "failed": [], "ok": True}
    with Library.open(Settings(data_dir=data), read_only=True) as library:
        after = check(library)
        assert after.ok and after.previews_not_made == 0
        for asset_id in assets.all_ids(library.catalog.cursor()):
            asset = assets.get(library.catalog.cursor(), asset_id)
            with library.store.open(asset.thumb_large_key) as f, Image.open(f) as preview:
                # A photo is never enlarged; a vector is drawn to fill the preview.
                side = 1600 if asset.mime == "image/svg+xml" else max(asset.width, asset.height)
                assert preview.format == "WEBP" and max(preview.size) == side

    unknown = dam(data, "previews", "--brand", "Nobody")
    assert unknown.returncode == 2 and "No brand named 'Nobody'" in unknown.stderr and "Traceback" not in unknown.stderr


def test_an_original_that_cannot_be_decoded_is_a_reason_not_a_traceback(tmp_path, ingest, library):
    good, damaged, gone = ingest(*(media.jpeg(tmp_path / f"{i}.jpg", i, (480, 360)) for i in range(3)))
    con = library.catalog.cursor()
    damaged_asset, gone_asset = assets.get(con, damaged.asset_id), assets.get(con, gone.asset_id)
    path = library.store.local_path(damaged_asset.blob_key)
    path.write_bytes(path.read_bytes()[:600])  # bitrot after import: the header survives, the pixels do not
    library.store.delete(gone_asset.blob_key)

    with pytest.raises(PreviewFailed, match="cannot be decoded"):
        large_preview(library, damaged_asset)
    with pytest.raises(NotFound, match="original is missing"):
        large_preview(library, gone_asset)
    run = make_missing(library, plan(library))

    assert (run.assets, run.missing, run.made) == (3, 3, 1)
    assert sorted(f["asset_id"] for f in run.failed) == [damaged.asset_id, gone.asset_id]
    assert not library.store.exists(damaged_asset.thumb_large_key)
    assert library.store.exists(assets.get(con, good.asset_id).thumb_large_key)


def test_a_generator_input_that_is_not_sent_as_is_gets_its_preview_made(tmp_path, ingest, library):
    from dam.generate.worker import picture

    (result,) = ingest(media.save(media.picture(5, (900, 600)), tmp_path / "scan.tif", "TIFF"))
    asset = assets.get(library.catalog.cursor(), result.asset_id)
    assert not library.store.exists(asset.thumb_large_key)

    sent = picture(library, asset)  # a TIFF goes to the generator as its large WebP preview

    assert sent.mime == "image/webp" and Image.open(io.BytesIO(sent.data)).size == (900, 600)
    with library.store.open(asset.thumb_large_key) as f:
        assert f.read() == sent.data
