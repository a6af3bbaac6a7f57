"""Kill -9 in the middle of an import: on the next open nothing is half-written, and importing again finishes."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from dam.check import check
from dam.config import Settings
from dam.ingest import ImportOptions, import_paths
from dam.library import Library
from tests.ingest import media
from tests.ingest.conftest import stored_keys

ROOT = Path(__file__).resolve().parents[2]
FILES = 90


def test_sigkill_mid_batch_leaves_every_asset_whole_and_no_stray_file(tmp_path):
    folder = tmp_path / "shoot"
    for i in range(FILES):
        media.jpeg(folder / f"{i:03d}.jpg", i, (480, 360))
    data = tmp_path / "library"
    pending = data / "pending"
    proc = subprocess.Popen(
        [sys.executable, "-m", "dam", "--data", str(data), "import", str(folder), "--brand", "Acme"],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env={**os.environ, "DAM_WORKERS": "2"},
    )  # fmt: skip
    try:
        first = json.loads(proc.stdout.readline())  # one batch is filed ...
        deadline = time.monotonic() + 30
        while not any(pending.glob("*")) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.002)  # ... and the next one has files stored but no rows yet
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stdout.close()
    assert first["status"] == "added"
    assert proc.returncode == -signal.SIGKILL
    time.sleep(0.3)  # the workers die with their parent

    settings = Settings(data_dir=data, workers=2)
    with Library.open(settings) as library:  # recovery runs here
        rows = library.catalog.query("SELECT sha256, blob_key, thumb_small_key, thumb_large_key FROM assets")
        assert 0 < len(rows) < FILES, "the kill should land mid-import"
        referenced = {key for row in rows for key in row[1:]}
        assert stored_keys(library) == referenced  # no blob or thumbnail without its row
        for sha256, blob, small, large in rows:  # and no row without its blob and thumbnails
            with library.store.open(blob) as f:
                assert hashlib.sha256(f.read()).hexdigest() == sha256
            assert library.store.exists(small) and library.store.exists(large)
        assert not any(pending.glob("*")) and not any((data / "tmp").glob("*"))
        assert check(library).ok

        again = list(import_paths(library, [folder], ImportOptions(brand="Acme")))
        assert [r.status for r in again].count("duplicate") == len(rows)
        assert [r.status for r in again].count("added") == FILES - len(rows)
